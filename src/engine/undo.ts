import { lockFence, lockLost } from '../db/session/advisory-lock.js';
import type { Client } from '../db/session/connect.js';
import { forgetRow, readHistory } from '../db/history/table.js';
import { tableText } from '../db/session/identifiers.js';
import { undoMigration } from '../db/runner/runner.js';
import { MigrationSession } from '../db/session/session.js';
import { MigrationError, formatLocation } from '../foundation/errors.js';
import type { Analysed } from '../migrations/analyse.js';
import { parseScript } from '../migrations/parse.js';
import { executionPlan, type ExecutionPlan } from '../migrations/transaction-mode.js';
import type { Migration, Script } from '../model/migration.js';
import { addFinding, locationFields, type Report } from '../model/report.js';
import { waitOutsideTheQueue } from './run-pending.js';
import type { ProductionRun } from './safety.js';

/**
 * on-failure: undo — the migrations this run applied before it failed are undone with their own down scripts,
 * newest first, each in one transaction with the removal of its history row, so the database and the history agree
 * after every step. Unlike a restore, this takes back only what the migrations did: rows other sessions committed
 * meanwhile, in any table, stay.
 *
 * What a careful user expects, and so what it does:
 * - All or nothing up front: when any of them has no down script, or one that cannot be parsed or could never run,
 *   nothing is undone and the report names each; a half-undone run is worse than either end.
 * - The failed migration itself rolled back, so it needs no undoing. When it ran outside a transaction it stopped
 *   part-way (marked dirty where the history table can say so): what of it ran cannot be known, its down script may
 *   not fit, and undoing the ones before it under a half-applied one may fail or leave a mix. Undo refuses entirely
 *   then; resolve-dirty is the fix, once someone has looked.
 * - The first down script that fails stops it: a transactional one rolled back with its row, so that migration and
 *   those before it stay applied and recorded, and the report says which. One that ran outside a transaction (as
 *   psql would, statement by statement) may have run in part and keeps its row; the report says so.
 * - A down script runs as verify's round trip ran it: in a transaction unless it cannot (CONCURRENTLY, …), without a
 *   lock retry (a lock timeout stops the undo like any failure), the lock fence checked inside its transaction.
 *
 * Returns true when nothing this run applied stays applied (every one undone, or none to undo). With `fallback`
 * (undo-or-restore) a refusal is a note, since the restore that follows reports the outcome; a down script that
 * failed is a finding either way, naming its file and line.
 */
export async function undoApplied(run: ProductionRun, fallback: boolean): Promise<boolean> {
  const { report } = run;
  const applied = report.applied.map((e) => run.analysed.find((a) => a.migration.name === e.name)!);
  const failed = halfApplied(run);
  if (failed) {
    const marked = run.history.layout.marksDirty
      ? 'it is marked dirty'
      : `${tableText(run.history)} keeps no dirty mark, so it is not recorded at all`;
    refuse(
      run,
      fallback,
      `${failed.migration.name} ran outside a transaction and failed part-way (${marked}): what of it ran cannot be known, and undoing the migrations before it under a half-applied one may fail or leave a mix`,
      `look at the database, then settle ${failed.migration.name} with resolve-dirty: ${failed.migration.version.text}=rerun (once what it did is undone) or =applied (once it is finished by hand)`,
    );
    return false;
  }
  if (!applied.length) return true;
  const plans = await downPlans([...applied].reverse());
  const lacking = plans.filter((p): p is Lacking => 'why' in p);
  if (lacking.length) {
    const why = lacking.map((p) => `${p.migration.name} ${p.why}`).join('; ');
    refuse(
      run,
      fallback,
      why,
      "add the missing down scripts (up-down-files: NNN_name.down.sql beside NNN_name.up.sql) and check them with verify's round trip, or fix forward with a new migration",
      lacking.find((p) => p.error)?.error,
    );
    return false;
  }
  // Whatever a failed step left open on our session (a health check's BEGIN, an aborted transaction holding its
  // locks) would hold up the down scripts: it is ended first. Outside a transaction ROLLBACK only warns.
  await run.client.query('ROLLBACK');
  const session = await MigrationSession.open(run.ctx.databaseUrl, run.lockKey);
  try {
    for (const plan of plans as Undoable[]) {
      if (!(await undoOne(run, session, plan, fallback))) return false;
    }
  } finally {
    await session.close();
  }
  const undone = report.undone ?? [];
  report.notes.push(
    `on-failure: undo — undone with their down scripts, newest first, each with its history row: ${undone.map((u) => `${u.name} (${u.downFile}, ${u.durationMs} ms${u.transaction ? '' : ', no transaction'})`).join(', ')}`,
  );
  report.afterFailure = 'undone';
  return true;
}

/**
 * After on-failure: the migrations undone leave `applied`, so that the list, the `applied` output and the
 * renderers name only what stays applied. Run once on-failure is over: the restore that may follow an undo that
 * stopped part-way counts the run's migrations by `applied` as they ran.
 */
export function settleUndone(report: Report): void {
  const undone = new Set((report.undone ?? []).map((u) => u.name));
  report.applied = report.applied.filter((a) => !undone.has(a.name));
}

interface Undoable {
  migration: Migration;
  down: Script;
  exec: ExecutionPlan;
}
/** A migration without a down script that can run: why, and the parser's error when there is one. */
interface Lacking {
  migration: Migration;
  why: string;
  error?: MigrationError;
}

/** The migration this run started and did not finish, when it ran outside a transaction: part of it may have run. */
function halfApplied(run: ProductionRun): Analysed | undefined {
  const failed = run.started > run.report.applied.length ? run.analysed[run.report.applied.length] : undefined;
  return failed && failed.exec.mode !== 'transaction' ? failed : undefined;
}

/** Each migration's down script, parsed and planned as verify's round trip runs it, or why it has none that can run. */
async function downPlans(migrations: Analysed[]): Promise<(Undoable | Lacking)[]> {
  const out: (Undoable | Lacking)[] = [];
  for (const { migration } of migrations) {
    const down = migration.down;
    if (!down) {
      out.push({ migration, why: 'has no down script' });
      continue;
    }
    try {
      out.push({ migration, down, exec: executionPlan(await parseScript(down), false) });
    } catch (err) {
      if (!(err instanceof MigrationError)) throw err;
      const at = err.details.location ? `${formatLocation(err.details.location)}: ` : '';
      out.push({ migration, why: `has a down script that cannot run (${at}${err.message})`, error: err });
    }
  }
  return out;
}

/** Nothing was undone, and why (at: the down script that cannot be parsed): a finding, or a note where a restore follows. */
function refuse(run: ProductionRun, fallback: boolean, why: string, fix: string, at?: MigrationError): void {
  const n = run.report.applied.length;
  if (fallback) {
    run.report.notes.push(
      `on-failure: undo-or-restore — nothing was undone: ${why}; falling back to restoring the pre-apply backup`,
    );
    return;
  }
  addFinding(run.report, {
    rule: 'undo-refused',
    severity: 'error',
    message: `on-failure: undo refused, nothing was undone: ${why}`,
    help: `${n ? `The ${n} migration(s) this run applied stay applied and recorded. ` : ''}To undo next time, ${fix}; on-failure: undo-or-restore restores the pre-apply backup when undo cannot run.`,
    ...locationFields(at?.details.location),
  });
}

/**
 * A transactional down script that hit lock-timeout rolled back whole, its history row with it: it is tried
 * again as a migration is, stepping aside for long transactions on its tables, until lock-wait has passed.
 */
async function retryingLockTimeouts<T>(run: ProductionRun, a: Analysed, once: () => Promise<T>): Promise<T> {
  const first = performance.now();
  for (let attempt = 0; ; attempt++) {
    try {
      return await once();
    } catch (err) {
      const code = err instanceof MigrationError ? err.details.sqlstate : (err as { code?: string }).code;
      const leftMs = run.config.lockWaitMs - (performance.now() - first);
      if (
        a.exec.mode !== 'transaction' ||
        code !== '55P03' ||
        attempt >= run.config.lockRetries ||
        leftMs <= 0 ||
        run.ctx.signal?.aborted
      )
        throw err;
      run.ctx.log.warn(
        `${a.migration.name}: lock timeout while undoing it, retry ${attempt + 1} (${Math.round(leftMs / 1000)} s of lock-wait left)`,
      );
      await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 100));
      await waitOutsideTheQueue(run, a, leftMs);
    }
  }
}

/** Undoes one migration; false, with a finding, when its down script failed and the undo stops there. */
async function undoOne(
  run: ProductionRun,
  session: MigrationSession,
  { migration, down, exec }: Undoable,
  fallback: boolean,
): Promise<boolean> {
  const { config, ctx, report } = run;
  const started = performance.now();
  try {
    if (ctx.signal?.aborted)
      throw new MigrationError(`cancelled (${String(ctx.signal.reason)}) before it ran`, { sqlstate: '57014' });
    const once = () =>
      undoMigration(
        session,
        migration,
        down,
        exec,
        {
          ...config,
          signal: ctx.signal,
          witness: run.catalogWitness,
          fence: lockFence(run.lockKey, run.controlPid),
          control: run.client,
        },
        (c) => forget(run, c, migration),
      );
    const writes = await retryingLockTimeouts(run, { migration, exec }, once);
    // For a restore that may follow: what the down script wrote is this run's own, like what its migration wrote.
    for (const [table, rows] of Object.entries(writes))
      run.ownWrites.set(table, (run.ownWrites.get(table) ?? 0) + rows);
    if (exec.mode !== 'transaction')
      (run.untraced ??= []).push(
        `the down script of ${migration.name} ran outside a transaction, so what it wrote cannot be told from others’ writes`,
      );
    const durationMs = Math.round(performance.now() - started);
    (report.undone ??= []).push({
      version: migration.version.text,
      name: migration.name,
      downFile: down.file,
      durationMs,
      transaction: exec.mode === 'transaction',
    });
    ctx.log.info(
      `undone ${migration.name} with ${down.file} in ${durationMs} ms${exec.mode === 'transaction' ? '' : ' (no transaction)'}`,
    );
    return true;
  } catch (err) {
    const e =
      err instanceof MigrationError
        ? err
        : new MigrationError((err as Error).message, { sqlstate: (err as { code?: string }).code, cause: err });
    const undone = new Set((report.undone ?? []).map((u) => u.name));
    const stay = report.applied.filter((a) => !undone.has(a.name)).map((a) => a.name);
    const what = lockLost(e)
      ? `this run lost its advisory lock (another run may hold it now), so the down script of ${migration.name} did not run`
      : `the down script of ${migration.name} failed: ${e.message} — ${exec.mode === 'transaction' ? 'rolled back with its history row' : 'it ran outside a transaction, so what of it ran stays done, and the history still records the migration as applied'}`;
    addFinding(report, {
      rule: 'undo-failed',
      severity: 'error',
      message: `on-failure: undo stopped: ${what}`,
      help: `${undone.size ? `Undone: ${[...undone].join(', ')}. ` : 'Nothing was undone. '}${
        fallback
          ? 'on-failure: undo-or-restore restores the pre-apply backup next: the notes say what stays applied.'
          : `Still applied and recorded: ${stay.join(', ')}.`
      } Fix the down script at the line given; then fix forward with a new migration, or undo by hand: each down script with its history row in one transaction.`,
      sqlstate: e.details.sqlstate,
      ...locationFields(e.details.location ?? { file: down.file, line: down.startLine, column: 1 }),
    });
    return false;
  }
}

/**
 * Takes the migration's row out of the history, on the client given (inside the down script's transaction, or
 * our own session): read there, so the row is the one committed now, and named by the migrations the plan knows.
 */
async function forget(run: ProductionRun, client: Client, m: Migration): Promise<void> {
  const { plan } = run;
  const known = new Map(
    [...plan.applied.map((a) => a.migration), ...plan.baseline, ...plan.outOfOrder, ...plan.pending].map((x) => [
      x.name,
      x,
    ]),
  );
  const rows = (await readHistory(client, run.history, [...known.values()])) ?? [];
  const row = rows.find((r) => r.name === m.name);
  if (!row) throw new Error(`${tableText(run.history)} has no row for ${m.name}: the history changed during the run`);
  await forgetRow(client, run.history, row, rows);
}
