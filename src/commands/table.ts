import type { Config } from '../config/config.js';
import type { Command } from '../config/inputs-spec.js';
import type { Report } from '../model/report.js';

// Each command declares the context it reads; runCommand passes a databaseUrl to those that need one.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Runner = (config: Config, ctx: any) => Promise<Report>;

/** What every door needs to know of a command. */
export interface CommandSpec {
  /** One line for the CLI's usage text. */
  summary: string;
  /** Works on a database; the CLI starts a throwaway server when none is given. */
  needsDatabase: boolean;
  /** Changes the target database: the action proves a protected environment, the CLI asks first. */
  writes: boolean;
  /** Loaded when chosen, so a run loads only its own command's dependencies. */
  load: () => Promise<Runner>;
}

/** The commands, read by the action, the CLI, the usage text and the tests alike. */
export const COMMAND_TABLE: Record<Command, CommandSpec> = {
  lint: { summary: 'lint the migrations folder, or the .sql files given: pg-migration-gate lint a.sql b.sql', needsDatabase: false, writes: false, load: async () => (await import('./lint.js')).lint },
  verify: { summary: 'run the new migrations on scratch databases: apply, re-run, down/up round trip, observed locks', needsDatabase: true, writes: false, load: async () => (await import('./verify.js')).verify },
  plan: { summary: 'show what apply would do (read-only) and the plan hash', needsDatabase: true, writes: false, load: async () => (await import('./plan.js')).plan },
  apply: { summary: 'back up, then apply pending migrations under an advisory lock, recording each in the history table', needsDatabase: true, writes: true, load: async () => (await import('./apply.js')).apply },
  backup: { summary: 'a verified pg_dump of the database, checksummed, with its metadata', needsDatabase: true, writes: false, load: async () => (await import('./backup.js')).backup },
  restore: { summary: 'restore a backup (a file, or an artifact) after checking it and the target', needsDatabase: true, writes: true, load: async () => (await import('./restore.js')).restore },
};
