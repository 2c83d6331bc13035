import type { Client } from '../db/connect.js';
import { ensureHistoryTable } from '../db/history.js';
import { tableText } from '../db/identifiers.js';
import { blockingSessions } from '../db/preflight.js';
import { runMigration } from '../db/runner.js';
import { MigrationSession } from '../db/session.js';
import { settleHistory } from '../db/settle.js';
import { withTransaction } from '../db/transaction.js';
import { MigrationError } from '../errors.js';
import type { Analysed } from '../migrations/analyse.js';
import { addFinding, locationFields } from '../model/report.js';
import type { ApplyRun } from './run.js';

/** Creates or adopts the history table and records the plan's bookkeeping (accepted edits, baseline, …). */
export async function prepareHistory(run: ApplyRun): Promise<boolean> {
  const { client, history, report } = run;
  const state = await withTransaction(client, () => ensureHistoryTable(client, history));
  if (state !== 'ready') report.notes.push(`history table ${tableText(history)} ${state === 'created' ? 'created' : 'adopted: columns added, rows kept'}`);
  report.notes.push(...(await withTransaction(client, () => settleHistory(client, history, run.plan, run.ctx.appliedBy))));
  return true;
}

/** Who holds the locks a migration waited for, to name in its failure. */
async function blockers(client: Client, a: Analysed): Promise<string> {
  const sessions = await blockingSessions(client, [a], 0).catch(() => []);
  if (!sessions.length) return '';
  return `; blocked by ${sessions
    .slice(0, 3)
    .map((s) => `pid ${s.pid} (${s.state}, ${s.mode} on ${s.relation}, transaction open ${s.transactionAgeSeconds} s): ${s.query}`)
    .join('; ')}`;
}

/**
 * Runs the pending migrations in order, each on a session as fresh as psql -f's, stopping at the first failure:
 * it rolls back (or stays dirty, if it ran outside a transaction); what ran before it stays applied and recorded.
 */
export async function runPending(run: ApplyRun): Promise<boolean> {
  if (!run.analysed.length) return true;
  const session = await MigrationSession.open(run.ctx.databaseUrl, run.lockKey);
  try {
    await run.ctx.log.group(`apply ${run.analysed.length} migration(s)`, () => runEach(run, session));
  } finally {
    await session.close();
  }
  return run.report.ok;
}

async function runEach(run: ApplyRun, session: MigrationSession): Promise<void> {
  const { config, ctx, report } = run;
  const record = { table: run.history, appliedBy: ctx.appliedBy, control: run.client };
  for (const a of run.analysed) {
    const { migration, exec } = a;
    try {
      const r = await runMigration(session, migration, exec, { ...config, record }, ctx.log);
      report.applied.push({ version: migration.version.text, name: migration.name, durationMs: r.durationMs, transaction: exec.mode === 'transaction', attempts: r.attempts });
      ctx.log.info(`applied ${migration.name} in ${r.durationMs} ms${exec.mode === 'transaction' ? '' : ' (no transaction)'}`);
    } catch (err) {
      if (!(err instanceof MigrationError)) throw err;
      if (err.details.sqlstate === '55P03') err.message += await blockers(run.client, a);
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
