import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../config/config.js';
import { dumpIn, restoreBackup } from '../backup/restore-backup.js';
import { InputError } from '../errors.js';
import type { Report } from '../model/report.js';
import { startReport, type CommandContext } from './context.js';
import type { ArtifactContext } from './context.js';

export interface RestoreContext extends CommandContext {
  artifacts?: ArtifactContext;
  githubToken?: string;
}

/** The dump to restore: a file, or the dump of an artifact downloaded from this run or another. */
export async function locateDump(source: { file?: string; artifact?: string; runId?: number; identity?: string }, ctx: RestoreContext): Promise<string> {
  if (source.file) return source.file;
  if (!source.artifact) throw new InputError(['restore: set backup-file (a dump with its .json beside it) or backup-artifact']);
  if (!ctx.artifacts) throw new InputError([`'${source.artifact}': artifacts are only reachable inside GitHub Actions; download it and give the dump file instead`]);
  const dir = mkdtempSync(join(tmpdir(), 'pmg-restore-'));
  const from = source.runId ? { runId: source.runId, owner: ctx.artifacts.owner, repo: ctx.artifacts.repo, token: ctx.githubToken ?? '' } : undefined;
  if (from && !from.token) throw new InputError(["backup-run-id: reading another run's artifacts needs github-token with actions: read"]);
  await ctx.artifacts.store.download(source.artifact, dir, from);
  return dumpIn(dir, source.identity);
}

/**
 * Restores a backup into the target database after checking its sha256: the dump's objects are dropped and
 * recreated in one transaction. Objects created after the backup are not in the dump and stay; the report
 * names the backup it restored.
 */
export async function restore(config: Config, ctx: RestoreContext): Promise<Report> {
  const report = startReport('restore', config, ctx.databaseUrl);
  const dump = await locateDump({ file: config.backupFile, artifact: config.backupArtifact, runId: config.backupRunId, identity: config.backupIdentity }, ctx);
  const m = await restoreBackup(ctx.databaseUrl, dump, config.pgDumpPath);
  report.notes.push(
    `restored ${m.file} (sha256 ${m.sha256}, taken ${m.createdAt} from ${m.database}${m.lastApplied ? `, newest migration then ${m.lastApplied.name}` : ''})`,
  );
  ctx.log.info(report.notes[report.notes.length - 1]);
  return report;
}
