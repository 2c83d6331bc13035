import type { Config } from '../config/config.js';
import { addFinding, type Report } from '../model/report.js';
import { findingsFor } from './failure-findings.js';
import { CancelledError } from '../foundation/errors.js';
import { healthCheck, onFailure, postBackup } from './aftercare.js';
import { noteWhatStays, prepareHistory, runPending } from './run-pending.js';
import { withApplyRun, type ApplyContext, type ApplyRun, type ProductionContext } from './apply-run.js';
import { backupFirst, checkPlan, dropLeftoverIndexes, preflight, type ProductionRun } from './safety.js';

/** One step of a run, named for the report: false stops the run there (the report says why, or there is nothing to do). */
type Step<R extends ApplyRun> = [name: string, (run: R) => Promise<boolean>];

/**
 * Runs the steps in order. A step that throws stops the run with the error as a finding named for the step, so
 * the report keeps what was applied (a post-migration backup that fails after the migrations committed, say);
 * a cancelled run stops before its next step.
 */
async function inOrder<R extends ApplyRun>(run: R, steps: Step<R>[]): Promise<void> {
  for (const [name, step] of steps) {
    if (run.ctx.signal?.aborted && !run.report.cancelled) {
      run.report.cancelled = String(run.ctx.signal.reason);
      addFinding(run.report, {
        rule: 'cancelled',
        severity: 'error',
        message: `cancelled (${run.report.cancelled}) before the ${name}; nothing after it ran`,
        help: 'Run again when ready.',
      });
    }
    if (run.report.cancelled) return;
    try {
      if (!(await step(run))) return;
    } catch (err) {
      // Cancelled inside the step (the backup's pg_dump stopped, say): reported as the cancel it is.
      if (err instanceof CancelledError) run.report.cancelled = err.reason;
      // An unexpected error, or a tool's refusal (with its hint), is the step's failure: the step's finding says what the run kept.
      type Rule = Report['findings'][number]['rule'];
      const ofStep = (rule: Rule): Rule =>
        rule === 'internal-error' || rule === 'tool-failed' ? (`${name.replace(/ /g, '-')}-failed` as Rule) : rule;
      for (const f of findingsFor(err, run.ctx.debug))
        addFinding(run.report, {
          ...f,
          rule: ofStep(f.rule),
          message: `${name}: ${f.message}${f.rule === 'cancelled' ? '; nothing after it ran' : ''}`,
        });
      return;
    }
  }
}

/**
 * The engine alone: the plan, then the pending migrations in order under the advisory lock, each recorded in the
 * history table. Any drift, missing, dirty or out-of-order migration, or any pending file that cannot run, stops
 * the run before anything is written. Verify's restore drill, the benchmark and the tests use it.
 */
export function applyMigrations(config: Config, ctx: ApplyContext): Promise<Report> {
  return withApplyRun(config, ctx, async (run) => {
    await inOrder(run, [
      ['plan check', async (r) => r.report.ok],
      ['history table', prepareHistory],
      ['migrations', runPending],
    ]);
    noteWhatStays(run.report);
  });
}

/**
 * The production apply, as the runbooks list it, every step inside the advisory lock so no other run slips in
 * between: plan check (sound, and the approved one) -> pre-flight -> verified backup -> history table ->
 * migrations -> health check -> post-migration backup; after a failure, on-failure (keep what applied, undo it
 * with the down scripts, or restore) and the backup named; then what stays applied. The gate (a protected
 * environment, or the CLI's confirmation) is passed before this starts.
 */
export function productionApply(config: Config, ctx: ProductionContext): Promise<Report> {
  return withApplyRun(config, ctx, async (base) => {
    const run: ProductionRun = { ...base, ctx };
    await inOrder(run, [
      ['plan check', checkPlan],
      ['pre-flight', preflight],
      ['backup', backupFirst],
      ['cleanup of invalid indexes', dropLeftoverIndexes],
      ['history table', prepareHistory],
      ['migrations', runPending],
      ['health check', healthCheck],
      ['post-migration backup', postBackup],
    ]);
    if (!run.report.ok) await inOrder(run, [['on-failure', async (r) => (await onFailure(r), true)]]);
    // A cancelled run does no restore, but still says where its backup is.
    if (run.report.cancelled && run.report.backup)
      run.report.notes.push(`the pre-apply backup is ${run.report.backup.path}: ${run.report.backup.restore}`);
    // Last: what stays applied is known only once on-failure has undone or restored what it could.
    noteWhatStays(run.report);
  });
}
