import type { Config } from '../config/config.js';
import { restoreBackup } from '../backup/restore-backup.js';
import { takeBackup } from '../backup/take-backup.js';
import { applyMigrations } from './apply-engine.js';
import type { Client } from '../db/connect.js';
import { dropCreatedSince, userObjects } from '../db/objects.js';
import { blockingSessions, dropInvalidIndex, leftoverInvalidIndexes } from '../db/preflight.js';
import type { Analysed } from '../migrations/analyse.js';
import { addFinding, type Report } from '../report/report.js';
import { backupArtifactName, type BackupContext } from './backup.js';

export interface ApplyContext extends BackupContext {
  appliedBy: string;
  /** The database is a throwaway server this process started: no backup is taken of it. */
  throwaway?: boolean;
}

/** The health check: must succeed, and a returned row's first column must be true. */
async function healthy(client: Client, sql: string): Promise<string | undefined> {
  try {
    const r = await client.query(sql);
    const rows = Array.isArray(r) ? r[r.length - 1].rows : r.rows;
    const first = rows[0] ? Object.values(rows[0])[0] : true;
    return first === true ? undefined : `it returned ${JSON.stringify(first)}, not true`;
  } catch (err) {
    return (err as Error).message;
  }
}

async function preflight(client: Client, analysed: Analysed[], config: Config, report: Report): Promise<boolean> {
  const sessions = await blockingSessions(client, analysed);
  for (const s of sessions) {
    addFinding(report, {
      rule: 'blocking-session',
      severity: config.preflight === 'strict' ? 'error' : 'warning',
      message: `pid ${s.pid} (${s.state}, transaction open ${s.transactionAgeSeconds} s) holds ${s.mode} on ${s.relation}: a migration locking ${s.relation} would wait behind it, and queries behind the migration: ${s.query}`,
      help: 'Let it finish or end it (SELECT pg_terminate_backend(pid)) before applying; preflight: strict refuses to start while such sessions exist.',
    });
  }
  return !(config.preflight === 'strict' && sessions.length);
}

/**
 * The production apply, in the order the runbooks ask for: plan check (expected-plan) -> pre-flight -> verified
 * backup -> migrations under the advisory lock -> health check -> post-migration backup, all inside the lock so
 * no other run slips in between. On failure the report still names the backup and what was applied; with
 * on-failure: restore the pre-apply backup is restored.
 */
export async function apply(config: Config, ctx: ApplyContext): Promise<Report> {
  const backupOptions = (planHash: string | undefined, label: string) => ({
    label,
    dir: config.backupDir ?? ctx.backupDir,
    historyTable: config.historyTable,
    pgDumpPath: config.pgDumpPath,
    pgDumpDocker: config.pgDumpDocker,
    recipients: config.backupRecipients,
    planHash,
  });
  const upload = (suffix: string) =>
    ctx.artifacts && { store: ctx.artifacts.store, name: `${backupArtifactName(config, ctx.databaseUrl, ctx.artifacts)}${suffix}`, retentionDays: config.retentionDays };

  /** With on-failure: restore, the objects that existed before the run, to drop what it created if it fails. */
  let objectsBefore: Set<string> | undefined;
  return applyMigrations(config, ctx, {
    async beforeWrite({ plan, analysed, report, client }) {
      if (config.expectedPlan && report.planHash !== config.expectedPlan) {
        addFinding(report, {
          rule: 'plan-mismatch',
          severity: 'error',
          message: `the plan is ${report.planHash}, not the approved ${config.expectedPlan}: a migration was added or edited after approval, or the database moved on; nothing was changed`,
          help: 'Run the plan job again, review the new plan, and approve that one.',
        });
        return false;
      }
      if (!plan.pending.length) return true;
      if (!(await preflight(client, analysed, config, report))) return false;
      if (!config.backup) report.notes.push('backup: false — no backup was taken before applying');
      else if (ctx.throwaway) report.notes.push('no backup: the database is a throwaway server');
      else {
        try {
          report.backup = await takeBackup(ctx.databaseUrl, { ...backupOptions(report.planHash, 'pre-apply'), artifact: upload('') });
          ctx.log.info(`backup taken: ${report.backup.path} (${report.backup.size} bytes, sha256 ${report.backup.sha256})`);
        } catch (err) {
          addFinding(report, { rule: 'backup-failed', severity: 'error', message: `no migration was applied because the backup failed: ${(err as Error).message}`, help: 'Fix the backup (pg_dump version, backup-dir, artifact upload), or set backup: false deliberately.' });
          return false;
        }
      }
      if (config.onFailure === 'restore') objectsBefore = await userObjects(client);
      for (const index of await leftoverInvalidIndexes(client, analysed)) {
        await dropInvalidIndex(client, index);
        report.notes.push(`dropped the invalid index ${index} left by an earlier failed CREATE INDEX CONCURRENTLY, so it is built again`);
      }
      return true;
    },

    async afterRun({ report, client }) {
      if (report.ok && report.applied.length && config.healthCheck) {
        const problem = await healthy(client, config.healthCheck);
        if (problem) addFinding(report, { rule: 'health-check-failed', severity: 'error', message: `the health check failed after the migrations: ${problem}`, help: 'The migrations are applied; check the application, and restore the backup if the database is not usable.' });
        else report.notes.push('health check passed');
      }
      if (!report.ok && config.onFailure === 'restore' && report.backup) {
        await restoreBackup(ctx.databaseUrl, report.backup.path, config.pgDumpPath);
        const dropped = objectsBefore ? await dropCreatedSince(client, objectsBefore) : [];
        report.notes.push(
          `on-failure: restore — the pre-apply backup ${report.backup.path} was restored${dropped.length ? ` and the ${dropped.length} object(s) this run had created were dropped (${dropped.join('; ')})` : ''}; the database and its history are as they were before this run`,
        );
      } else if (report.ok && report.applied.length && config.postBackup && config.backup && !ctx.throwaway) {
        report.postBackup = await takeBackup(ctx.databaseUrl, { ...backupOptions(report.planHash, 'post-apply'), artifact: upload('-post') });
        report.notes.push(`post-migration backup: ${report.postBackup.path} (sha256 ${report.postBackup.sha256})`);
      }
      if (!report.ok && report.backup) report.notes.push(`the pre-apply backup is ${report.backup.artifactName ? `artifact ${report.backup.artifactName}, ` : ''}${report.backup.path}: ${report.backup.restore}`);
    },
  });
}
