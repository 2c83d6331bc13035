import type { Config } from '../config/config.js';
import type { Report } from '../model/report.js';
import { healthCheck, onFailure, postBackup } from './aftercare.js';
import { prepareHistory, runPending } from './run-pending.js';
import { withApplyRun, type ApplyContext, type ApplyRun } from './run.js';
import { backupFirst, checkPlan, dropLeftoverIndexes, preflight, type ProductionRun } from './safety.js';

/** One step of a run: false stops the run there (the report says why, or there is nothing to do). */
type Step<R extends ApplyRun> = (run: R) => Promise<boolean>;

async function inOrder<R extends ApplyRun>(run: R, steps: Step<R>[]): Promise<void> {
  for (const step of steps) if (!(await step(run))) return;
}

/**
 * The engine alone: the plan, then the pending migrations in order under the advisory lock, each recorded in the
 * history table. Any drift, missing, dirty or out-of-order migration, or any pending file that cannot run, stops
 * the run before anything is written. Verify's restore drill, the benchmark and the tests use it.
 */
export function applyMigrations(config: Config, ctx: ApplyContext): Promise<Report> {
  return withApplyRun(config, ctx, (run) => inOrder(run, [async (r) => r.report.ok, prepareHistory, runPending]));
}

/**
 * The production apply, as the runbooks list it, every step inside the advisory lock so no other run slips in
 * between: plan check (sound, and the approved one) -> pre-flight -> verified backup -> history table ->
 * migrations -> health check -> post-migration backup; after a failure, on-failure (restore, or keep what
 * applied) and the backup named. The gate (a protected environment, or the CLI's confirmation) is passed
 * before this starts.
 */
export function productionApply(config: Config, ctx: ProductionRun['ctx']): Promise<Report> {
  return withApplyRun(config, ctx, async (base) => {
    const run: ProductionRun = { ...base, ctx };
    await inOrder(run, [checkPlan, preflight, backupFirst, dropLeftoverIndexes, prepareHistory, runPending, healthCheck, postBackup]);
    if (!run.report.ok) await onFailure(run);
  });
}
