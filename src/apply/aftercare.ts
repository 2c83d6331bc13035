import { restoreBackup } from '../backup/restore-backup.js';
import { dropCreatedSince } from '../db/objects.js';
import { addFinding } from '../model/report.js';
import { backupOf, type ProductionRun } from './safety.js';

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
  if (problem) addFinding(report, { rule: 'health-check-failed', severity: 'error', message: `the health check failed after the migrations: ${problem}`, help: 'The migrations are applied; check the application, and restore the backup if the database is not usable.' });
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

/** After a failure: with on-failure: restore, the pre-apply backup is restored; the report names the backup. */
export async function onFailure(run: ProductionRun): Promise<void> {
  const { config, report } = run;
  if (config.onFailure === 'restore' && report.backup) {
    await restoreBackup(run.ctx.databaseUrl, report.backup.path, config.pgDumpPath);
    const dropped = run.objectsBefore ? await dropCreatedSince(run.client, run.objectsBefore) : [];
    report.notes.push(
      `on-failure: restore — the pre-apply backup ${report.backup.path} was restored${dropped.length ? ` and the ${dropped.length} object(s) this run had created were dropped (${dropped.join('; ')})` : ''}; the database and its history are as they were before this run`,
    );
  }
  if (report.backup) report.notes.push(`the pre-apply backup is ${report.backup.artifactName ? `artifact ${report.backup.artifactName}, ` : ''}${report.backup.path}: ${report.backup.restore}`);
}
