import type { Config } from '../config/config.js';
import type { Command } from '../model/commands.js';
import type { Report } from '../model/report.js';

// Each command declares the context it reads; runCommand passes a databaseUrl to those that need one.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Runner = (config: Config, ctx: any) => Promise<Report>;

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
