import type { TableName } from '../config/history-table.js';
import type { Client } from '../db/connect.js';
import { locateHistoryTable, readHistory, type HistoryTable } from '../db/history.js';
import { userObjects } from '../db/objects.js';
import { tablesWritten, tableWriteCounts } from '../db/table-writes.js';
import { currentSnapshot, databaseIdentity, transactionsSince, type DatabaseIdentity } from '../db/xid-snapshot.js';
import { StateError } from '../errors.js';
import { compareVersions, parseVersionText } from '../migrations/version.js';
import type { HistoryRow } from '../model/history.js';
import type { BackupMetadata } from './metadata.js';

/**
 * Before a restore touches anything: is the target the backup's database, has it moved on since, and did anyone
 * but us write since the backup was taken? A restore replaces the dump's tables whole, so every row committed
 * after the backup's snapshot is lost; the guard refuses, naming what would be lost, unless told otherwise.
 */

export interface GuardOptions {
  /** restore-discards-writes: go ahead though transactions not ours committed since the backup. */
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
  /** Our own writes that could not be told apart from others' (said in the report, as they are counted). */
  untraced?: string[];
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
    return [`it is on another server (system identifier ${target.systemIdentifier}; the backup's server is ${m.systemIdentifier})`];
  }
  const differences: string[] = [];
  if (target.name !== nameOf(m)) differences.push(`it is database ${target.name}, the backup is of ${nameOf(m)}`);
  else if (m.databaseOid !== undefined && m.databaseOid !== target.oid) differences.push(`its oid is ${target.oid}, the backup's database had ${m.databaseOid}: it was dropped and created again, or lives on another server`);
  if (m.snapshot && BigInt((await currentSnapshot(client)).xmax) < BigInt(m.snapshot.xmax)) {
    differences.push(`its server's transaction counter is behind the backup's: another server, or a copy from before the backup`);
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
  return rows.filter((r) => (r.version && (!newest || compareVersions(r.version, newest) > 0)) || (takenAt && r.appliedAt > takenAt));
}

/**
 * How long the statistics get to show writes the transaction counts found: a session that reported less than a
 * second ago holds its counts back up to 10 s while it idles (PostgreSQL 15+; older servers may hold them longer).
 */
export const STATISTICS_SETTLE_MS = 12_000;

/** The tables written since `before`; with `patient`, waiting for the statistics while they show none. */
async function tablesWrittenSince(client: Client, before: Record<string, number>, leaveOut: string[], patient: boolean) {
  for (const deadline = Date.now() + (patient ? STATISTICS_SETTLE_MS : 0); ; ) {
    const written = tablesWritten(before, await tableWriteCounts(client), leaveOut);
    if (written.tables.length || written.reset || Date.now() >= deadline) return written;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** "N transactions … ; tables …": what a restore would discard, from the transaction counts and the statistics. */
async function writesSince(client: Client, m: BackupMetadata, o: GuardOptions, history: HistoryTable | undefined, patient: boolean): Promise<string | undefined> {
  if (!m.snapshot) return 'the backup records no snapshot (it was taken by an older version of pg-migration-gate), so what was written since cannot be told';
  const t = await transactionsSince(client, m.snapshot, o.ours);
  if (!t.uncounted && t.committed + t.running === 0) return undefined;
  const parts: string[] = [];
  if (t.uncounted) parts.push(t.uncounted);
  if (t.committed) parts.push(`${t.committed} transaction(s)${o.ours ? ' not this run’s' : ''} committed since the backup was taken`);
  if (t.running) parts.push(`${t.running} transaction(s) are running now and may yet commit`);
  if (m.tableWrites) {
    // The history table's rows are the run's bookkeeping, and a target that recorded migrations since is refused
    // on its own: left out.
    const leaveOut = history ? [(await client.query('SELECT pg_catalog.format($1, $2::text, $3::text) AS t', ['%I.%I', history.schema, history.table])).rows[0].t] : [];
    // Running transactions report their writes only once they end: waiting is for committed ones.
    const { tables, reset } = await tablesWrittenSince(client, m.tableWrites, leaveOut, patient && t.committed > 0);
    if (tables.length) {
      const shown = tables.slice(0, 10).map((w) => `${w.table} (${w.rows} row${w.rows === 1 ? '' : 's'})`);
      parts.push(`tables written since, by the statistics (which count rolled-back writes${o.ours ? ' and this run’s own' : ''}): ${shown.join(', ')}${tables.length > 10 ? ` and ${tables.length - 10} more` : ''}`);
    } else if (reset) parts.push('the statistics were reset since the backup, so the tables written cannot be named');
    else if (t.committed) parts.push(`no table of this database shows writes in the statistics${patient ? ` (after ${STATISTICS_SETTLE_MS / 1000} s)` : ''}: the transactions may belong to other databases of the server (transaction ids are server-wide), or wrote nothing a restore replaces (ANALYZE, temporary tables), or the statistics have not caught up yet`);
  }
  if (o.untraced?.length) parts.push(`they may include this run’s own: ${o.untraced.join('; ')}`);
  return parts.join('; ');
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
      else allow(o.otherDatabase, 'restore-to-other-database', `${what}; restoring would replace its tables and its history with the backup's`, `${what}; its tables and history are replaced with the backup's`);
      return verdict;
    }
    if (!m.databaseOid) verdict.notes.push(`the backup's metadata predates database oids: the target was matched by its name, ${target.name}`);
    const since = rows ? appliedSince(m, rows) : [];
    if (since.length) {
      const names = since.map((r) => r.name);
      const moved = `the target has moved on since the backup: ${names.length} migration(s) recorded after it (${names.slice(0, 5).join(', ')}${names.length > 5 ? ', …' : ''}; the backup's newest is ${m.lastApplied?.name ?? 'none'})`;
      allow(o.discardWrites, 'restore-discards-writes', `${moved}; restoring takes them back out, with everything written since`, `${moved}; they are taken back out`);
    }
  }
  // Waiting for the statistics to name the tables is worth it only when that is what the refusal rests on.
  const lost = await writesSince(client, m, o, history, !o.discardWrites && !verdict.refusals.length);
  if (lost) allow(o.discardWrites, 'restore-discards-writes', `restoring would discard what others wrote since the backup: ${lost}`, `restoring discards what was written since the backup: ${lost}`);
  else verdict.notes.push(`no transaction${o.ours ? ' but this run’s' : ''} committed on the server since the backup was taken`);
  return verdict;
}
