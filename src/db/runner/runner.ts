import { MigrationError } from '../../foundation/errors.js';
import type { Logger } from '../../foundation/logger.js';
import type { Statement } from '../../migrations/parse.js';
import { mayEndTransaction } from '../../migrations/psql-divergence.js';
import { cannotRunInTransaction, type ExecutionPlan } from '../../migrations/transaction-mode.js';
import type { Migration, Script } from '../../model/migration.js';
import type { Client } from '../session/connect.js';
import { sqlstate } from './error-position.js';
import {
  markFinished,
  markStarted,
  OWN_WRITES_SQL,
  recordApplied,
  recordInTransaction,
  type HistoryTable,
} from '../history/table.js';
import { runScript } from '../session/script-query.js';
import { withTransaction } from '../session/transaction.js';
import { resetSteps, send, statementSteps, timeoutSteps, type Step, type Timeouts } from './steps.js';
import type { MigrationSession } from '../session/session.js';

/**
 * The one engine that runs a migration file, for apply and verify alike: as `psql -X -v ON_ERROR_STOP=1 -f`
 * would run it in a session of its own, with our timeouts, and (when recording) its history row.
 */

/** Watches each statement as it runs (verify's lock and rewrite trace); slows the run to one query a statement. */
export interface Observer {
  /** Before the first statement, on the migrating session, outside any transaction. */
  start(client: Client): Promise<void>;
  /**
   * After a statement, on the same session and inside its transaction when it has one. `fresh`: the statement
   * opened that transaction (nothing was held before it); `observable`: false for statements that cannot run in
   * a transaction, whose locks are gone when they end.
   */
  statement(
    client: Client,
    s: Statement,
    o: { durationMs: number; fresh: boolean; observable: boolean },
  ): Promise<void>;
}

/**
 * Learns what the runner's own transactions did to the whole server (verify: the roles, databases and tablespaces
 * its sessions created, the ALTER SYSTEM settings they changed), from inside them, so that nothing another session
 * did meanwhile is taken for theirs.
 */
export interface Witness {
  /**
   * A query sent inside each transaction the runner commits, right before its COMMIT, as the connecting user with
   * search_path = pg_catalog; its rows go to `seen`. Rolled-back transactions leave nothing and are not asked.
   */
  readonly inTransaction: string;
  seen(rows: Record<string, unknown>[]): void;
  /** Before and after (when it succeeded) each statement that cannot run in a transaction, on the same session. */
  before(client: Client, s: Statement): Promise<void>;
  after(client: Client, s: Statement): Promise<void>;
}

/** The witness's query, as our own steps: the session's role and search_path put back for this transaction first. */
function witnessSteps(w: Witness): Step[] {
  const ours = 'noting what the transaction created on the server';
  return [
    { sql: 'SET LOCAL SESSION AUTHORIZATION DEFAULT', ours },
    { sql: 'SET LOCAL search_path = pg_catalog, pg_temp', ours },
    { sql: w.inTransaction, ours, capture: (rows) => w.seen(rows) },
  ];
}

export interface ScriptOptions extends Timeouts {
  /**
   * lock_timeout for a statement outside a transaction that waits for older transactions without blocking anyone
   * (CREATE INDEX CONCURRENTLY, …): lock-wait, where lock-timeout is for statements whose lock queues traffic.
   */
  patientLockTimeoutMs?: number;
  observer?: Observer;
  witness?: Witness;
  /** Once aborted, a migration run statement by statement stops before its next statement. */
  signal?: AbortSignal;
}

export interface Recording {
  table: HistoryTable;
  appliedBy: string;
  /** Checks, inside each migration's transaction, that the run still holds its advisory lock (lockFence). */
  fence?: string;
  /** Our own session (it holds the advisory lock): writes the rows that are not part of the migration's transaction. */
  control: Client;
}

export interface RunOptions extends ScriptOptions {
  /** At most this many retries after lock timeouts… */
  lockRetries: number;
  /** …within this long from the first attempt (lock-wait). */
  lockBudgetMs: number;
  record: Recording;
  /** Delay before retry n (0-based) after a lock timeout. */
  backoffMs?: (attempt: number) => number;
  /**
   * Before each retry, outside the lock queue: waits (up to `leftMs`) for the long transactions holding the
   * migration's tables to end, so that the next attempt does not queue behind them.
   */
  beforeRetry?: (leftMs: number) => Promise<void | { lockTimeoutMs?: number }>;
  /** After each attempt of a transactional migration, failed or not: how long it queued for or held its locks. */
  attempted?: (ms: number) => void;
  /**
   * Counts the rows each transactional migration writes (RunResult.writes), at the cost of two reads of the
   * statistics of every table in its transaction: only on-failure: restore needs them, to tell this run's writes
   * from others'.
   */
  countWrites?: boolean;
}

export interface RunResult {
  durationMs: number;
  attempts: number;
  /**
   * Rows the migration's committed transaction wrote, per table (`schema.table`, as tableWriteCounts keys them),
   * its history row included; empty for one outside a transaction or READ ONLY, whose writes are not measured,
   * and unless countWrites.
   */
  writes: Record<string, number>;
}

/** Jittered exponential backoff: half of 100 ms × 2^attempt (at most 2 s), plus up to as much again at random. */
const defaultBackoff = (attempt: number) => {
  const cap = Math.min(100 * 2 ** attempt, 2000);
  return Math.round(cap / 2 + (Math.random() * cap) / 2);
};
/** Waits ms, or less if the signal is aborted first. */
const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

/**
 * A transactional migration: its statements, and its history row when recording, in one transaction, followed
 * in the same round trip by the session reset. Returns false when the migration committed but the reset failed.
 */
async function runTransactional(
  client: Client,
  reset: readonly string[],
  script: Script,
  exec: ExecutionPlan,
  ours: { head: Step[]; tail: Step[] },
  o: ScriptOptions,
): Promise<boolean> {
  const begin = { sql: exec.begin?.sql ?? 'BEGIN', ours: 'BEGIN' };
  const witnessed = o.witness ? witnessSteps(o.witness) : [];
  const steps = [
    begin,
    ...ours.head,
    ...timeoutSteps(o, true),
    ...statementSteps(exec, o, true, reset),
    ...ours.tail,
    ...witnessed,
    { sql: 'COMMIT', ours: 'COMMIT' },
    ...resetSteps(reset, true),
  ];
  const observer = o.observer;
  let fresh = true;
  const observe = async (s: Statement, durationMs: number) => {
    await observer!.statement(client, s, { durationMs, fresh, observable: true });
    fresh = false;
  };
  await observer?.start(client);
  return send(client, script, steps, observer && observe);
}

/**
 * Statement by statement, each in its own transaction unless the file opened one, as psql runs a file. Observed
 * or witnessed, a statement that would autocommit runs in a transaction of its own (which is what autocommit is)
 * so that its locks can be read and what it created noted before it commits; the file's own transactions are
 * witnessed before their COMMIT; a statement that cannot run in a transaction is witnessed around it.
 */
async function runOneByOne(
  client: Client,
  reset: readonly string[],
  script: Script,
  exec: ExecutionPlan,
  o: ScriptOptions,
): Promise<void> {
  await send(client, script, timeoutSteps(o, false));
  const { observer, witness } = o;
  await observer?.start(client);
  let inFileTransaction = false;
  let fresh = true;
  let ownLockTimeout = false;
  for (const step of statementSteps(exec, o, false, reset)) {
    if (o.signal?.aborted) {
      throw new MigrationError(
        `cancelled (${String(o.signal.reason)}) before the statement at line ${step.statement?.location.line ?? '?'}`,
        { location: step.statement?.location, sqlstate: '57014' },
      );
    }
    const s = step.statement;
    ownLockTimeout = setsLockTimeout(step, ownLockTimeout);
    // A CONCURRENTLY statement waits for older transactions to end, blocking nobody meanwhile: it gets the
    // patient bound, not lock-timeout, which would fail it (and leave an invalid index) behind any transaction
    // longer than that. A lock_timeout of the file's own is the file's to keep.
    const patient =
      o.patientLockTimeoutMs !== undefined &&
      s !== undefined &&
      !ownLockTimeout &&
      !inFileTransaction &&
      waitsWithoutBlocking(s);
    if (patient)
      await send(client, script, [
        {
          sql: `SET lock_timeout = ${o.patientLockTimeoutMs}`,
          ours: 'letting a CONCURRENTLY statement wait for older transactions',
        },
      ]);
    await runStep(step);
    if (patient) await send(client, script, timeoutSteps(o, false).slice(0, 1));
  }

  async function runStep(step: Step): Promise<void> {
    const s = step.statement;
    const control = s?.kind === 'TransactionStmt' ? (s.node.kind as string) : undefined;
    if (control) {
      const was = inFileTransaction;
      // An aborted transaction refuses the query, and its COMMIT rolls back: nothing to note then.
      if (was && witness && control === 'TRANS_STMT_COMMIT')
        await send(client, script, witnessSteps(witness)).catch(() => undefined);
      inFileTransaction = fileTransactionOpenAfter(s!, inFileTransaction);
      if (inFileTransaction && !was) fresh = true;
    }
    if ((!observer && !witness) || !s || control) {
      await send(client, script, [step]);
      return;
    }
    // Observing needs the statement's locks still held, and witnessing its transaction still open: a statement
    // that would autocommit runs in a transaction of its own, unless its meaning depends on the block around it
    // or it may end the transaction itself (a procedure or DO block that commits).
    const outside = !!cannotRunInTransaction(s) || mayEndTransaction(s);
    const observable = !outside && (inFileTransaction || !MEANING_NEEDS_NO_BLOCK.has(s.kind));
    const wrap = observable && !inFileTransaction;
    const steps: Step[] = wrap
      ? [
          { sql: 'BEGIN', ours: 'BEGIN' },
          step,
          ...(witness ? witnessSteps(witness) : []),
          { sql: 'COMMIT', ours: 'COMMIT' },
        ]
      : [step];
    if (outside) await witness?.before(client, s);
    await send(
      client,
      script,
      steps,
      observer &&
        ((st, durationMs) => observer.statement(client, st, { durationMs, fresh: wrap || fresh, observable })),
    );
    if (outside) await witness?.after(client, s);
    fresh = false;
  }
}

/**
 * Statements that would run differently inside a transaction block of ours than in autocommit: LOCK and a cursor
 * without HOLD fail outside a block, SET LOCAL and savepoints mean nothing there. They run as psql runs them,
 * and show their documented locks only.
 */
const MEANING_NEEDS_NO_BLOCK = new Set(['LockStmt', 'DeclareCursorStmt', 'VariableSetStmt', 'TransactionStmt']);

/**
 * Statements whose waits (for older transactions, at ShareUpdateExclusive) hold up no reads or writes. Not DETACH
 * PARTITION CONCURRENTLY: its second transaction takes ACCESS EXCLUSIVE on the partition.
 */
function waitsWithoutBlocking(s: Statement): boolean {
  const what = cannotRunInTransaction(s);
  return what !== undefined && / CONCURRENTLY$/.test(what) && !what.startsWith('DETACH');
}

/**
 * Whether the session's lock_timeout is the file's own after this step: a plain SET (or set_config) makes it so,
 * RESET and a new session (`\connect`, sent as our reset) give it back to us; SET LOCAL ends with its transaction.
 */
function setsLockTimeout(step: Step, was: boolean): boolean {
  const s = step.statement;
  if (!s) return step.ours === 'resetting the session' ? false : was;
  if (s.kind === 'VariableSetStmt' && s.node.name === 'lock_timeout')
    return s.node.kind === 'VAR_SET_VALUE' ? (s.node.is_local ? was : true) : false;
  if (s.kind === 'VariableSetStmt' && s.node.kind === 'VAR_RESET_ALL') return false;
  return was || /\bset_config\s*\(\s*'lock_timeout'/i.test(s.sql);
}

/** Whether the file's own transaction block is open after a transaction-control statement. */
function fileTransactionOpenAfter(s: Statement, open: boolean): boolean {
  if (s.kind !== 'TransactionStmt') return open;
  const kind = s.node.kind;
  if (kind === 'TRANS_STMT_BEGIN' || kind === 'TRANS_STMT_START') return true;
  if (kind === 'TRANS_STMT_COMMIT' || kind === 'TRANS_STMT_ROLLBACK') return s.node.chain === true;
  if (kind === 'TRANS_STMT_PREPARE') return false;
  return open; // SAVEPOINT, RELEASE, ROLLBACK TO
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
export async function executeScript(
  session: MigrationSession,
  script: Script,
  exec: ExecutionPlan,
  o: ScriptOptions,
  inOpenTransaction = false,
): Promise<void> {
  await onSession(session, async (client) => {
    if (exec.mode === 'transaction' && inOpenTransaction) {
      // What the caller does next in this transaction is ours again: a SET of the file's own (statement_timeout,
      // idle_in_transaction_session_timeout) ends with the file, and the caller's ROLLBACK takes back both.
      const ours = session.settings.map((sql) => ({ sql, ours: 'restoring our own session settings' }));
      await send(client, script, [
        ...resetSteps(session.reset),
        ...timeoutSteps(o, true),
        ...statementSteps(exec, o, true, session.reset),
        ...ours,
      ]);
      return;
    }
    if (exec.mode === 'transaction')
      return settle(
        session,
        exec,
        await runTransactional(client, session.reset, script, exec, { head: [], tail: [] }, o),
      );
    await runOneByOne(client, session.reset, script, exec, o);
    await reset(session, client, exec);
  });
}

/** The lock fence (see lockFence), as the first step inside a transaction of the run's. */
const fenceSteps = (fence?: string): Step[] =>
  fence ? [{ sql: fence, ours: 'checking that this run still holds its advisory lock' }] : [];

/**
 * What one transaction writes, so that on-failure: restore can tell it from others' writes: `start` and `end` go
 * first and last inside it, and the counts at its end less those at its start are its own (the session's counts
 * not yet sent to the statistics show in both).
 */
function writeCounter(name: string): { start: Step; end: Step; writes(): Record<string, number> } {
  const counts: Record<string, number>[] = [];
  const capture = (rows: Record<string, unknown>[]) =>
    void counts.push(Object.fromEntries(rows.map((r) => [r.t as string, Number(r.n)])));
  return {
    start: { sql: OWN_WRITES_SQL, ours: 'counting the rows written so far', capture },
    end: { sql: OWN_WRITES_SQL, ours: `counting the rows ${name} wrote`, capture },
    writes() {
      const [start = {}, end = {}] = counts;
      return Object.fromEntries(
        Object.entries(end)
          .map(([t, n]) => [t, n - (start[t] ?? 0)])
          .filter(([, n]) => (n as number) > 0),
      );
    },
  };
}

/**
 * Applies one migration and records it. A transactional one runs in one transaction together with its history
 * row; a lock timeout (55P03) is retried with jittered backoff, on a new connection, up to lockRetries times
 * within lockBudgetMs, waiting before each retry (beforeRetry) for long transactions on its tables to end. A file whose own
 * wrapper is READ ONLY cannot write a row in its transaction: having changed nothing, it is recorded right after
 * it commits. A non-transactional one is recorded dirty before it starts and clean after it ends, on our own
 * session, so a crash in between leaves a visible mark and no run starts until someone has looked (where the history
 * table has a place for one: another tool's may not, and then the row is written once the migration has finished).
 */
export async function runMigration(
  session: MigrationSession,
  migration: Migration,
  exec: ExecutionPlan,
  o: RunOptions,
  log: Logger,
): Promise<RunResult> {
  const { record } = o;
  if (exec.mode === 'no-transaction') {
    await session.client();
    const started = performance.now();
    const mark = await markStarted(record.control, record.table, migration, record.appliedBy);
    // lock-timeout off leaves every wait unbounded, CONCURRENTLY's too.
    const patient = o.lockBudgetMs > 0 && o.lockTimeoutMs > 0 ? { patientLockTimeoutMs: o.lockBudgetMs } : {};
    await onSession(session, (client) => runOneByOne(client, session.reset, migration.up, exec, { ...o, ...patient }));
    const durationMs = Math.round(performance.now() - started);
    if (mark === undefined) await recordApplied(record.control, record.table, migration, record.appliedBy, durationMs);
    else await markFinished(record.control, record.table, mark, durationMs, migration);
    await reset(session, await session.client(), exec);
    return { durationMs, attempts: 1, writes: {} };
  }

  const readOnly = exec.begin?.readOnly === true;
  const backoff = o.backoffMs ?? defaultBackoff;
  const first = performance.now();
  // An attempt may be given a longer lock_timeout (beforeRetry: to let PostgreSQL cancel an autovacuum).
  let tries: RunOptions = o;
  for (let attempt = 0; ; attempt++) {
    const started = performance.now();
    let began = started;
    const counter = writeCounter(migration.name);
    try {
      const clean = await onSession(session, (client) => {
        began = performance.now();
        const head: Step[] = fenceSteps(record.fence);
        const tail: Step[] = readOnly
          ? []
          : recordInTransaction(
              client,
              record.table,
              migration,
              record.appliedBy,
              timeoutSteps(tries, true).map((s) => s.sql),
            ).map((sql) => ({ sql, ours: `recording ${migration.name} in the history table` }));
        if (!readOnly && o.countWrites) {
          head.push(counter.start);
          tail.push(counter.end);
        }
        return runTransactional(client, session.reset, migration.up, exec, { head, tail }, tries);
      });
      o.attempted?.(Math.round(performance.now() - began));
      const writes = counter.writes();
      const durationMs = Math.round(performance.now() - started);
      await settle(session, exec, clean);
      if (readOnly) await recordApplied(record.control, record.table, migration, record.appliedBy, durationMs);
      return { durationMs, attempts: attempt + 1, writes };
    } catch (err) {
      o.attempted?.(Math.round(performance.now() - began));
      const code = err instanceof MigrationError ? err.details.sqlstate : sqlstate(err);
      const wait = backoff(attempt);
      const leftMs = o.lockBudgetMs - (performance.now() - first) - wait;
      if (code === '55P03' && attempt < o.lockRetries && leftMs > 0) {
        log.warn(
          `${migration.name}: lock timeout after ${tries.lockTimeoutMs} ms, retry ${attempt + 1} in ${wait} ms (${Math.round(leftMs / 1000)} s of lock-wait left)`,
        );
        await sleep(wait, o.signal);
        const next = await o.beforeRetry?.(leftMs);
        tries = next?.lockTimeoutMs ? { ...o, lockTimeoutMs: next.lockTimeoutMs } : o;
        // A cancel that came while waiting to retry: the migration is not tried again.
        if (o.signal?.aborted)
          throw new MigrationError(
            `cancelled (${String(o.signal.reason)}) while waiting to retry after a lock timeout`,
            { location: { file: migration.up.file, line: migration.up.startLine, column: 1 }, sqlstate: '57014' },
          );
        continue;
      }
      if (err instanceof MigrationError && code === '55P03' && attempt > 0)
        err.message += ` (after ${attempt + 1} attempts in ${((performance.now() - first) / 1000).toFixed(1)} s: lock-wait is ${o.lockBudgetMs / 1000} s)`;
      throw err;
    }
  }
}

export interface UndoOptions extends ScriptOptions {
  /** Checks, inside the down script's transaction, that the run still holds its advisory lock (lockFence). */
  fence?: string;
  /** Our own session: takes the row out after a down script that ran outside a transaction. */
  control: Client;
}

/**
 * Undoes one applied migration with its down script and takes its history row out (`forget`, given the client
 * to do it on). A transactional down script and `forget` share one transaction, after the lock fence and with the
 * session's role and search_path put back for the row as for a migration's own, so that the database and the
 * history agree whether it commits or rolls back (a failure ends the connection, which rolls it back). A READ
 * ONLY wrapper cannot delete the row: having changed nothing, it is forgotten right after it commits. A down
 * script that cannot run in a transaction runs statement by statement, as psql would, and its row goes once it
 * has ended, on our own session: one that fails part-way keeps its row, though part of it ran. Returns the rows
 * the transaction wrote, per table, as runMigration counts them (none outside a transaction).
 */
export async function undoMigration(
  session: MigrationSession,
  migration: Migration,
  down: Script,
  exec: ExecutionPlan,
  o: UndoOptions,
  forget: (client: Client) => Promise<void>,
): Promise<Record<string, number>> {
  const forgetting = (client: Client) =>
    forget(client).catch((err) => {
      throw new MigrationError(
        `taking ${migration.name}'s row out of the history table failed: ${(err as Error).message}`,
        { location: { file: down.file, line: down.startLine, column: 1 }, sqlstate: sqlstate(err), cause: err },
      );
    });
  if (exec.mode === 'no-transaction') {
    await onSession(session, (client) => runOneByOne(client, session.reset, down, exec, o));
    await withTransaction(o.control, () => forgetting(o.control));
    await reset(session, await session.client(), exec);
    return {};
  }
  const readOnly = exec.begin?.readOnly === true;
  const counter = writeCounter(`the down script of ${migration.name}`);
  const clean = await onSession(session, async (client) => {
    const begin = { sql: exec.begin?.sql ?? 'BEGIN', ours: 'BEGIN' };
    const ours = (sql: string) => ({ sql, ours: `taking ${migration.name} out of the history table` });
    const asConnected = ['SET LOCAL SESSION AUTHORIZATION DEFAULT', 'SET LOCAL search_path = pg_catalog, pg_temp'].map(
      ours,
    );
    const counted = readOnly ? [] : [counter.start];
    await send(client, down, [
      begin,
      ...fenceSteps(o.fence),
      ...counted,
      ...timeoutSteps(o, true),
      ...statementSteps(exec, o, true, session.reset),
      ...asConnected,
      ...timeoutSteps(o, true),
    ]);
    if (!readOnly) await forgetting(client);
    const witnessed = o.witness ? witnessSteps(o.witness) : [];
    return send(client, down, [
      ...(readOnly ? [] : [counter.end]),
      ...witnessed,
      { sql: 'COMMIT', ours: 'COMMIT' },
      ...resetSteps(session.reset, true),
    ]);
  });
  await settle(session, exec, clean);
  if (readOnly) await withTransaction(o.control, () => forgetting(o.control));
  return counter.writes();
}
