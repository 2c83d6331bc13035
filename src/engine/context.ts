import type { ArtifactStore } from '../backup/artifact-store.js';
import type { Config } from '../config/config.js';
import type { HistoryTable } from '../db/history/table.js';
import { tableText } from '../db/session/identifiers.js';
import type { Logger } from '../foundation/logger.js';
import type { Plan, PlanProblem } from '../migrations/make-plan.js';
import type { Analysed } from '../migrations/analyse.js';
import type { MigrationError } from '../foundation/errors.js';
import { addFinding, locationFields, newReport, type Report } from '../model/report.js';
import type { Migration } from '../model/migration.js';
import { parseConnString } from '../connection/conn-string.js';
import { targetIdentity } from '../connection/url.js';

/** GitHub Actions' artifact storage and the run it belongs to; absent outside Actions. */
export interface ArtifactContext {
  store: ArtifactStore;
  runId: number;
  attempt: number;
  owner: string;
  repo: string;
}

/** What every command receives besides its config: where the database is and how to speak. */
export interface CommandContext {
  /** The database to work on; the CLI passes its throwaway server's URL when none was given. */
  databaseUrl: string;
  log: Logger;
  /** Aborted when the run is cancelled (SIGINT, SIGTERM): the running migration is cancelled on the server. */
  signal?: AbortSignal;
  /** Put stack traces of unexpected errors in the report. */
  debug?: boolean;
}

export function startReport(command: string, config?: Config, url?: string): Report {
  const target = url ? safeIdentity(url) : undefined;
  const report = {
    ...newReport(command, config ? tableText(config.historyTable) : '', target),
    root: config?.migrationsDir,
  };
  const unchecked = url && uncheckedTls(url);
  if (unchecked) report.notes.push(unchecked);
  return report;
}

/**
 * sslmode=require without a CA file encrypts and checks nothing, as in psql: said once per report, since the
 * driver alone would have read it as a full check against Node's own CAs.
 */
function uncheckedTls(url: string): string | undefined {
  try {
    const p = parseConnString(url);
    if (p.sslmode !== 'require' || p.sslrootcert) return undefined;
  } catch {
    return undefined;
  }
  return "database-url: sslmode=require encrypts the connection but checks no certificate, as psql does: set sslrootcert to your provider's CA file (or system) and sslmode=verify-full to know it is your server";
}

/** A URL that cannot be parsed names no target (the failure says why). */
function safeIdentity(url: string): string | undefined {
  try {
    return targetIdentity(url);
  } catch {
    return undefined;
  }
}

function reportPlanProblems(report: Report, problems: PlanProblem[]): void {
  for (const p of problems)
    addFinding(report, { rule: p.rule, severity: 'error', message: p.message, help: p.help, file: p.file });
}

export function reportAnalysisErrors(report: Report, errors: { migration: Migration; error: MigrationError }[]): void {
  for (const { error } of errors) {
    addFinding(report, {
      rule: error.details.sqlstate === '42601' ? 'syntax-error' : 'transaction-control',
      severity: 'error',
      message: error.message,
      help: error.details.hint,
      sqlstate: error.details.sqlstate,
      ...locationFields(error.details.location),
    });
  }
}

function listPending(report: Report, plan: Plan, analysed: Analysed[]): void {
  const modes = new Map(analysed.map((a) => [a.migration, a.exec]));
  report.pending = plan.pending.map((m) => {
    const exec = modes.get(m);
    return {
      version: m.version.text,
      name: m.name,
      file: m.up.file,
      transaction: exec ? exec.mode === 'transaction' : true,
      transactionNote: exec?.reason,
    };
  });
}

/**
 * The plan as plan and apply both report it: the pending migrations and how each runs, what the history table's
 * layout means for the run, every problem of the plan and every file that cannot be analysed.
 */
export function reportPlan(
  report: Report,
  history: HistoryTable,
  plan: Plan,
  analysed: Analysed[],
  errors: { migration: Migration; error: MigrationError }[],
): void {
  listPending(report, plan, analysed);
  report.notes.push(...layoutNotes(history, analysed));
  reportPlanProblems(report, plan.problems);
  reportAnalysisErrors(report, errors);
}

/**
 * What the history table's layout means for this run: whose table it is, and, when it has no place for a dirty
 * mark, which migrations outside a transaction would leave no trace there if they stopped midway.
 */
function layoutNotes(history: HistoryTable, analysed: Analysed[]): string[] {
  if (history.layout.id === 'pg-migration-gate') return [];
  const notes = [
    `history table ${tableText(history)} is ${history.layout.id}'s: rows are read and written as ${history.layout.id} does, so it still agrees`,
  ];
  const outside = analysed.filter((a) => a.exec.mode !== 'transaction').map((a) => a.migration.name);
  if (outside.length && !history.layout.marksDirty) {
    notes.push(
      `${history.layout.id}'s table has no dirty mark: ${outside.join(', ')} run${outside.length === 1 ? 's' : ''} outside a transaction and ${outside.length === 1 ? 'is' : 'are'} recorded only once finished; if one stops midway, inspect the database before the next run`,
    );
  }
  return notes;
}
