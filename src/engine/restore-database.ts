import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../config/config.js';
import type { BackupMetadata } from '../backup/metadata.js';
import { checkRestore, RestoreRefused, type Verdict } from '../backup/restore-guard.js';
import { dumpIn, restoreBackup, type RestoreCheck } from '../backup/restore-backup.js';
import { systemPrivilegesNote } from '../backup/system-privileges.js';
import { withOwnClient } from '../db/session/own-session.js';
import { InputError } from '../foundation/errors.js';
import { addFinding, type Report } from '../model/report.js';
import { startReport, type CommandContext } from './context.js';
import type { ArtifactContext } from './context.js';

export interface RestoreContext extends CommandContext {
  artifacts?: ArtifactContext;
  githubToken?: string;
}

/** The dump to restore: a file, or the dump of an artifact downloaded from this run or another. */
export async function locateDump(
  source: { file?: string; artifact?: string; runId?: number; identity?: string },
  ctx: RestoreContext,
): Promise<string> {
  if (source.file) return source.file;
  if (!source.artifact)
    throw new InputError(['restore: set backup-file (a dump with its .json beside it) or backup-artifact']);
  if (!ctx.artifacts)
    throw new InputError([
      `'${source.artifact}': artifacts are only reachable inside GitHub Actions; download it and give the dump file instead`,
    ]);
  const dir = mkdtempSync(join(tmpdir(), 'pmg-restore-'));
  const from = source.runId
    ? { runId: source.runId, owner: ctx.artifacts.owner, repo: ctx.artifacts.repo, token: ctx.githubToken ?? '' }
    : undefined;
  if (from && !from.token)
    throw new InputError(["backup-run-id: reading another run's artifacts needs github-token with actions: read"]);
  await ctx.artifacts.store.download(source.artifact, dir, from);
  return dumpIn(dir, source.identity);
}

/**
 * Restores a backup into the target database after checking its sha256 and its target: the target must be the
 * database the backup was taken from (or empty), must not have recorded migrations since, and nobody may have
 * committed anything since the backup was taken; restore-to-other-database and restore-discards-writes allow
 * what they name. Otherwise nothing is touched and the report says what would have been lost. The dump's
 * objects are dropped and recreated in one transaction; objects created after the backup are not in the dump and
 * stay. The report names the backup it restored.
 */
export async function restoreDatabase(config: Config, ctx: RestoreContext): Promise<Report> {
  const report = startReport('restore', config, ctx.databaseUrl);
  const dump = await locateDump(
    {
      file: config.backupFile,
      artifact: config.backupArtifact,
      runId: config.backupRunId,
      identity: config.backupIdentity,
    },
    ctx,
  );
  let verdict: Verdict | undefined;
  const check = (m: BackupMetadata, at: RestoreCheck) =>
    withOwnClient(ctx.databaseUrl, (c) =>
      checkRestore(c, m, {
        discardWrites: config.restoreDiscardsWrites,
        otherDatabase: config.restoreToOtherDatabase,
        historyTable: config.historyTable,
        quick: !at.locked,
        restoreSession: at.session,
        signal: ctx.signal,
      }),
    );
  try {
    const m = await restoreBackup(ctx.databaseUrl, dump, config.pgDumpPath, {
      lockTimeoutMs: config.backupLockTimeoutMs,
      signal: ctx.signal,
      beforeRestore: async (metadata, at) => {
        verdict = await check(metadata, at);
        if (verdict.refusals.length) throw new RestoreRefused(verdict);
      },
    });
    report.notes.push(
      `restored ${m.file} (sha256 ${m.sha256}, taken ${m.createdAt} from ${m.database}${m.lastApplied ? `, newest migration then ${m.lastApplied.name}` : ''})`,
      ...verdict!.notes,
    );
    const leftOut = systemPrivilegesNote(m.systemPrivilegesLeftOut);
    if (leftOut) report.notes.push(leftOut);
  } catch (err) {
    if (!(err instanceof RestoreRefused)) throw err;
    addFinding(report, {
      rule: 'restore-refused',
      severity: 'error',
      message: `nothing was restored: ${err.verdict.refusals.join('; ')}`,
      help: 'Check the target (database-url) and what would be lost; when the restore is meant anyway, set the input the message names.',
    });
    report.notes.push(...err.verdict.notes);
  }
  for (const n of report.notes) ctx.log.info(n);
  return report;
}
