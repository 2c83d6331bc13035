import type { Config } from '../config/config.js';
import { artifactName } from '../backup/artifact-store.js';
import { takeBackup } from '../backup/take-backup.js';
import { targetIdentity } from '../connection/url.js';
import type { Report } from '../model/report.js';
import { startReport, type CommandContext } from './context.js';
import type { ArtifactContext } from './context.js';

export interface BackupContext extends CommandContext {
  backupDir: string;
  artifacts?: ArtifactContext;
}

/** The artifact name: given, or unique per database, run and attempt. */
export function backupArtifactName(config: Config, url: string, a: ArtifactContext): string {
  return config.artifactName ?? artifactName('pg-backup', targetIdentity(url).split('/').pop()!, String(a.runId), String(a.attempt));
}

/** A verified backup of the target database, uploaded as an artifact inside GitHub Actions. */
export async function backup(config: Config, ctx: BackupContext): Promise<Report> {
  const report = startReport('backup', config, ctx.databaseUrl);
  report.backup = await takeBackup(ctx.databaseUrl, {
    dir: config.backupDir ?? ctx.backupDir,
    historyTable: config.historyTable,
    pgDumpPath: config.pgDumpPath,
    pgDumpDocker: config.pgDumpDocker,
    recipients: config.backupRecipients,
    lockTimeoutMs: config.backupLockTimeoutMs,
    signal: ctx.signal,
    artifact: ctx.artifacts && { store: ctx.artifacts.store, name: backupArtifactName(config, ctx.databaseUrl, ctx.artifacts), retentionDays: config.retentionDays },
  });
  const b = report.backup;
  ctx.log.info(`backup ${b.path}: ${b.size} bytes, sha256 ${b.sha256}${b.artifactName ? `, artifact ${b.artifactName} (${b.artifactId})` : ''}`);
  return report;
}
