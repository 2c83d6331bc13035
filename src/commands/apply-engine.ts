import type { Config } from '../config/config.js';
import { listPending, reportAnalysisErrors, reportPlanProblems, startReport, type CommandContext } from './context.js';
import { lockKey, withAdvisoryLock } from '../db/advisory-lock.js';
import { targetIdentity, withClient, type Client } from '../db/connect.js';
import { ensureHistoryTable, readHistory } from '../db/history.js';
import { quoteTable, tableText } from '../db/identifiers.js';
import { runMigration } from '../db/runner.js';
import { settleHistory } from '../db/settle.js';
import { MigrationError } from '../errors.js';
import { analyseAll, type Analysed } from '../migrations/analyse.js';
import { discover } from '../migrations/discover.js';
import { makePlan, planHash, type Plan } from '../migrations/plan.js';
import { addFinding, locationFields, type Report } from '../report/report.js';

async function inTransaction<T>(client: Client, fn: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const result = await fn();
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  }
}

/** Steps a caller adds around the engine, all inside the advisory lock (the gated production apply). */
export interface ApplyHooks {
  /**
   * After the plan is made and found sound, before anything is written (the history table not even created):
   * return false to stop with nothing changed.
   */
  beforeWrite?(run: { plan: Plan; analysed: Analysed[]; report: Report; client: Client }): Promise<boolean>;
  /** After the migrations ran, or one failed. */
  afterRun?(run: { report: Report; client: Client }): Promise<void>;
}

/**
 * Applies the pending migrations in order under a session-level advisory lock. The plan is made inside the
 * lock from a read-only look at the history; any drift, missing, dirty or out-of-order migration, or any
 * pending file that cannot run, stops the run before anything is written. A failing migration rolls back (or
 * stays dirty, if it ran outside a transaction); what ran before it stays applied and recorded.
 */
export async function applyMigrations(config: Config, ctx: CommandContext & { appliedBy: string }, hooks: ApplyHooks = {}): Promise<Report> {
  const { migrations } = discover(config.migrationsDir);
  const report = startReport('apply', config, ctx.databaseUrl);
  const table = config.historyTable;
  return withClient(ctx.databaseUrl, (client) =>
    withAdvisoryLock(client, lockKey(quoteTable(table)), config.lockWaitMs, async () => {
      const plan = makePlan(migrations, await readHistory(client, table), config);
      report.planHash = planHash(targetIdentity(ctx.databaseUrl), tableText(table), plan);
      const { analysed, errors } = await analyseAll(plan.pending);
      listPending(report, plan, analysed);
      reportPlanProblems(report, plan.problems);
      reportAnalysisErrors(report, errors);
      if (!report.ok) return report;
      if (hooks.beforeWrite && !(await hooks.beforeWrite({ plan, analysed, report, client }))) return report;

      const state = await inTransaction(client, () => ensureHistoryTable(client, table));
      if (state !== 'ready') report.notes.push(`history table ${tableText(table)} ${state === 'created' ? 'created' : 'adopted: columns added, rows kept'}`);
      report.notes.push(...(await inTransaction(client, () => settleHistory(client, table, plan, ctx.appliedBy))));
      await ctx.log.group(`apply ${analysed.length} migration(s)`, () => runAll(client, analysed, config, ctx, report));
      await hooks.afterRun?.({ report, client });
      return report;
    }),
  );
}

async function runAll(client: Client, analysed: Analysed[], config: Config, ctx: CommandContext & { appliedBy: string }, report: Report): Promise<void> {
  for (const { migration, exec } of analysed) {
    try {
      const r = await runMigration(client, migration, exec, { ...config, appliedBy: ctx.appliedBy }, ctx.log);
      report.applied.push({ version: migration.version.text, name: migration.name, durationMs: r.durationMs, transaction: exec.mode === 'transaction', attempts: r.attempts });
      ctx.log.info(`applied ${migration.name} in ${r.durationMs} ms${exec.mode === 'transaction' ? '' : ' (no transaction)'}`);
    } catch (err) {
      if (!(err instanceof MigrationError)) throw err;
      addFinding(report, {
        rule: 'apply-failed',
        severity: 'error',
        message: `${migration.name} failed: ${err.message}${exec.mode === 'transaction' ? ' — rolled back' : ' — it ran outside a transaction and is marked dirty'}`,
        help: err.details.hint,
        sqlstate: err.details.sqlstate,
        ...locationFields(err.details.location),
      });
      report.notes.push(
        report.applied.length ? `this run applied ${report.applied.length} migration(s) before the failure; they stay applied and recorded` : 'nothing was applied by this run',
      );
      return;
    }
  }
}
