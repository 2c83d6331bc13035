import type { Config } from '../config/config.js';
import { ConnectionError } from '../db/connect.js';
import { InputError, StateError } from '../errors.js';
import { addFinding, type Report } from '../report/report.js';
import { apply } from './apply.js';
import type { CommandContext } from './context.js';
import { lint } from './lint.js';
import type { ArtifactStore } from '../backup/artifact-store.js';
import { backup } from './backup.js';
import { plan } from './plan.js';
import { restore } from './restore.js';
import { verify } from './verify.js';
import { startReport } from './context.js';

/** GitHub Actions' artifact storage and the run it belongs to; absent outside Actions. */
export interface ArtifactContext {
  store: ArtifactStore;
  runId: number;
  attempt: number;
  owner: string;
  repo: string;
}

export interface RunContext extends Omit<CommandContext, 'databaseUrl'> {
  /** Absent only for commands that need no database (lint). */
  databaseUrl?: string;
  appliedBy: string;
  /** Files given by path on the command line (lint). */
  files?: string[];
  /** Where backups go unless backup-dir says otherwise. */
  backupDir: string;
  artifacts?: ArtifactContext;
  githubToken?: string;
  /** The database is a throwaway server the CLI started. */
  throwaway?: boolean;
}

/** Commands that work on a database; the CLI starts a throwaway server for them when none is given. */
export function needsDatabase(command: Config['command']): boolean {
  return command !== 'lint';
}

/**
 * Runs the configured command. A database that cannot be reached or is not in a state to proceed becomes a
 * failed report (so the report file and outputs still exist); configuration problems stay InputErrors.
 */
export async function runCommand(config: Config, ctx: RunContext): Promise<Report> {
  try {
    if (config.command === 'lint') return await lint(config, ctx);
    if (!ctx.databaseUrl) throw new InputError([`database-url: required for command ${config.command}`]);
    const withDb = { ...ctx, databaseUrl: ctx.databaseUrl };
    switch (config.command) {
      case 'plan':
        return await plan(config, withDb);
      case 'apply':
        return await apply(config, withDb);
      case 'verify':
        return await verify(config, withDb);
      case 'backup':
        return await backup(config, withDb);
      case 'restore':
        return await restore(config, withDb);
    }
  } catch (err) {
    if (!(err instanceof StateError || err instanceof ConnectionError)) throw err;
    const report = startReport(config.command, config, ctx.databaseUrl);
    const problems = err instanceof StateError ? err.problems : [err.message];
    for (const message of problems) {
      addFinding(report, { rule: err instanceof StateError ? 'database-state' : 'connection', severity: 'error', message });
    }
    return report;
  }
}
