import type { Client } from './connect.js';
import { serverVersion } from './server-version.js';

/**
 * Transaction snapshots and transaction status: what a backup stands for, and what committed after it.
 * Transaction ids are the server's 64-bit ones (epoch included), kept as decimal strings. They are server-wide:
 * every database of the server draws from the same counter.
 */

/** A snapshot as PostgreSQL prints it (`xmin:xmax:xip,…`): every id below xmax and not in xip had ended. */
export interface XidSnapshot {
  xmin: string;
  xmax: string;
  /** In progress when the snapshot was taken: what they commit later is not in it. */
  xip: string[];
  /** The server's clock when it was taken (ISO 8601). */
  takenAt: string;
  /**
   * The next id the server will hand out, when read (not recorded in backups). Transactions that started after
   * the last one to end have ids from xmax up to it, and the snapshot itself does not list them.
   */
  next?: string;
}

/** Ids of transactions counted one by one at most; beyond this the count is given up as "too many". */
export const MAX_COUNTED = 1_000_000;

/** Low 32 bits: what xmin and pg_stat_activity hold. Within fewer than 2^31 ids they name one transaction. */
export const XID32 = 4294967296;

/** The functions that read snapshots and transaction status: pg_* in PostgreSQL 13+, txid_* before; no status before 10. */
async function xidFunctions(
  client: Client,
): Promise<{ snapshot: string; xmax: (s: string) => string; status?: (x: string) => string }> {
  const v = await serverVersion(client);
  if (v >= 130000) {
    return {
      snapshot: 'pg_catalog.pg_current_snapshot()',
      xmax: (s) => `pg_catalog.pg_snapshot_xmax(${s})`,
      status: (x) => `pg_catalog.pg_xact_status((${x})::text::pg_catalog.xid8)`,
    };
  }
  return {
    snapshot: 'pg_catalog.txid_current_snapshot()',
    xmax: (s) => `pg_catalog.txid_snapshot_xmax(${s})`,
    status: v >= 100000 ? (x) => `pg_catalog.txid_status(${x})` : undefined,
  };
}

export function parseSnapshot(text: string, takenAt: string): Omit<XidSnapshot, 'next'> {
  const m = /^(\d+):(\d+):([\d,]*)$/.exec(text.trim());
  if (!m) throw new Error(`not a transaction snapshot: '${text}'`);
  return { xmin: m[1], xmax: m[2], xip: m[3] ? m[3].split(',') : [], takenAt };
}

/**
 * The snapshot of the client's current transaction (inside REPEATABLE READ: the transaction's own), and the next
 * id: age() counts from it without assigning one, so age(xmax) is how far it is past xmax.
 */
export async function currentSnapshot(client: Client): Promise<XidSnapshot> {
  const f = await xidFunctions(client);
  const r = (
    await client.query(
      `SELECT s::text AS s, pg_catalog.now() AS at, pg_catalog.age((${f.xmax('s')}::text::int8 % ${XID32})::text::xid) AS ahead FROM ${f.snapshot} s`,
    )
  ).rows[0];
  const snapshot = parseSnapshot(r.s, new Date(r.at).toISOString());
  // An xmax that wrapped to one of the special ids has no age (INT_MAX): then only xmax is known.
  const ahead = r.ahead >= 0 && r.ahead < 2 ** 30 ? r.ahead : 0;
  return { ...snapshot, next: String(BigInt(snapshot.xmax) + BigInt(ahead)) };
}

/** Transactions that ended after a snapshot or are still running, as the server tells them now. */
export interface TransactionsSince {
  /** Committed after the snapshot (in progress then, or started since), not excluded as ours. */
  committed: number;
  /** Still in progress now: they may yet commit. Those pg_stat_activity shows in another database are left out. */
  running: number;
  /** Why they could not all be counted, when they could not: to be read as "others may have written". */
  uncounted?: string;
}

/**
 * Counts the transactions that committed after `since`, or are still running, leaving out `ours` (32-bit ids).
 * Every id in the snapshot's xip and from its xmax up to today's next id is looked up in the commit log, on the
 * server, in one query; more than MAX_COUNTED of them are not counted.
 */
export async function transactionsSince(
  client: Client,
  since: XidSnapshot,
  ours: ReadonlySet<number> = new Set(),
): Promise<TransactionsSince> {
  const f = await xidFunctions(client);
  const now = await currentSnapshot(client);
  const from = BigInt(since.xmax);
  const to = BigInt(now.next!);
  const none = { committed: 0, running: 0 };
  if (to < from) {
    return {
      ...none,
      uncounted: `the server's transaction counter (${now.next}) is behind the backup's (${since.xmax}): it is not the server the backup was taken from, or a copy of it from before the backup`,
    };
  }
  if (!f.status)
    return { ...none, uncounted: 'this server (PostgreSQL 9.6) cannot tell whether a transaction committed' };
  if (to - from > BigInt(MAX_COUNTED))
    return {
      ...none,
      uncounted: `${to - from} transactions started since the backup, more than the ${MAX_COUNTED} counted one by one`,
    };
  const r = await client.query(
    `WITH elsewhere AS (
       SELECT coalesce(pg_catalog.array_agg(a.backend_xid::text::int8), '{}') AS xs FROM pg_catalog.pg_stat_activity a
        WHERE a.backend_xid IS NOT NULL
          AND a.datid IS DISTINCT FROM (SELECT oid FROM pg_catalog.pg_database WHERE datname = pg_catalog.current_database())
     ), status AS (
       SELECT c.x, ${f.status('c.x')} AS s
         FROM (SELECT pg_catalog.unnest($1::int8[]) AS x UNION SELECT pg_catalog.generate_series($2::int8, $3::int8 - 1)) c
        WHERE NOT (c.x % ${XID32}) = ANY ($4::int8[])
     )
     SELECT count(*) FILTER (WHERE s = 'committed')::int AS committed,
            count(*) FILTER (WHERE s = 'in progress' AND NOT (x % ${XID32}) = ANY (e.xs))::int AS running,
            count(*) FILTER (WHERE s IS NULL)::int AS forgotten
       FROM status CROSS JOIN elsewhere e`,
    [since.xip, since.xmax, now.next, [...ours]],
  );
  const { committed, running, forgotten } = r.rows[0];
  return forgotten
    ? {
        committed,
        running,
        uncounted: `${forgotten} transaction(s) since the backup are too old for the server to say whether they committed`,
      }
    : { committed, running };
}
