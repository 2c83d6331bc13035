import { MigrationError } from '../../foundation/errors.js';
import type { Statement } from '../../migrations/parse.js';
import type { ExecutionPlan } from '../../migrations/transaction-mode.js';
import type { Script } from '../../model/migration.js';
import type { Client } from '../session/connect.js';
import { copyIn } from '../session/copy-in.js';
import { sqlstate, statementError } from './error-position.js';
import { runScript, type ScriptError } from '../session/script-query.js';

/**
 * What the runner sends, as steps: the file's statements and our own (BEGIN, timeouts, the history row, the
 * session reset), batched into as few simple queries as the protocol allows, with every failure put back on the
 * step, and so the line, it came from.
 */

export interface Timeouts {
  lockTimeoutMs: number;
  statementTimeoutMs: number;
}

/** One piece of what is sent: a statement of the file, or one of ours (named, for a failure report). */
export interface Step {
  sql: string;
  statement?: Statement;
  ours?: string;
  /** Sent after COMMIT: its failure leaves the migration committed, and only the session to replace. */
  afterCommit?: boolean;
  /** Receives the rows the step returned (one of ours, e.g. the transaction's write counts). */
  capture?: (rows: Record<string, unknown>[]) => void;
  /** A statement of the file sent as a query of its own (ExecutionPlan.separateFrom). */
  alone?: boolean;
}

/** Our timeouts; validated integers, never user text. LOCAL inside a transaction, for the session otherwise. */
export function timeoutSteps(o: Timeouts, local: boolean): Step[] {
  const scope = local ? 'LOCAL ' : '';
  return [
    `SET ${scope}lock_timeout = ${o.lockTimeoutMs}`,
    `SET ${scope}statement_timeout = ${o.statementTimeoutMs}`,
  ].map((sql) => ({ sql, ours: 'setting the timeouts' }));
}

export const resetSteps = (reset: readonly string[], afterCommit = false): Step[] =>
  reset.map((sql) => ({ sql, ours: 'resetting the session', afterCommit }));

/** The file's statements as steps; a `\connect` line becomes a session reset, as psql's new connection would be. */
export function statementSteps(exec: ExecutionPlan, o: Timeouts, local: boolean, reset: readonly string[]): Step[] {
  const from = exec.separateFrom ?? Infinity;
  return exec.statements.flatMap((s, i) =>
    s.kind === 'PsqlConnect'
      ? [...resetSteps(reset), ...timeoutSteps(o, local)]
      : [{ sql: s.sql, statement: s, ...(i >= from && { alone: true }) }],
  );
}

/** Where a failure belongs when it is not one of the file's statements: the migration file itself. */
function ownStepError(err: unknown, script: Script, what: string): MigrationError {
  return new MigrationError(`${what} failed: ${(err as Error).message}`, {
    location: { file: script.file, line: script.startLine, column: 1 },
    sqlstate: sqlstate(err),
    // The server's hint (our own RAISE gives one: see db/history/table.ts, checkedInsert).
    hint: (err as { hint?: string }).hint,
    cause: err,
  });
}

/**
 * Sends steps in as few round trips as possible: consecutive steps as one simple query (the CommandComplete
 * count names the failing one), a COPY with its data on its own, and a step marked `alone` on its own. With
 * `observe`, the file's statements go one at a time and each is observed after it ran. Returns false when only
 * a step after COMMIT failed.
 */
export async function send(
  client: Client,
  script: Script,
  steps: Step[],
  observe?: (s: Statement, durationMs: number) => Promise<void>,
): Promise<boolean> {
  let clean = true;
  const fail = (err: unknown, step: Step | undefined, sentAt = 0): void => {
    if (step?.afterCommit) clean = false;
    else if (step?.statement) throw statementError(err, script, step.statement, sentAt);
    else throw ownStepError(err, script, step?.ours ?? 'the migration');
  };
  let batch: Step[] = [];
  const flush = async () => {
    if (!batch.length) return;
    const steps = batch;
    batch = [];
    let text = '';
    const sentAt = steps.map((s) => {
      const at = text.length;
      // A newline before the semicolon: a statement may end in a -- comment.
      text += `${s.sql}\n;\n`;
      return at;
    });
    try {
      const results = await runScript(client, text);
      // One result per statement, in order. Counted from the end: the steps that capture are ours, and only ours
      // (one statement each, for certain) follow them.
      steps.forEach((s, i) => s.capture?.(results[results.length - (steps.length - i)]?.rows ?? []));
    } catch (err) {
      // The server parses the whole batch before running it: a syntax error there has completed nothing but
      // carries a position, which names the step.
      const position = Number((err as ScriptError).position);
      let i = (err as ScriptError).completed;
      if (position > 0) for (i = sentAt.length - 1; i > 0 && sentAt[i] >= position; i--);
      fail(err, steps[i], sentAt[i]);
    }
  };
  for (const step of steps) {
    const s = step.statement;
    if (!s || (!observe && s.copyData === undefined && !step.alone)) {
      batch.push(step);
      continue;
    }
    await flush();
    const started = performance.now();
    if (s.copyData !== undefined) await copyIn(client, s.sql, s.copyData).catch((err) => fail(err, step));
    else {
      batch.push(step);
      await flush();
    }
    await observe?.(s, Math.round(performance.now() - started));
  }
  await flush();
  return clean;
}
