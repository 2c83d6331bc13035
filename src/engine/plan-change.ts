import type { Config } from '../config/config.js';
import { withClient } from '../db/session/connect.js';
import { checksumsOf, locateHistoryTable, readHistory } from '../db/history/table.js';
import { tableText } from '../db/session/identifiers.js';
import { databaseIdentity } from '../db/session/server-identity.js';
import { analyseAll } from '../migrations/analyse.js';
import { readFolder } from '../migrations/discover.js';
import { makePlan } from '../migrations/make-plan.js';
import { planHash, unboundServerNote } from '../migrations/plan-hash.js';
import type { Report } from '../model/report.js';
import { reportPlan, startReport, type CommandContext } from './context.js';

/**
 * What an apply would do now, read-only: nothing is written and no lock is held. Reports the pending
 * migrations, every reason the apply would refuse, and the plan hash an approver pins.
 */
export async function planChange(config: Config, ctx: CommandContext): Promise<Report> {
  const { migrations } = await readFolder(config.migrationsDir, config.allowEmpty);
  const report = startReport('plan', config, ctx.databaseUrl);
  const { table, rows, identity } = await withClient(ctx.databaseUrl, async (c) => {
    const t = await locateHistoryTable(c, config.historyTable);
    return { table: t, rows: await readHistory(c, t, migrations), identity: await databaseIdentity(c) };
  });
  if (!rows) report.notes.push(`history table ${report.historyTable} does not exist yet; apply creates it`);
  const p = makePlan(migrations, rows, { ...config, checksumsOf: checksumsOf(table) });
  const { analysed, errors } = await analyseAll(p.pending);
  reportPlan(report, table, p, analysed, errors);
  if (p.baseline.length)
    report.notes.push(
      `baseline: ${p.baseline.length} migration(s) up to ${config.baseline} would be recorded as applied without running`,
    );
  report.planHash = planHash(identity, tableText(config.historyTable), p);
  const unbound = unboundServerNote(identity);
  if (unbound) report.notes.push(unbound);
  ctx.log.info(`${report.pending.length} pending migration(s); plan hash ${report.planHash}`);
  return report;
}
