import type { Config } from '../config/config.js';
import type { Command } from '../model/commands.js';
import type { Report } from '../model/report.js';
import type { ArtifactContext, CommandContext } from '../engine/context.js';

/** What a run is given besides its Config: the database, who applies, where backups and artifacts go. */
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

/**
 * A command's run. Each command declares the part of the context it reads; runCommand has checked that a command
 * that needs a database was given one (lint, which needs none, does not read it).
 */
type Runner = (config: Config, ctx: RunContext & { databaseUrl: string }) => Promise<Report>;

/**
 * How each command of model/commands.ts runs, loaded when chosen, so a run loads only its own command's
 * dependencies.
 */
export const RUNNERS: Record<Command, () => Promise<Runner>> = {
  lint: async () => (await import('./lint.js')).lint,
  verify: async () => (await import('./verify.js')).verify,
  plan: async () => (await import('./plan.js')).plan,
  apply: async () => (await import('./apply.js')).apply,
  backup: async () => (await import('./backup.js')).backup,
  restore: async () => (await import('./restore.js')).restore,
};
