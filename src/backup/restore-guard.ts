import type { TableName } from '../config/history-table.js';
import type { Client } from '../db/session/connect.js';
import { locateHistoryTable, readHistory, type HistoryTable } from '../db/history/table.js';
import { userObjects } from '../db/catalog/objects.js';
import { describeSession } from '../db/catalog/preflight.js';
import { tablesWritten, tableWriteCounts, type TableWrites } from '../db/catalog/table-writes.js';
import { databaseIdentity, type DatabaseIdentity } from '../db/session/server-identity.js';
import { currentSnapshot, transactionsSince } from '../db/session/xid-snapshot.js';
import { CancelledError, StateError } from '../foundation/errors.js';
import { compareVersions, parseVersionText } from '../migrations/version.js';
import type { HistoryRow } from '../model/history.js';
import { catalogState } from '../db/catalog/catalog-state.js';
import { withTransaction } from '../db/session/transaction.js';
import { serverMajor } from '../db/session/server-version.js';
import { catalogChanges, changeText, type RunChanges } from './catalog-changes.js';
import type { BackupMetadata } from './metadata.js';

/**
 * Before a restore touches anything: is the target the backup's database, has it moved on since, and did anyone
 * but us write since the backup was taken? A restore replaces the dump's tables whole, so every row committed
 * after the backup's snapshot is lost; the guard refuses, naming what would be lost, unless told otherwise.
 *
 * What was written since is told by the tables of this database: their write counters (the cumulative
 * statistics) now against those the backup recorded, less what this run's transactions counted as their own.
 * Transaction ids are server-wide (other databases, autovacuum, temporary tables and subtransactions all take
 * them), so they never refuse on their own: they only vouch that writes the counters show were rolled back.
 *
 * What changed without a write to a table is told by the catalog (catalog-changes.ts): every object, column,
 * index, privilege, owner, comment, relfilenode (TRUNCATE, rewrites) and sequence value against the backup's.
 */

export interface GuardOptions {
  /** restore-discards-writes: go ahead though others wrote since the backup. */
  discardWrites: boolean;
  /**
   * restore-to-other-database: go ahead though the target is not the backup's database. Absent when the target is
   * known to be the backup's own (on-failure: this run took it minutes ago): identity and history are not compared.
   */
  otherDatabase?: boolean;
  /** The target's history table, as configured. */
  historyTable: TableName;
  /** Our own transactions since the backup (32-bit ids), which a restore may take back. */
  ours?: ReadonlySet<number>;
  /**
   * Rows our own committed transactions wrote since the backup, per table (`schema.table`): a restore may take
   * them back. Absent for the restore command: every write since the backup is someone else's.
   */
  own?: ReadonlyMap<string, number>;
  /** Our own writes that could not be measured, so count as others' (said in the refusal). */
  untraced?: string[];
  /** The restore's own session (its application_name, and `<it> <role>` for its helpers), holding the tables locked: not another client. */
  restoreSession?: string;
  /** A first look before anything is locked: no waiting for the statistics to catch up. */
  quick?: boolean;
  /** Ends the wait for the statistics at once (the run was cancelled). */
  signal?: AbortSignal;
  /** What the run knows of its own catalog changes (on-failure): absent, every change since the backup is others'. */
  catalog?: Omit<RunChanges, 'movedByRun'>;
}

export interface Verdict {
  /** Why the restore would hurt, each with the input that allows it anyway; empty: go ahead. */
  refusals: string[];
  /** What was checked, and what the restore will discard when allowed to. */
  notes: string[];
  /** The inputs that allowed what would have been refused. */
  allowedBy: string[];
}

/** A refusal, thrown from beforeRestore so that pg_restore never starts: nothing was restored. */
export class RestoreRefused extends StateError {
  override name = 'RestoreRefused';
  constructor(readonly verdict: Verdict) {
    super(verdict.refusals);
  }
}

/** host:port/database from the metadata's `database`: the database's name is its last part. */
const nameOf = (m: BackupMetadata) => m.databaseName ?? m.database.split('/').pop() ?? m.database;

/** How the target differs from the backup's database; empty when it is the same one (as far as can be told). */
async function identityDifferences(client: Client, m: BackupMetadata, target: DatabaseIdentity): Promise<string[]> {
  if (m.systemIdentifier && target.systemIdentifier && m.systemIdentifier !== target.systemIdentifier) {
    return [
      `it is on another server (system identifier ${target.systemIdentifier}; the backup's server is ${m.systemIdentifier})`,
    ];
  }
  const differences: string[] = [];
  if (target.name !== nameOf(m)) differences.push(`it is database ${target.name}, the backup is of ${nameOf(m)}`);
  else if (m.databaseOid !== undefined && m.databaseOid !== target.oid)
    differences.push(
      `its oid is ${target.oid}, the backup's database had ${m.databaseOid}: it was dropped and created again, or lives on another server`,
    );
  if (m.snapshot && BigInt((await currentSnapshot(client)).xmax) < BigInt(m.snapshot.xmax)) {
    differences.push(
      `its server's transaction counter is behind the backup's: another server, or a copy from before the backup`,
    );
  }
  return differences;
}

/** No user object and no history table: nothing a restore could replace. */
async function isEmpty(client: Client, rows: HistoryRow[] | undefined): Promise<boolean> {
  return rows === undefined && (await userObjects(client)).length === 0;
}

/** Migrations the target recorded after the backup: a newer version than the backup's newest, or applied after it. */
function appliedSince(m: BackupMetadata, rows: HistoryRow[]): HistoryRow[] {
  const newest = m.lastApplied && parseVersionText(m.lastApplied.version);
  const takenAt = m.snapshot && new Date(m.snapshot.takenAt);
  return rows.filter(
    (r) =>
      (r.version && (!newest || compareVersions(r.version, newest) > 0)) ||
      (takenAt && r.appliedAt && r.appliedAt > takenAt),
  );
}

/**
 * How long the statistics get to catch up: a session that reported less than a second ago holds its counts back
 * up to 10 s while it idles (PostgreSQL 15+; older servers may hold them longer).
 */
export const STATISTICS_SETTLE_MS = 12_000;

const isTemporary = (table: string) => /^"?pg_temp_\d+"?\./.test(table);

/** Writes of a table since the backup that this run does not account for. */
interface Unexplained extends TableWrites {
  /** This run's own, left out (when any). */
  own: number;
}

/**
 * Client sessions of this database, not ours. Another role's session shows this role no backend_type, state or query
 * (unless it is a member of that role or of pg_read_all_stats: the migrating role on a managed service, as a rule, is
 * not); it still shows its role, its database and its transaction id, and only sessions of a role (client backends,
 * background workers) have one. Such a session counts as a client, whose state is not known.
 */
const otherClients = (
  restoreSession: string,
) => `datname = pg_catalog.current_database() AND pid <> pg_catalog.pg_backend_pid()
        AND (backend_type = 'client backend' OR (backend_type IS NULL AND usesysid IS NOT NULL))
        AND NOT coalesce(application_name = ${restoreSession} OR pg_catalog.starts_with(application_name, ${restoreSession} || ' '), false)`;

/** Sessions of this database, not ours, that may still hold back counts of writes they committed (see above). */
async function mayHoldBackStatistics(client: Client, restoreSession?: string): Promise<boolean> {
  // A hidden session's state is NULL: it may have been active a moment ago, so it counts (the wait runs its course).
  const r = await client.query(
    `SELECT count(*)::int AS n FROM pg_catalog.pg_stat_activity
      WHERE ${otherClients('$2')}
        AND (state IS DISTINCT FROM 'idle' OR state_change > pg_catalog.now() - make_interval(secs => $1))`,
    [STATISTICS_SETTLE_MS / 1000, restoreSession ?? null],
  );
  return r.rows[0].n > 0;
}

/** Sessions of this database, not ours, inside a transaction that wrote: what they write is not counted until they end. */
async function openWriters(client: Client, restoreSession?: string): Promise<string[]> {
  const r = await client.query(
    `SELECT pid, pg_catalog.left(query, 100) AS query, state IS NULL AS hidden, usename AS role FROM pg_catalog.pg_stat_activity
      WHERE ${otherClients('$1')} AND backend_xid IS NOT NULL ORDER BY pid`,
    [restoreSession ?? null],
  );
  return r.rows.map((row) =>
    row.hidden
      ? describeSession({ pid: row.pid, state: '', transactionAgeSeconds: 0, hidden: { role: row.role } })
      : `pid ${row.pid} (${row.query})`,
  );
}

/**
 * The tables written since `before`, less this run's own writes. Waits, with `patient`, while the statistics may
 * not show everything yet: this run's own writes not all counted, or another session of the database active in
 * the last seconds. `lagging`: tables whose counts still fall short of this run's own writes.
 */
async function unexplainedWrites(
  client: Client,
  before: Record<string, number>,
  own: ReadonlyMap<string, number>,
  leaveOut: string[],
  patient: boolean,
  restoreSession?: string,
  signal?: AbortSignal,
) {
  for (const deadline = Date.now() + (patient ? STATISTICS_SETTLE_MS : 0); ;) {
    const written = tablesWritten(before, await tableWriteCounts(client), leaveOut);
    const tables: Unexplained[] = [];
    const lagging: string[] = [];
    for (const w of written.tables) {
      if (isTemporary(w.table)) continue;
      const mine = own.get(w.table) ?? 0;
      if (w.rows > mine) tables.push({ table: w.table, rows: w.rows - mine, own: mine });
      else if (w.rows < mine) lagging.push(w.table);
    }
    // Tables this run wrote that show no writes since at all.
    for (const [table, n] of own)
      if (
        n > 0 &&
        before[table] !== undefined &&
        !leaveOut.includes(table) &&
        !written.tables.some((w) => w.table === table)
      )
        lagging.push(table);
    const done =
      tables.length ||
      written.reset ||
      (!lagging.length && !(patient && (await mayHoldBackStatistics(client, restoreSession))));
    if (done || Date.now() >= deadline) return { tables, reset: written.reset, lagging };
    await new Promise((r) => setTimeout(r, 250));
    if (signal?.aborted) throw new CancelledError(String(signal.reason), 'while the restore waited for the statistics');
  }
}

const rowsText = (n: number) => `${n} row${n === 1 ? '' : 's'}`;
const listed = (items: string[]) =>
  `${items.slice(0, 10).join(', ')}${items.length > 10 ? ` and ${items.length - 10} more` : ''}`;

/** What a restore would discard that is not ours: a refusal's reason (undefined: nothing), and what was checked. */
/** What a restore would discard of others' writes, what was checked, and the tables others wrote (unknown: any). */
interface WritesSince {
  lost?: string;
  notes: string[];
  othersWrote: Set<string> | 'unknown';
}

async function writesSince(
  client: Client,
  m: BackupMetadata,
  o: GuardOptions,
  history: HistoryTable | undefined,
  patient: boolean,
): Promise<WritesSince> {
  if (!m.tableWrites)
    return {
      lost: 'the backup records no table write counters (it was taken by an older version of pg-migration-gate), so what was written since cannot be told',
      notes: [],
      othersWrote: 'unknown',
    };
  const notes: string[] = [];
  const theirs = o.own ? ' not this run’s' : '';
  // The history table's rows are the run's bookkeeping, and a target that recorded migrations since is refused
  // on its own: left out.
  const leaveOut = history
    ? [
        (
          await client.query('SELECT pg_catalog.format($1, $2::text, $3::text) AS t', [
            '%I.%I',
            history.schema,
            history.table,
          ])
        ).rows[0].t,
      ]
    : [];
  const own = o.own ?? new Map<string, number>();
  const writers = await openWriters(client, o.restoreSession);
  const { tables, reset, lagging } = await unexplainedWrites(
    client,
    m.tableWrites,
    own,
    leaveOut,
    patient && !writers.length,
    o.restoreSession,
    o.signal,
  );
  const othersWrote = reset || lagging.length || writers.length ? 'unknown' : new Set(tables.map((t) => t.table));
  const found: string[] = [];
  if (tables.length) {
    const shown = tables.map((w) => `${w.table} (${rowsText(w.rows)}${w.own ? `, besides this run’s ${w.own}` : ''})`);
    found.push(
      `tables written since, by the statistics (which count rolled-back writes)${o.own ? ', less this run’s own' : ''}: ${listed(shown)}`,
    );
  }
  if (reset) found.push('the statistics were reset since the backup, so the writes since cannot be counted');
  if (lagging.length && !tables.length && !reset)
    found.push(
      `the statistics have not yet counted all of this run’s own writes (${listed(lagging)}), so others’ cannot be told from them`,
    );
  const ownText = [...own]
    .filter(([t, n]) => n > 0 && !leaveOut.includes(t) && !isTemporary(t))
    .map(([t, n]) => `${t} (${rowsText(n)})`);
  if (!writers.length && !found.length) {
    notes.push(
      `no table of this database was written since the backup${o.own ? ` but by this run${ownText.length ? ` (${listed(ownText)})` : ''}` : ''}, by the statistics`,
    );
    return { notes, othersWrote };
  }
  // Counters count rolled-back writes as well: when no transaction but ours committed at all, they all were.
  const t = m.snapshot ? await transactionsSince(client, m.snapshot, o.ours) : undefined;
  if (t && !writers.length && !t.uncounted && t.committed === 0 && t.running === 0) {
    notes.push(
      `${found.join('; ')}; but no transaction${theirs} committed on the server since the backup was taken, so those writes were rolled back`,
    );
    return { notes, othersWrote: new Set() };
  }
  const parts: string[] = [];
  if (writers.length)
    parts.push(
      `${writers.length} session(s) of this database have a transaction open that wrote, and may yet commit: ${listed(writers)}`,
    );
  // Transaction ids are server-wide: said, never a reason on their own.
  if (t?.uncounted) parts.push(t.uncounted);
  else if (t?.committed && found.length)
    parts.push(`${t.committed} transaction(s)${theirs} committed since the backup was taken`);
  parts.push(...found);
  if (o.untraced?.length)
    parts.push(`they may include this run’s own writes, which could not be measured: ${o.untraced.join('; ')}`);
  return { lost: parts.join('; '), notes, othersWrote };
}

/** Per sequence value entry, the table that owns the sequence (`schema.table`, as the write counters name it). */
async function sequenceTables(client: Client): Promise<Map<string, string>> {
  const r = await client.query(
    `SELECT d.objid, pg_catalog.format('%I.%I', n.nspname, t.relname) AS t FROM pg_catalog.pg_depend d
       JOIN pg_catalog.pg_class s ON s.oid = d.objid AND s.relkind = 'S'
       JOIN pg_catalog.pg_class t ON t.oid = d.refobjid JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
      WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')`,
  );
  return new Map(r.rows.map((row) => [`value:1259/${row.objid}/0`, row.t as string]));
}

/** How long reading the catalog may wait for a lock (a sequence's value is read under one). */
const CATALOG_LOCK_WAIT_MS = 5000;

/**
 * The catalog now. Reading a sequence's value locks it: a session holding it (ALTER SEQUENCE, TRUNCATE … RESTART
 * IDENTITY) while it waits behind the restore's hold on the tables would wait for us for ever, and we for it.
 */
async function catalogRead(client: Client) {
  const major = await serverMajor(client);
  try {
    return await withTransaction(client, async () => {
      await client.query(`SET LOCAL lock_timeout = ${CATALOG_LOCK_WAIT_MS}`);
      return catalogState(client, major, { labels: true });
    });
  } catch (err) {
    if ((err as { code?: string }).code !== '55P03') throw err;
    throw new StateError(
      [
        `reading the sequences' values waited over ${CATALOG_LOCK_WAIT_MS / 1000} s for a lock another session holds on one of them (ALTER SEQUENCE, TRUNCATE … RESTART IDENTITY), so what changed since the backup cannot be told; nothing was restored: let that session finish, then restore again`,
      ],
      { cause: err },
    );
  }
}

/** The value entries of the sequences a table owns (serial and identity columns). */
async function ownedSequences(client: Client, table: HistoryTable): Promise<Set<string>> {
  const r = await client.query(
    `SELECT d.objid FROM pg_catalog.pg_depend d JOIN pg_catalog.pg_class s ON s.oid = d.objid AND s.relkind = 'S'
      WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
        AND d.refobjid = (SELECT c.oid FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = $2)`,
    [table.schema, table.table],
  );
  return new Set(r.rows.map((row) => `value:1259/${row.objid}/0`));
}

/** The catalog's changes since the backup that are not the run's: a refusal's reason (undefined: none). */
async function catalogSince(
  client: Client,
  m: BackupMetadata,
  o: GuardOptions,
  history: HistoryTable | undefined,
  othersWrote: WritesSince['othersWrote'],
): Promise<{ lost?: string; notes: string[] }> {
  if (!m.catalog)
    return {
      lost: 'the backup records no catalog state (it was taken by an older version of pg-migration-gate), so what was changed since cannot be told',
      notes: [],
    };
  // The history table's own sequences move with its rows: its rows are the run's bookkeeping (see writesSince).
  const bookkeeping = history ? await ownedSequences(client, history) : new Set<string>();
  const now = (await catalogRead(client)).filter((e) => !bookkeeping.has(e.key));
  const t = m.snapshot && (await transactionsSince(client, m.snapshot, o.catalog?.xids));
  let run: RunChanges | undefined;
  if (o.catalog) {
    // A serial's sequence moves with its table's inserts: the run's, when only the run wrote the table since.
    const tables = await sequenceTables(client);
    const own = o.own ?? new Map<string, number>();
    const movedByRun = (key: string) =>
      othersWrote !== 'unknown' &&
      !!tables.get(key) &&
      (own.get(tables.get(key)!) ?? 0) > 0 &&
      !othersWrote.has(tables.get(key)!);
    run = { ...o.catalog, movedByRun };
  }
  const recorded = Object.fromEntries(Object.entries(m.catalog).filter(([key]) => !bookkeeping.has(key)));
  const quiet = !!t && !t.uncounted && t.committed === 0 && t.running === 0;
  const { ours, theirs } = catalogChanges(recorded, now, run, quiet);
  const notes = ours.length
    ? [
        `${run ? 'this run’s own catalog changes' : 'sequences that moved while no transaction committed (the values they handed out were kept by nothing)'}, which a restore takes back: ${listed(ours.map(changeText))}`,
      ]
    : [];
  if (!theirs.length)
    return {
      notes: [
        ...notes,
        `nothing in the catalog changed since the backup${o.catalog ? ' but by this run' : ''} (objects, columns, indexes, privileges, owners, comments, relfilenodes, sequence values)`,
      ],
    };
  return {
    lost: `the catalog changed since the backup${o.catalog ? ', not by this run' : ''}: ${listed(theirs.map(changeText))}`,
    notes,
  };
}

/**
 * Checks the target before a restore, on `client` (connected to it, outside any transaction). For the restore
 * command the target must be the backup's database (or empty), must not have recorded migrations since the
 * backup, and nobody may have committed anything since; on-failure checks only the last, leaving out our own.
 */
export async function checkRestore(client: Client, m: BackupMetadata, o: GuardOptions): Promise<Verdict> {
  const verdict: Verdict = { refusals: [], notes: [], allowedBy: [] };
  const allow = (allowed: boolean, input: string, refusal: string, note: string) => {
    if (allowed) {
      verdict.notes.push(`${input}: true — ${note}`);
      verdict.allowedBy.push(input);
    } else verdict.refusals.push(`${refusal}; set ${input}: true to restore anyway`);
  };
  const history = await locateHistoryTable(client, o.historyTable).catch(() => undefined);
  if (o.otherDatabase !== undefined) {
    const target = await databaseIdentity(client);
    const rows = history && (await readHistory(client, history).catch(() => undefined));
    const differences = await identityDifferences(client, m, target);
    if (differences.length) {
      const what = `the target is not the database the backup was taken from (${m.database}): ${differences.join('; ')}`;
      if (await isEmpty(client, rows)) verdict.notes.push(`${what}; it is empty, so nothing of it is replaced`);
      else
        allow(
          o.otherDatabase,
          'restore-to-other-database',
          `${what}; restoring would replace its tables and its history with the backup's`,
          `${what}; its tables and history are replaced with the backup's`,
        );
      return verdict;
    }
    if (!m.databaseOid)
      verdict.notes.push(
        `the backup's metadata predates database oids: the target was matched by its name, ${target.name}`,
      );
    const since = rows ? appliedSince(m, rows) : [];
    if (since.length) {
      const names = since.map((r) => r.name);
      const moved = `the target has moved on since the backup: ${names.length} migration(s) recorded after it (${names.slice(0, 5).join(', ')}${names.length > 5 ? ', …' : ''}; the backup's newest is ${m.lastApplied?.name ?? 'none'})`;
      allow(
        o.discardWrites,
        'restore-discards-writes',
        `${moved}; restoring takes them back out, with everything written since`,
        `${moved}; they are taken back out`,
      );
    }
  }
  // Waiting for the statistics to name the tables is worth it only when that is what the refusal rests on.
  const { lost, notes, othersWrote } = await writesSince(
    client,
    m,
    o,
    history,
    !o.discardWrites && !verdict.refusals.length && !o.quick,
  );
  verdict.notes.push(...notes);
  if (lost)
    allow(
      o.discardWrites,
      'restore-discards-writes',
      `restoring would discard what others wrote since the backup: ${lost}`,
      `restoring discards what was written since the backup: ${lost}`,
    );
  const changed = await catalogSince(client, m, o, history, othersWrote);
  verdict.notes.push(...changed.notes);
  if (changed.lost)
    allow(
      o.discardWrites,
      'restore-discards-writes',
      `restoring would undo what others changed since the backup: ${changed.lost}`,
      `restoring undoes what was changed since the backup: ${changed.lost}`,
    );
  // A first look that refuses looks again, letting the statistics catch up, so the refusal names all it can.
  if (o.quick && verdict.refusals.length) return checkRestore(client, m, { ...o, quick: false });
  return verdict;
}
