import { readMetadata } from '../backup/metadata.js';
import { restoreBackup } from '../backup/restore-backup.js';
import { afterRestore } from './after-restore.js';
import { systemPrivilegesNote } from '../backup/system-privileges.js';
import { checkRestore, RestoreRefused, type Verdict } from '../backup/restore-guard.js';
import { namesCreated, type CreatedName } from '../migrations/created-names.js';
import { dependingOnOlder, dropCreatedSince, objectText, userObjects, type UserObject } from '../db/catalog/objects.js';
import { ownTransactions } from '../db/history/own-transactions.js';
import type { Analysed } from '../migrations/analyse.js';
import { CancelledError } from '../foundation/errors.js';
import { addFinding } from '../model/report.js';
import { backupOf, type ProductionRun } from './safety.js';
import { settleUndone, undoApplied } from './undo.js';

/** The health check: must succeed, and a returned row's first column must be true. */
export async function healthCheck(run: ProductionRun): Promise<boolean> {
  const { config, report } = run;
  if (!report.applied.length || !config.healthCheck) return true;
  let problem: string | undefined;
  try {
    const r = await run.client.query(config.healthCheck);
    const rows = Array.isArray(r) ? r[r.length - 1].rows : r.rows;
    const first = rows[0] ? Object.values(rows[0])[0] : true;
    if (first !== true) problem = `it returned ${JSON.stringify(first)}, not true`;
  } catch (err) {
    problem = (err as Error).message;
  }
  if (problem)
    addFinding(report, {
      rule: 'health-check-failed',
      severity: 'error',
      message: `the health check failed after the migrations: ${problem}`,
      help: 'The migrations are applied; check the application, and restore the backup if the database is not usable.',
    });
  else report.notes.push('health check passed');
  return !problem;
}

/** A backup of the migrated database, the new baseline. */
export async function postBackup(run: ProductionRun): Promise<boolean> {
  const { config, ctx, report } = run;
  if (!report.applied.length || !config.postBackup || !config.backup || ctx.throwaway) return true;
  report.postBackup = await backupOf(run, 'post-apply');
  report.notes.push(`post-migration backup: ${report.postBackup.path} (sha256 ${report.postBackup.sha256})`);
  return true;
}

/**
 * After a failure, as on-failure says. rollback keeps what applied (the failed migration itself rolled back).
 * undo undoes what this run applied with the down scripts, newest first, each with its history row (undo.ts), or
 * nothing when it cannot. restore: the pre-apply backup is restored and the objects this run created are
 * dropped, unless a table of the database shows writes since the backup beyond those this run's transactions
 * counted as their own (restore-discards-writes allows it). undo-or-restore restores when undo cannot run or
 * stopped part-way. report.afterFailure says what became of the run's migrations ('kept' until an undo or a
 * restore succeeds), and the undone ones leave report.applied once it is all over. The report names the backup
 * either way.
 */
export async function onFailure(run: ProductionRun): Promise<void> {
  const { config, report } = run;
  report.afterFailure = 'kept';
  try {
    const undo = config.onFailure === 'undo' || config.onFailure === 'undo-or-restore';
    const undone = undo && (await undoApplied(run, config.onFailure === 'undo-or-restore'));
    const restore = config.onFailure === 'restore' || (config.onFailure === 'undo-or-restore' && !undone);
    if (restore && report.backup) await restoreAfterFailure(run, report.backup.path);
    else if (restore && config.onFailure === 'undo-or-restore')
      report.notes.push(
        'on-failure: undo-or-restore — there is no pre-apply backup to restore (backup: false, or a throwaway server): nothing more was done',
      );
  } finally {
    settleUndone(report);
  }
  if (report.backup)
    report.notes.push(
      `the pre-apply backup is ${report.backup.artifactName ? `artifact ${report.backup.artifactName}, ` : ''}${report.backup.path}: ${report.backup.restore}`,
    );
}

/**
 * The migrations this run started: those applied, and the one after them (it failed, or was cancelled) when it
 * ran at all, as the run itself counted them, not the history table (another tool's may have no dirty mark).
 */
function started(run: ProductionRun): Analysed[] {
  return run.analysed.slice(0, run.started);
}

/**
 * Which new objects are this run's: named by a statement of a migration it started, and either created by one of
 * its transactions (the catalog row's xmin), or by a migration outside a transaction, whose own transactions
 * leave no trace (then the name alone); and the history table and its schema when this run created them. An
 * unqualified name may be in any schema of our search_path or of a SET search_path the migrations ran.
 */
async function ownObjects(
  run: ProductionRun,
  ran: Analysed[],
  ours: ReadonlySet<number>,
): Promise<(o: UserObject) => boolean> {
  const inside = namesCreated(ran.filter((a) => a.exec.mode === 'transaction').flatMap((a) => a.exec.statements));
  const outside = namesCreated(ran.filter((a) => a.exec.mode !== 'transaction').flatMap((a) => a.exec.statements));
  const history: CreatedName[] = [
    { kind: 'relation', schema: run.history.schema, name: run.history.table },
    { kind: 'schema', name: run.history.schema },
  ];
  const path = (await run.client.query('SELECT pg_catalog.current_schemas(false)::text[] AS s')).rows[0].s as string[];
  const schemas = new Set([...path, ...inside.searchPath, ...outside.searchPath]);
  const named = (names: CreatedName[], o: UserObject) =>
    names.some(
      (n) =>
        n.kind === o.kind &&
        n.name === o.name &&
        (o.kind === 'schema' || (n.schema ? n.schema === o.schema : schemas.has(o.schema!))),
    );
  return (o) => ((named(inside.names, o) || named(history, o)) && ours.has(o.xmin)) || named(outside.names, o);
}

async function restoreAfterFailure(run: ProductionRun, dump: string): Promise<void> {
  const { config, report, client } = run;
  // Our session runs the checks and the drops: whatever a failed step left open on it (a health check's BEGIN,
  // a transaction aborted by an error) is ended first. Outside a transaction ROLLBACK only warns.
  await client.query('ROLLBACK');
  const metadata = readMetadata(dump);
  const witness = run.catalogWitness;
  const ours = new Set([
    ...(metadata.snapshot ? await ownTransactions(client, run.history, metadata.snapshot) : []),
    ...(witness?.xids ?? []),
  ]);
  const catalog = witness &&
    run.catalogAtStart && {
      xids: ours,
      atStart: run.catalogAtStart,
      removedByRun: (key: string) => witness.removedByRun(key),
    };
  const ran = started(run);
  // What this run wrote that was not measured: counted as others' writes, and named when the restore is refused.
  const failed = run.analysed[run.report.applied.length];
  const untraced = [
    ...(run.untraced ?? []),
    ...ran
      .filter((a) => a.exec.mode !== 'transaction')
      .map((a) => `${a.migration.name} ran outside a transaction, so what it wrote cannot be told from others’ writes`),
    ...(failed?.exec.mode === 'transaction' && ran.includes(failed)
      ? [`${failed.migration.name} failed and rolled back, and the statistics count the rows it wrote before failing`]
      : []),
  ];
  const isOurs = await ownObjects(run, ran, ours);
  const before = run.objectsBefore ?? new Set<string>();
  let verdict: Verdict | undefined;
  let dropFirst: string[] = [];
  let leftOut: string | undefined;
  try {
    const restored = await restoreBackup(run.ctx.databaseUrl, dump, config.pgDumpPath, {
      lockTimeoutMs: config.backupLockTimeoutMs,
      signal: run.ctx.signal,
      beforeRestore: async (m, at) => {
        verdict = await checkRestore(client, m, {
          discardWrites: config.restoreDiscardsWrites,
          historyTable: config.historyTable,
          ours,
          own: run.ownWrites,
          untraced,
          catalog,
          quick: !at.locked,
          restoreSession: at.session,
          signal: run.ctx.signal,
        });
        if (verdict.refusals.length) throw new RestoreRefused(verdict);
        // pg_restore cannot drop a table of the dump that a new table still references (a foreign key, a view).
        // Another session's such object stops the restore before anything changes; the run's own go first, in the
        // restore's transaction, so that a restore that fails leaves them and their history rows together.
        const created = (await userObjects(client)).filter((o) => !before.has(o.drop));
        const theirs = (await dependingOnOlder(client, created)).filter((o) => !isOurs(o));
        if (theirs.length) throw new RestoreBlocked(theirs);
        if (at.locked) dropFirst = created.filter(isOurs).map((o) => o.drop);
        return dropFirst;
      },
    });
    leftOut = systemPrivilegesNote(restored.systemPrivilegesLeftOut);
  } catch (err) {
    if (err instanceof RestoreRefused) return refused(run, dump, err.verdict);
    if (err instanceof CancelledError) report.cancelled = err.reason;
    // The drops and pg_restore run in one transaction: a failure leaves the database as it was.
    addFinding(report, {
      rule: 'restore-failed',
      severity: 'error',
      message: `on-failure: restore failed, nothing was restored: ${(err as Error).message.replace(/[;\s]+$/, '')}`,
      help: `The database is as the failure left it. Remove what stopped the restore, then restore by hand with command: restore, backup-file: ${dump}.`,
    });
    return;
  }
  // The rest once the dump's own objects are back: a new object a table of the dump referenced can go now.
  const after = await dropCreatedSince(client, before, isOurs);
  const dropped = [...dropFirst, ...after.dropped];
  report.afterFailure = 'restored';
  const discarded = verdict!.allowedBy.includes('restore-discards-writes');
  // What a backup does not hold (the database's settings, roles, an extension the run created): put back, or named.
  const rest = metadata.catalog
    ? await afterRestore(client, metadata.catalog, ours, run.settingsAtStart ?? {})
    : {
        undone: [],
        left: ['the backup records no catalog state, so what the restore left as this run made it cannot be told'],
      };
  const undone = [
    ...(dropped.length
      ? [`the ${dropped.length} object(s) this run had created were dropped (${dropped.join('; ')})`]
      : []),
    ...rest.undone,
  ];
  const state = discarded
    ? 'the database and its history are as they were when the backup was taken: what others wrote since is gone'
    : 'the database and its history are as they were before this run';
  report.notes.push(
    `on-failure: restore — the pre-apply backup ${dump} was restored${undone.length ? ` and ${undone.join('; ')}` : ''}; ${rest.left.length ? `${state}, except what a backup does not hold and was left: ${rest.left.slice(0, 10).join('; ')}${rest.left.length > 10 ? `; and ${rest.left.length - 10} more` : ''}` : state}`,
    ...verdict!.notes.map((n) => `on-failure: restore — ${n}`),
    ...(leftOut ? [`on-failure: restore — ${leftOut}`] : []),
  );
  if (after.leftAlone.length) {
    report.notes.push(
      `on-failure: restore left ${after.leftAlone.length} object(s) created since the backup in place: ${after.leftAlone.map((l) => `${objectText(l.object)} (${l.why})`).join('; ')}`,
    );
  }
}

/** Objects another session made since the backup stand on the dump's: pg_restore could not replace those. */
class RestoreBlocked extends Error {
  constructor(objects: UserObject[]) {
    super(
      `objects made since the backup by others depend on objects of the backup, which pg_restore would have to drop: ${objects.map(objectText).join(', ')}`,
    );
  }
}

/** The restore would discard others' writes (or could not tell): nothing was restored, and the report says why. */
function refused(run: ProductionRun, dump: string, verdict: Verdict): void {
  addFinding(run.report, {
    rule: 'restore-refused',
    severity: 'error',
    message: `on-failure: restore refused, nothing was restored: ${verdict.refusals.join('; ')}`,
    help: `The database is as the failure left it${run.report.applied.length > (run.report.undone?.length ?? 0) ? ' (the migrations applied before the failure stay applied)' : ''}. Fix forward with a new migration, or, once you know what would be lost, restore by hand: command: restore, backup-file: ${dump}, restore-discards-writes: true.`,
  });
}
