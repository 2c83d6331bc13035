import type { Config } from '../config/config.js';
import { CancelledError, InputError } from '../foundation/errors.js';
import { addFinding, type Report } from '../model/report.js';
import { startReport } from '../engine/context.js';
import { findingsFor } from '../engine/failure-findings.js';
import { COMMAND_INFO } from '../model/commands.js';
import { RUNNERS, type RunContext } from './runners.js';

/** Commands that work on a database; the CLI starts a throwaway server for them when none is given. */
export function needsDatabase(command: Config['command']): boolean {
  return COMMAND_INFO[command].needsDatabase;
}

/**
 * Runs the configured command and always returns its report: whatever fails (the database cannot be reached or
 * is not in a state to proceed, a file cannot be read, something unexpected) becomes a finding of a failed
 * report, so the report file, outputs and summary exist in every case.
 */
export async function runCommand(config: Config, ctx: RunContext): Promise<Report> {
  // The command's code loads while the pooler check waits for the server.
  const runner = RUNNERS[config.command]();
  runner.catch(() => {});
  const checksPooling = COMMAND_INFO[config.command].needsDatabase && !ctx.throwaway;
  try {
    if (COMMAND_INFO[config.command].needsDatabase && !ctx.databaseUrl)
      throw new InputError([`database-url: required for command ${config.command}`]);
    // Before any command connects for real: a pooler that shares server sessions would break the run halfway.
    if (checksPooling) await (await import('../db/session/pooler.js')).refuseSessionSharingPooler(ctx.databaseUrl!);
    return await (
      await runner
    )(config, ctx as RunContext & { databaseUrl: string });
  } catch (err) {
    return failedReport(config.command, err, { config, url: ctx.databaseUrl, debug: ctx.debug });
  } finally {
    // The pooler check's connection, if the command did not take it (see keepSpare).
    if (checksPooling) await (await import('../db/session/connect.js')).dropSpare();
  }
}

/** A report for a run that failed before or outside its command's own reporting. */
export function failedReport(
  command: string,
  err: unknown,
  o: { config?: Config; url?: string; debug?: boolean } = {},
): Report {
  const report = startReport(command, o.config, o.url);
  if (err instanceof CancelledError) report.cancelled = err.reason;
  for (const f of findingsFor(err, o.debug)) addFinding(report, f);
  return report;
}
