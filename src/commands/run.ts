import type { Config } from '../config/config.js';
import { ConnectionError } from '../db/connect.js';
import { InputError, StateError } from '../errors.js';
import { addFinding, type Report } from '../model/report.js';
import type { ArtifactContext, CommandContext } from './context.js';
import { startReport } from './context.js';

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

/** What to do about server errors outside any migration (the history table, the lock, the catalogs). */
const SERVER_HINTS: Record<string, string> = {
  '42501': "the database user lacks a privilege this needs (creating or writing the history table, reading the catalogs): use the migration user, or GRANT it (e.g. CREATE on the history table's schema)",
  '25006': 'the server is read-only (a standby, or default_transaction_read_only): point database-url at the primary',
  '57': 'the server shut down or ended the session: check that it is up, then run again; the history table shows what was applied',
  '08': 'the connection was lost: run again; each migration either committed with its history row or not at all',
  '53': 'the server is out of a resource (disk, memory, connections): free it, then run again',
};

/** Commands that work on a database; the CLI starts a throwaway server for them when none is given. */
export function needsDatabase(command: Config['command']): boolean {
  return command !== 'lint';
}

/**
 * Runs the configured command. A database that cannot be reached or is not in a state to proceed becomes a
 * failed report (so the report file and outputs still exist); configuration problems stay InputErrors.
 * Each command's module is loaded when it is chosen: a run loads what its one command needs, not the others'
 * dependencies (pg_dump handling, scratch servers, restores), which keeps the action's start-up short.
 */
export async function runCommand(config: Config, ctx: RunContext): Promise<Report> {
  try {
    if (config.command === 'lint') return await (await import('./lint.js')).lint(config, ctx);
    if (!ctx.databaseUrl) throw new InputError([`database-url: required for command ${config.command}`]);
    const withDb = { ...ctx, databaseUrl: ctx.databaseUrl };
    switch (config.command) {
      case 'plan':
        return await (await import('./plan.js')).plan(config, withDb);
      case 'apply':
        return await (await import('./apply.js')).apply(config, withDb);
      case 'verify':
        return await (await import('./verify.js')).verify(config, withDb);
      case 'backup':
        return await (await import('./backup.js')).backup(config, withDb);
      case 'restore':
        return await (await import('./restore.js')).restore(config, withDb);
    }
  } catch (err) {
    const sqlstate = (err as { code?: string }).code;
    const fromServer = !!sqlstate && /^[0-9A-Z]{5}$/.test(sqlstate);
    if (!(err instanceof StateError || err instanceof ConnectionError || fromServer)) throw err;
    const report = startReport(config.command, config, ctx.databaseUrl);
    if (err instanceof StateError) for (const message of err.problems) addFinding(report, { rule: 'database-state', severity: 'error', message });
    else if (err instanceof ConnectionError) addFinding(report, { rule: 'connection', severity: 'error', message: err.message });
    else addFinding(report, { rule: 'database-error', severity: 'error', sqlstate, message: (err as Error).message, help: SERVER_HINTS[sqlstate!] ?? SERVER_HINTS[sqlstate!.slice(0, 2)] });
    return report;
  }
}
