import type { Config } from '../config/config.js';
import { lockKey, withAdvisoryLock } from '../db/session/advisory-lock.js';
import type { CatalogWitness } from '../db/catalog/catalog-witness.js';
import type { Client } from '../db/session/connect.js';
import { checksumsOf, locateHistoryTable, readHistory, type HistoryTable } from '../db/history/table.js';
import { quoteTable, tableText } from '../db/session/identifiers.js';
import { withOwnClient } from '../db/session/own-session.js';
import { databaseIdentity, type DatabaseIdentity } from '../db/session/server-identity.js';
import { analyseAll, foreignConnects, type Analysed } from '../migrations/analyse.js';
import { readFolder } from '../migrations/discover.js';
import { makePlan, type Plan } from '../migrations/make-plan.js';
import { planHash } from '../migrations/plan-hash.js';
import type { Report } from '../model/report.js';
import type { BackupContext } from './backup-run.js';
import { reportPlan, startReport, type CommandContext } from './context.js';

/** What an apply needs besides its config: who applies (for the history rows), and the context of every run. */
export interface ApplyContext extends CommandContext {
  appliedBy: string;
}

/** The production apply's: backups too, unless the database is a throwaway server this process started. */
export interface ProductionContext extends ApplyContext, BackupContext {
  throwaway?: boolean;
}

/** One apply run, as every step sees it: the lock is held on `client` for as long as the steps run. */
export interface ApplyRun {
  config: Config;
  ctx: ApplyContext;
  /** Our own session: it holds the advisory lock and writes the history rows outside migrations. */
  client: Client;
  /** That session's server process, which the lock fence checks still holds the lock. */
  controlPid: number;
  history: HistoryTable;
  /** The database as the server names it (what the plan hash binds), however the URL reached it. */
  identity: DatabaseIdentity;
  /** The advisory lock's key: the migrating session holds its companion lock. */
  lockKey: number;
  plan: Plan;
  analysed: Analysed[];
  report: Report;
  /** Rows this run's committed transactional migrations wrote, per table (for on-failure: restore). */
  ownWrites: Map<string, number>;
  /** How many of the pending migrations this run has started (sent anything of) so far. */
  started: number;
  /** The longest an attempt of a transactional migration queued for or held its locks (RunOptions.attempted). */
  longestStallMs?: number;
  /** Notes, inside each migration's transaction, what it did to the catalog (when on-failure may restore). */
  catalogWitness?: CatalogWitness;
}

/**
 * Opens a run: connects, finds the history table, takes the session-level advisory lock, and makes the plan from a
 * read-only look at the history, so nothing is written before every file is known to be sound. `steps` runs
 * inside the lock; the lock and the connection are released however it ends.
 */
export async function withApplyRun(
  config: Config,
  ctx: ApplyContext,
  steps: (run: ApplyRun) => Promise<void>,
): Promise<Report> {
  const { migrations } = await readFolder(config.migrationsDir, config.allowEmpty);
  const report = startReport('apply', config, ctx.databaseUrl);
  for (const input of config.timeoutsOff) report.notes.push(`${input}: off — this run sets no limit there`);
  // Our own session, which the server's session limits leave alone: it sits idle holding the lock while the
  // backup and the migrations run on other sessions.
  return withOwnClient(ctx.databaseUrl, async (client) => {
    const history = await locateHistoryTable(client, config.historyTable);
    const key = lockKey(quoteTable(history));
    return withAdvisoryLock(
      client,
      key,
      config.lockWaitMs,
      async () => {
        const plan = makePlan(migrations, await readHistory(client, history, migrations), {
          ...config,
          checksumsOf: checksumsOf(history),
        });
        const identity = await databaseIdentity(client);
        report.planHash = planHash(identity, tableText(config.historyTable), plan);
        const { analysed, errors } = await analyseAll(plan.pending);
        // The server's own pid of our session: behind a pooler the start-up key (processID) is the pooler's.
        const who = (
          await client.query(
            'SELECT pg_catalog.current_database() AS database, session_user AS user, pg_catalog.pg_backend_pid() AS pid',
          )
        ).rows[0];
        errors.push(...foreignConnects(analysed, who));
        reportPlan(report, history, plan, analysed, errors);
        await steps({
          config,
          ctx,
          client,
          controlPid: Number(who.pid),
          history,
          identity,
          lockKey: key,
          plan,
          analysed,
          report,
          ownWrites: new Map(),
          started: 0,
        });
        return report;
      },
      { signal: ctx.signal, url: ctx.databaseUrl },
    );
  });
}
