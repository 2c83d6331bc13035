import { artifactName } from '../backup/artifact-store.js';
import { takeBackup, type BackupOptions } from '../backup/take-backup.js';
import type { Config } from '../config/config.js';
import { targetIdentity } from '../connection/url.js';
import type { BackupInfo } from '../model/report.js';
import type { ArtifactContext, CommandContext } from './context.js';

/** What a run that takes backups receives: where they go, and GitHub's artifact storage inside Actions. */
export interface BackupContext extends CommandContext {
  backupDir: string;
  artifacts?: ArtifactContext;
}

/** The artifact name: given, or unique per database, run and attempt. */
function backupArtifactName(config: Config, url: string, a: ArtifactContext): string {
  return (
    config.artifactName ??
    artifactName('pg-backup', targetIdentity(url).split('/').pop()!, String(a.runId), String(a.attempt))
  );
}

/**
 * A verified backup of the context's database, as the config asks for it: the backup command's, and the apply's
 * before and after it runs (`extra` labels them, ties them to the plan and names the artifact apart).
 */
export function backupFor(
  config: Config,
  ctx: BackupContext,
  extra: Pick<BackupOptions, 'label' | 'planHash'> & { nameSuffix?: string } = {},
): Promise<BackupInfo> {
  const { nameSuffix = '', ...labels } = extra;
  return takeBackup(ctx.databaseUrl, {
    ...labels,
    dir: config.backupDir ?? ctx.backupDir,
    historyTable: config.historyTable,
    pgDumpPath: config.pgDumpPath,
    pgDumpDocker: config.pgDumpDocker,
    recipients: config.backupRecipients,
    lockTimeoutMs: config.backupLockTimeoutMs,
    signal: ctx.signal,
    artifact: ctx.artifacts && {
      store: ctx.artifacts.store,
      name: `${backupArtifactName(config, ctx.databaseUrl, ctx.artifacts)}${nameSuffix}`,
      retentionDays: config.retentionDays,
    },
  });
}
