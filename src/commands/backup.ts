import type { Config } from '../config/config.js';
import { backupFor, type BackupContext } from '../engine/backup-run.js';
import { startReport } from '../engine/context.js';
import type { Report } from '../model/report.js';

/** A verified backup of the target database, uploaded as an artifact inside GitHub Actions. */
export async function backup(config: Config, ctx: BackupContext): Promise<Report> {
  const report = startReport('backup', config, ctx.databaseUrl);
  report.backup = await backupFor(config, ctx);
  const b = report.backup;
  ctx.log.info(
    `backup ${b.path}: ${b.size} bytes, sha256 ${b.sha256}${b.artifactName ? `, artifact ${b.artifactName} (${b.artifactId})` : ''}`,
  );
  return report;
}
