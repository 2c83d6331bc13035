import type { Analysed } from '../../migrations/analyse.js';
import type { Client } from '../session/connect.js';
import { quoteIdent } from '../session/identifiers.js';

/** A session holding a lock that a migration (blockingSessions) or the backup (dumpBlockers) would wait behind. */
export interface BlockingSession {
  pid: number;
  state: string;
  relation: string;
  mode: string;
  transactionAgeSeconds: number;
  query: string;
  /**
   * Set when this role may not see the session's activity: another role's session, to a role that is not a member
   * of it nor of pg_read_all_stats (the migrating role on a managed service, as a rule). Its state, transaction
   * start and query are NULL to us (state and query are then empty here); its role, pid and locks are not.
   * `role` is null for a server process (autovacuum).
   */
  hidden?: { role: string | null };
  /** An autovacuum worker, which PostgreSQL cancels for a lock waiter after deadlock_timeout (unless it prevents wraparound). */
  autovacuum?: { wraparound: boolean };
}

/**
 * How messages name a session: `pid 42 (idle in transaction, transaction open 75 s)`, with `holding` (`AccessShareLock
 * on t`) after the state when given. A hidden session is named by its role, and the message says why no more is known.
 */
export function describeSession(
  s: Pick<BlockingSession, 'pid' | 'state' | 'transactionAgeSeconds' | 'hidden'>,
  holding?: string,
): string {
  const lock = holding ? `, ${holding}` : '';
  if (s.hidden) {
    const { role } = s.hidden;
    const why =
      role === null
        ? 'which is not a member of pg_read_all_stats'
        : `which is neither a member of ${role} nor of pg_read_all_stats`;
    return `pid ${s.pid} (${role === null ? 'a server process' : `a session of ${role}`}${lock}; its state, transaction and query are hidden from this role, ${why})`;
  }
  return `pid ${s.pid} (${s.state}${lock}, transaction open ${s.transactionAgeSeconds} s)`;
}

/** A row of pg_stat_activity as read below: the session's fields, hidden or not. */
function sessionOf(x: {
  pid: number;
  state: string | null;
  relation: string;
  mode: string;
  age: number;
  query: string;
  hidden: boolean;
  role: string | null;
  backend?: string;
}): BlockingSession {
  const s: BlockingSession = {
    pid: x.pid,
    state: x.state ?? '',
    relation: x.relation,
    mode: x.mode,
    transactionAgeSeconds: x.age,
    query: x.hidden ? '' : x.query,
  };
  if (x.backend === 'autovacuum worker')
    s.autovacuum = { wraparound: x.hidden || /\(to prevent wraparound\)/.test(x.query) };
  return x.hidden ? { ...s, hidden: { role: x.role } } : s;
}

/**
 * Hidden sessions (see BlockingSession) show no state and no transaction start, so whether one is idle in a
 * transaction or has been in one for long cannot be read. What can be read is its transaction's virtual id in
 * pg_locks: a hidden session still holding the same lock in the same transaction after this long is reported.
 */
const HIDDEN_RECHECK_MS = 1000;

/** `state IS NULL` for a backend is what pg_stat_activity shows a role not allowed to see it (see BlockingSession). */
const HIDDEN = 'a.state IS NULL';

/** Every table name a statement mentions (RangeVar nodes), schema-qualified when written so. */
function tablesOf(node: unknown, out: Set<string>): Set<string> {
  if (Array.isArray(node)) for (const n of node) tablesOf(n, out);
  else if (node && typeof node === 'object') {
    const n = node as Record<string, unknown>;
    if (typeof n.relname === 'string')
      out.add(n.schemaname ? `${quoteIdent(n.schemaname as string)}.${quoteIdent(n.relname)}` : quoteIdent(n.relname));
    for (const v of Object.values(n)) tablesOf(v, out);
  }
  return out;
}

/**
 * Sessions that would block the pending migrations: holding any lock on a table they touch while idle in a
 * transaction, or inside a transaction older than `olderThanSeconds`. A migration's ACCESS EXCLUSIVE lock would
 * queue behind them, and every query on the table behind it.
 */
export async function blockingSessions(
  client: Client,
  analysed: Analysed[],
  olderThanSeconds = 60,
): Promise<BlockingSession[]> {
  const names = new Set<string>();
  for (const a of analysed) for (const s of a.exec.statements) tablesOf(s.node, names);
  if (!names.size) return [];
  const r = await client.query(
    `SELECT a.pid, a.state, l.relation::regclass::text AS relation, l.mode, l.virtualtransaction AS vxid, ${HIDDEN} AS hidden, a.usename AS role, a.backend_type AS backend,
            coalesce(extract(epoch FROM now() - a.xact_start), 0)::int AS age, left(coalesce(a.query, ''), 200) AS query
       FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
      WHERE l.locktype = 'relation' AND l.granted AND a.pid <> pg_backend_pid()
        AND l.relation = ANY (SELECT to_regclass(n) FROM unnest($1::text[]) n WHERE to_regclass(n) IS NOT NULL)
        AND (a.state LIKE 'idle in transaction%' OR now() - a.xact_start > make_interval(secs => $2) OR ${HIDDEN})
      ORDER BY age DESC`,
    [[...names], olderThanSeconds],
  );
  const lockOf = (x: { pid: number; vxid: string; relation: string; mode: string }) =>
    `${x.pid} ${x.vxid} ${x.relation} ${x.mode}`;
  const hidden = r.rows.filter((x) => x.hidden);
  let held = new Set<string>();
  if (hidden.length) {
    // See HIDDEN_RECHECK_MS: a lock a hidden session still holds in the same transaction a moment later.
    await new Promise((resolve) => setTimeout(resolve, HIDDEN_RECHECK_MS));
    const again = await client.query(
      `SELECT l.pid, l.virtualtransaction AS vxid, l.relation::regclass::text AS relation, l.mode
         FROM pg_locks l WHERE l.locktype = 'relation' AND l.granted AND l.pid = ANY ($1::int[])`,
      [hidden.map((x) => x.pid)],
    );
    held = new Set(again.rows.map(lockOf));
  }
  return r.rows
    .filter((x) => !x.hidden || held.has(lockOf(x)))
    .map((x) => sessionOf({ ...x, age: x.hidden ? Math.round(HIDDEN_RECHECK_MS / 1000) : x.age }));
}

/**
 * Sessions holding an ACCESS EXCLUSIVE lock on a relation of this database that pg_dump reads: pg_dump first takes
 * ACCESS SHARE on every table, and waits behind each of them (a lock on a view locks the tables under it too).
 * Relations that are not committed yet, and other sessions' temporary tables, are not dumped, so not counted.
 * Names are schema-qualified as pg_dump writes them.
 */
export async function dumpBlockers(client: Client): Promise<BlockingSession[]> {
  const r = await client.query(
    `SELECT a.pid, coalesce(a.state, '') AS state, format('%I.%I', n.nspname, c.relname) AS relation, l.mode, ${HIDDEN} AS hidden, a.usename AS role,
            coalesce(extract(epoch FROM now() - a.xact_start), 0)::int AS age, left(coalesce(a.query, ''), 200) AS query
       FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
       JOIN pg_class c ON c.oid = l.relation JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE l.locktype = 'relation' AND l.granted AND l.mode = 'AccessExclusiveLock' AND a.pid <> pg_backend_pid()
        AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) AND c.relpersistence <> 't'
      ORDER BY age DESC, relation`,
  );
  return r.rows.map(sessionOf);
}

/**
 * Invalid indexes a pending migration creates CONCURRENTLY: left by an earlier attempt that failed half-way,
 * they would make `CREATE INDEX CONCURRENTLY IF NOT EXISTS` skip the build and leave the index unusable.
 */
export async function leftoverInvalidIndexes(client: Client, analysed: Analysed[]): Promise<string[]> {
  const names = analysed.flatMap((a) =>
    a.exec.statements.flatMap((s) =>
      s.kind === 'IndexStmt' && s.node.concurrent && s.node.idxname ? [s.node.idxname] : [],
    ),
  );
  if (!names.length) return [];
  const r = await client.query(
    `SELECT format('%I.%I', n.nspname, c.relname) AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace WHERE NOT i.indisvalid AND c.relname = ANY($1::text[])`,
    [names],
  );
  return r.rows.map((x) => x.name);
}

/** Drops an invalid index without blocking writes; the client must not be inside a transaction. */
export async function dropInvalidIndex(client: Client, qualifiedName: string): Promise<void> {
  await client.query(`DROP INDEX CONCURRENTLY IF EXISTS ${qualifiedName}`);
}
