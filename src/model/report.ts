import type { Location } from '../foundation/errors.js';
import type { Severity } from './finding-kind.js';
import type { FindingId, RunFindingId } from './run-findings.js';
import type { StatementTrace } from './trace.js';

export type { Severity } from './finding-kind.js';
export type { FindingId, LintRuleId } from './run-findings.js';

/** Something a reader must know about: a lint finding, a plan problem, a failed statement. */
export interface Finding {
  /** A catalogue id (model/run-findings.ts) or a lint rule's: each has a docs page and SARIF rule text. */
  rule: FindingId;
  severity: Severity;
  message: string;
  /** What to do about it. */
  help?: string;
  /** The rule's documentation page, relative to the repository. */
  docs?: string;
  file?: string;
  line?: number;
  column?: number;
  sqlstate?: string;
}

export interface PendingEntry {
  version: string;
  name: string;
  file: string;
  transaction: boolean;
  /** Why it runs outside a transaction. */
  transactionNote?: string;
}

export interface AppliedEntry {
  version: string;
  name: string;
  durationMs: number;
  transaction: boolean;
  attempts: number;
}

/** A migration this run applied, then undid with its down script (on-failure: undo). */
export interface UndoneEntry {
  version: string;
  name: string;
  /** The down script's file. */
  downFile: string;
  durationMs: number;
  /** False when the down script ran statement by statement, outside a transaction. */
  transaction: boolean;
}

/**
 * What on-failure did with the migrations this run applied before it failed: kept them (rollback, or an undo or
 * restore that did not happen), undid every one of them with its down script (undo), or put the pre-apply backup
 * back over them (restore). Whoever changes the database sets it, once the database is in that state; the note
 * saying what stays applied is written from it after on-failure (run-pending.ts noteWhatStays).
 */
export type AfterFailure = 'kept' | 'undone' | 'restored';

export type CheckOutcome = 'ok' | 'failed' | 'not run' | 'off' | 'no down script';

/** What verify found for one new migration. */
export interface VerifiedMigration {
  version: string;
  name: string;
  file: string;
  /** The down script's file, when it has one. */
  downFile?: string;
  transaction: boolean;
  apply: CheckOutcome;
  idempotency: CheckOutcome;
  reversibility: CheckOutcome;
  applyMs?: number;
  /** Per statement: locks on tables that existed before, rewrites, duration. */
  statements: StatementTrace[];
}

export interface VerifyResult {
  /** Migrations present at base-ref, applied first. */
  deployed: number;
  migrations: VerifiedMigration[];
  /** The PR's schema change: `+ table public.x`, `- column …`, `~ index …: before -> after`. */
  schemaChange: string[];
  /** Milliseconds spent per check, for the benchmark and the curious. */
  checkMs: Record<string, number>;
}

/** A backup taken by this run (backup, or before a gated apply). */
export interface BackupInfo {
  path: string;
  metadataPath: string;
  sha256: string;
  size: number;
  serverVersion: string;
  pgDumpVersion: string;
  artifactName?: string;
  artifactId?: number;
  /** How to put it back, as a command. */
  restore: string;
}

/** The one report every command returns; the CLI, the JSON file and (later) the summary all render it. */
export interface Report {
  command: string;
  ok: boolean;
  /** host:port/database, never credentials. */
  target?: string;
  /** The folder finding paths are relative to (the migrations folder); absent: paths as given. */
  root?: string;
  historyTable: string;
  /** What the run would apply (plan) or had to apply when it started (apply). */
  pending: PendingEntry[];
  /** What this run applied, in order, and is still applied: those on-failure: undo undid move to `undone`. */
  applied: AppliedEntry[];
  /** What on-failure: undo undid, newest first (absent when it undid nothing). */
  undone?: UndoneEntry[];
  /** What on-failure did with this run's applied migrations; absent when on-failure did not run. */
  afterFailure?: AfterFailure;
  planHash?: string;
  findings: Finding[];
  backup?: BackupInfo;
  /** The backup taken after a successful apply. */
  postBackup?: BackupInfo;
  /** verify's per-migration results and the schema change. */
  verify?: VerifyResult;
  /** Set when the run was cancelled (SIGINT, SIGTERM): the signal. */
  cancelled?: string;
  /**
   * apply: the longest a migration's attempt queued for or held its locks, in ms: how long application queries on
   * its tables could have waited behind the run.
   */
  lockStallMs?: number;
  /** Plain sentences about what else happened (table adopted, baseline recorded, checksums recorded). */
  notes: string[];
}

export function newReport(command: string, historyTable: string, target?: string): Report {
  return { command, ok: true, target, historyTable, pending: [], applied: [], findings: [], notes: [] };
}

export function locationFields(loc?: Location): Pick<Finding, 'file' | 'line' | 'column'> {
  return loc ? { file: loc.file, line: loc.line, column: loc.column } : {};
}

/** Adds a finding; an error finding makes the report fail. */
export function addFinding(report: Report, f: Finding): void {
  report.findings.push(f);
  if (f.severity === 'error') report.ok = false;
}

/** The rule of findings about the run's input (configuration, files): the CLI exits 2 on them. */
export const INPUT_RULE = 'configuration' satisfies RunFindingId;

/** The exit code every door uses: 0 for a run that passed, 2 for bad configuration or input, 1 for a failed run. */
export function exitCodeOf(report: Report): number {
  if (report.ok) return 0;
  return report.findings.some((f) => f.severity === 'error' && f.rule === INPUT_RULE) ? 2 : 1;
}
