import { MigrationError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Statement } from '../migrations/parse.js';
import { cannotRunInTransaction, type ExecutionPlan } from '../migrations/transaction.js';
import type { Migration, Script } from '../model/migration.js';
import type { Client } from './connect.js';
import { copyIn } from './copy-in.js';
import { sqlstate, statementError } from './errors.js';
import { insertRow, markClean, recordInTransaction, type HistoryTable } from './history.js';
import { runScript, type ScriptError } from './script-query.js';
import type { MigrationSession } from './session.js';

/**
 * The one engine that runs a migration file, for apply and verify alike: as `psql -X -v ON_ERROR_STOP=1 -f`
 * would run it in a session of its own, with our timeouts, and (when recording) its history row.
 */

export interface Timeouts {
  lockTimeoutMs: number;
  statementTimeoutMs: number;
}

/** Watches each statement as it runs (verify's lock and rewrite trace); slows the run to one query a statement. */
export interface Observer {
  /** Before the first statement, on the migrating session, outside any transaction. */
  start(client: Client): Promise<void>;
  /**
   * After a statement, on the same session and inside its transaction when it has one. `fresh`: the statement
   * opened that transaction (nothing was held before it); `observable`: false for statements that cannot run in
   * a transaction, whose locks are gone when they end.
   */
  statement(client: Client, s: Statement, o: { durationMs: number; fresh: boolean; observable: boolean }): Promise<void>;
}

export interface ScriptOptions extends Timeouts {
  observer?: Observer;
}

export interface Recording {
  table: HistoryTable;
  appliedBy: string;
  /** Our own session (it holds the advisory lock): writes the rows that are not part of the migration's transaction. */
  control: Client;
}

export interface RunOptions extends ScriptOptions {
  lockRetries: number;
  record: Recording;
  /** Delay before retry n (0-based) after a lock timeout. */
  backoffMs?: (attempt: number) => number;
}

export interface RunResult {
  durationMs: number;
  attempts: number;
}

/** One piece of what is sent: a statement of the file, or one of ours (named, for a failure report). */
interface Step {
  sql: string;
  statement?: Statement;
  ours?: string;
  /** Sent after COMMIT: its failure leaves the migration committed, and only the session to replace. */
  afterCommit?: boolean;
}

const defaultBackoff = (attempt: number) => Math.min(500 * 2 ** attempt, 10_000);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Our timeouts; validated integers, never user text. LOCAL inside a transaction, for the session otherwise. */
function timeoutSteps(o: Timeouts, local: boolean): Step[] {
  const scope = local ? 'LOCAL ' : '';
  return [`SET ${scope}lock_timeout = ${o.lockTimeoutMs}`, `SET ${scope}statement_timeout = ${o.statementTimeoutMs}`].map((sql) => ({ sql, ours: 'setting the timeouts' }));
}

const resetSteps = (reset: readonly string[], afterCommit = false): Step[] => reset.map((sql) => ({ sql, ours: 'resetting the session', afterCommit }));

/** The file's statements as steps; a `\connect` line becomes a session reset, as psql's new connection would be. */
function statementSteps(exec: ExecutionPlan, o: Timeouts, local: boolean, reset: readonly string[]): Step[] {
  return exec.statements.flatMap((s) => (s.kind === 'PsqlConnect' ? [...resetSteps(reset), ...timeoutSteps(o, local)] : [{ sql: s.sql, statement: s }]));
}

/** Where a failure belongs when it is not one of the file's statements: the migration file itself. */
function ownStepError(err: unknown, script: Script, what: string): MigrationError {
  return new MigrationError(`${what} failed: ${(err as Error).message}`, {
    location: { file: script.file, line: script.startLine, column: 1 },
    sqlstate: sqlstate(err),
    cause: err,
  });
}

/**
 * Sends steps in as few round trips as possible: consecutive steps as one simple query (the CommandComplete
 * count names the failing one), a COPY with its data on its own. With `observe`, the file's statements go one
 * at a time and each is observed after it ran. Returns false when only a step after COMMIT failed.
 */
async function send(client: Client, script: Script, steps: Step[], observe?: (s: Statement, durationMs: number) => Promise<void>): Promise<boolean> {
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
      text += `${s.sql};\n`;
      return at;
    });
    try {
      await runScript(client, text);
    } catch (err) {
      const i = (err as ScriptError).completed;
      fail(err, steps[i], sentAt[i]);
    }
  };
  for (const step of steps) {
    const s = step.statement;
    if (!s || (!observe && s.copyData === undefined)) {
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

/**
 * A transactional migration: its statements, and its history row when recording, in one transaction, followed
 * in the same round trip by the session reset. Returns false when the migration committed but the reset failed.
 */
async function runTransactional(client: Client, reset: readonly string[], script: Script, exec: ExecutionPlan, tail: Step[], o: ScriptOptions): Promise<boolean> {
  const begin = { sql: exec.begin?.sql ?? 'BEGIN', ours: 'BEGIN' };
  const steps = [begin, ...timeoutSteps(o, true), ...statementSteps(exec, o, true, reset), ...tail, { sql: 'COMMIT', ours: 'COMMIT' }, ...resetSteps(reset, true)];
  const observer = o.observer;
  let fresh = true;
  const observe = async (s: Statement, durationMs: number) => {
    await observer!.statement(client, s, { durationMs, fresh, observable: true });
    fresh = false;
  };
  await observer?.start(client);
  return send(client, script, steps, observer && observe);
}

/** Statement by statement, each in its own transaction unless the file opened one, as psql runs a file. */
async function runOneByOne(client: Client, reset: readonly string[], script: Script, exec: ExecutionPlan, o: ScriptOptions): Promise<void> {
  await send(client, script, timeoutSteps(o, false));
  const observer = o.observer;
  await observer?.start(client);
  let inFileTransaction = false;
  for (const step of statementSteps(exec, o, false, reset)) {
    const s = step.statement;
    const control = s?.kind === 'TransactionStmt' ? (s.node.kind as string) : undefined;
    if (control === 'TRANS_STMT_BEGIN' || control === 'TRANS_STMT_START') inFileTransaction = true;
    else if (control) inFileTransaction = false;
    if (!observer || !s || control) {
      await send(client, script, [step]);
      continue;
    }
    // Observing needs the statement's locks still held: a statement that would autocommit runs in a
    // transaction of its own, which is what autocommit is.
    const observable = !cannotRunInTransaction(s);
    const wrap = observable && !inFileTransaction;
    if (wrap) await client.query('BEGIN');
    await send(client, script, [step], (st, durationMs) => observer.statement(client, st, { durationMs, fresh: wrap, observable }));
    if (wrap) await client.query('COMMIT');
  }
}

/** Leaves the session as a new connection would find it; a session that cannot be reset is replaced. */
async function reset(session: MigrationSession, client: Client, exec?: ExecutionPlan): Promise<void> {
  try {
    await runScript(client, session.reset.map((s) => `${s};\n`).join(''));
    if (exec) session.finished(exec);
  } catch {
    await session.replace();
  }
}

/** After a transactional migration, whose reset travelled with it. */
async function settle(session: MigrationSession, exec: ExecutionPlan, clean: boolean): Promise<void> {
  if (clean) session.finished(exec);
  else await session.replace();
}

/**
 * Runs fn in a transaction on the session that is always rolled back (verify's re-run and round trip look at
 * the result, then undo it), and leaves the session fresh again.
 */
export async function rolledBack<T>(session: MigrationSession, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = await session.client();
  await client.query('BEGIN');
  try {
    return await fn(client);
  } finally {
    await client.query('ROLLBACK').catch(() => {});
    await reset(session, await session.client());
  }
}

/** Runs fn on the session's connection; any failure leaves the connection to be replaced before the next use. */
async function onSession<T>(session: MigrationSession, fn: (c: Client) => Promise<T>): Promise<T> {
  const client = await session.client();
  try {
    return await fn(client);
  } catch (err) {
    await session.replace();
    throw err;
  }
}

/**
 * Runs a script on the session and records nothing: verify's re-run and down scripts. With `inOpenTransaction`
 * a transactional script runs inside the caller's open transaction (no BEGIN/COMMIT of its own), after a reset
 * within it, so the caller can look at the result and roll it back; the caller resets the session after.
 */
export async function executeScript(session: MigrationSession, script: Script, exec: ExecutionPlan, o: ScriptOptions, inOpenTransaction = false): Promise<void> {
  await onSession(session, async (client) => {
    if (exec.mode === 'transaction' && inOpenTransaction) {
      await send(client, script, [...resetSteps(session.reset), ...timeoutSteps(o, true), ...statementSteps(exec, o, true, session.reset)]);
      return;
    }
    if (exec.mode === 'transaction') return settle(session, exec, await runTransactional(client, session.reset, script, exec, [], o));
    await runOneByOne(client, session.reset, script, exec, o);
    await reset(session, client, exec);
  });
}

/**
 * Applies one migration and records it. A transactional one runs in one transaction together with its history
 * row; a lock timeout (55P03) is retried with backoff up to lockRetries, on a new connection. A file whose own
 * wrapper is READ ONLY cannot write a row in its transaction: having changed nothing, it is recorded right after
 * it commits. A non-transactional one is recorded dirty before it starts and clean after it ends, on our own
 * session, so a crash in between leaves a visible mark and no run starts until someone has looked.
 */
export async function runMigration(session: MigrationSession, migration: Migration, exec: ExecutionPlan, o: RunOptions, log: Logger): Promise<RunResult> {
  const { record } = o;
  if (exec.mode === 'no-transaction') {
    const started = performance.now();
    const id = await insertRow(record.control, record.table, { migration, appliedBy: record.appliedBy, dirty: true });
    await onSession(session, (client) => runOneByOne(client, session.reset, migration.up, exec, o));
    const durationMs = Math.round(performance.now() - started);
    await markClean(record.control, record.table, id, durationMs);
    await reset(session, await session.client(), exec);
    return { durationMs, attempts: 1 };
  }

  const readOnly = exec.begin?.readOnly === true;
  const backoff = o.backoffMs ?? defaultBackoff;
  for (let attempt = 0; ; attempt++) {
    const started = performance.now();
    try {
      const clean = await onSession(session, (client) => {
        const tail = readOnly ? [] : recordInTransaction(client, record.table, migration, record.appliedBy, timeoutSteps(o, true).map((s) => s.sql)).map((sql) => ({ sql, ours: `recording ${migration.name} in the history table` }));
        return runTransactional(client, session.reset, migration.up, exec, tail, o);
      });
      const durationMs = Math.round(performance.now() - started);
      await settle(session, exec, clean);
      if (readOnly) await insertRow(record.control, record.table, { migration, appliedBy: record.appliedBy, dirty: false, executionMs: durationMs });
      return { durationMs, attempts: attempt + 1 };
    } catch (err) {
      const code = err instanceof MigrationError ? err.details.sqlstate : sqlstate(err);
      if (code === '55P03' && attempt < o.lockRetries) {
        const wait = backoff(attempt);
        log.warn(`${migration.name}: lock timeout after ${o.lockTimeoutMs} ms, retry ${attempt + 1} of ${o.lockRetries} in ${wait} ms`);
        await sleep(wait);
        continue;
      }
      if (err instanceof MigrationError && code === '55P03' && o.lockRetries > 0) err.message += ` (after ${attempt + 1} attempts)`;
      throw err;
    }
  }
}
