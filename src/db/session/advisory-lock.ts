import { createHash } from 'node:crypto';
import { CancelledError, StateError } from '../../foundation/errors.js';
import type { Client } from './connect.js';
import { connectOwn } from './own-session.js';

/** Cancels the wait for the lock: the run's signal, and the URL a second session connects to to cancel it from. */
export interface LockWaitCancel {
  signal?: AbortSignal;
  url: string;
}

/** First key of every lock this tool takes ("PGMG"), so its locks are recognisable in pg_locks. */
export const LOCK_NAMESPACE = 0x50474d47;

/**
 * First key of the lock a run's migrating session holds while it lives ("PGMH"). The run's advisory lock lives
 * on another session; a run that takes it also waits on this one, for a migration a vanished run left running.
 */
export const MIGRATING_NAMESPACE = 0x5047_4d48;

/** The second key: derived from the history table, so runs on different history tables do not block each other. */
export function lockKey(qualifiedHistoryTable: string): number {
  return createHash('sha256').update(qualifiedHistoryTable).digest().readInt32BE(0);
}

/** Who holds one of our locks right now, for the error message. */
async function holder(client: Client, namespace: number, key: number): Promise<string> {
  const r = await client.query(
    `SELECT l.pid, a.application_name, a.client_addr::text AS addr, a.backend_start, a.state
       FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid
      WHERE l.locktype = 'advisory' AND l.granted AND l.classid = $1::bigint::oid AND l.objid = $2::bigint::oid AND l.objsubid = 2
        AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
    [namespace, key >>> 0],
  );
  if (!r.rows.length) return 'a session that has since ended';
  const h = r.rows[0];
  return `pid ${h.pid} (${h.application_name || 'unknown application'}${h.addr ? ` from ${h.addr}` : ''}, connected since ${new Date(h.backend_start).toISOString()})`;
}

/**
 * Holds a session-level advisory lock while fn runs. It is taken in autocommit mode, never inside an open
 * transaction: a transaction-level lock would make `CREATE INDEX CONCURRENTLY` wait for our own transaction
 * forever. Waits up to waitMs for another run to finish, then fails naming the holder's pid; a cancel (the run's
 * signal) ends the wait at once with a CancelledError.
 */
export async function withAdvisoryLock<T>(
  client: Client,
  key: number,
  waitMs: number,
  fn: () => Promise<T>,
  cancel?: LockWaitCancel,
): Promise<T> {
  await acquire(
    client,
    LOCK_NAMESPACE,
    key,
    waitMs,
    (who) => `another migration run holds the lock on this history table: ${who}`,
    cancel,
  );
  try {
    // A run whose process is gone may have left its last migration executing on the server: wait for it to end.
    await acquire(
      client,
      MIGRATING_NAMESPACE,
      key,
      waitMs,
      (who) => `a migration of an earlier run, whose process is gone, is still executing: ${who}`,
      cancel,
    );
    await client.query('SELECT pg_advisory_unlock($1, $2)', [MIGRATING_NAMESPACE, key]);
    return await fn();
  } finally {
    await client.query('SELECT pg_advisory_unlock($1, $2)', [LOCK_NAMESPACE, key]).catch(() => {});
  }
}

/**
 * Takes a session-level advisory lock, waiting up to waitMs; then fails naming the session that holds it. When
 * `cancel.signal` aborts meanwhile, the waiting statement is cancelled from a second session and a CancelledError
 * thrown (a lock granted in that instant is given back).
 */
async function acquire(
  client: Client,
  namespace: number,
  key: number,
  waitMs: number,
  what: (holder: string) => string,
  cancel?: LockWaitCancel,
): Promise<void> {
  const signal = cancel?.signal;
  const cancelled = () =>
    new CancelledError(String(signal!.reason), 'while waiting for the advisory lock; nothing was changed');
  if (signal?.aborted) throw cancelled();
  let stopWatching: (() => Promise<void>) | undefined;
  try {
    // lock_timeout bounds the wait; 0 would mean "wait forever", so a zero wait is a single try.
    if (waitMs === 0) {
      const r = await client.query('SELECT pg_try_advisory_lock($1, $2) AS ok', [namespace, key]);
      if (!r.rows[0].ok) throw Object.assign(new Error('lock not available'), { code: '55P03' });
    } else {
      await client.query(`SET lock_timeout = ${Math.floor(waitMs)}`);
      if (signal && cancel) stopWatching = await cancelWaitOnAbort(signal, cancel.url, client, namespace, key);
      await client.query('SELECT pg_advisory_lock($1, $2)', [namespace, key]);
      await stopWatching?.();
      if (signal?.aborted) {
        await client.query('SELECT pg_advisory_unlock($1, $2)', [namespace, key]).catch(() => {});
        throw cancelled();
      }
    }
  } catch (err) {
    await stopWatching?.();
    if (signal?.aborted && (err as { code?: string }).code === '57014') throw cancelled();
    if ((err as { code?: string }).code === '55P03') {
      throw new StateError(
        [
          `${what(await holder(client, namespace, key))}; waited ${waitMs} ms. Let it finish (or raise lock-wait); if it is stuck, end that session with SELECT pg_terminate_backend(<pid>)`,
        ],
        { cause: err },
      );
    }
    throw err;
  } finally {
    await client.query('RESET lock_timeout').catch(() => {});
  }
}

/**
 * Once `signal` aborts, cancels `client`'s wait for the advisory lock from a session of its own, and keeps asking
 * until the wait has ended (a cancel that arrives before the statement starts cancels nothing). Only a statement
 * still waiting for that lock is cancelled, never the next one. Returns the function that stops and disconnects.
 */
async function cancelWaitOnAbort(
  signal: AbortSignal,
  url: string,
  client: Client,
  namespace: number,
  key: number,
): Promise<() => Promise<void>> {
  // The server's own pid of the waiting session (behind a pooler the start-up key is the pooler's).
  const pid = (await client.query('SELECT pg_catalog.pg_backend_pid() AS pid')).rows[0].pid as number;
  let timer: NodeJS.Timeout | undefined;
  let control: Promise<Client | undefined> | undefined;
  const cancel = async () => {
    const c = await (control ??= connectOwn(url).catch(() => undefined));
    await c?.query(
      `SELECT pg_catalog.pg_cancel_backend(pid) FROM pg_catalog.pg_locks
        WHERE pid = $1 AND locktype = 'advisory' AND NOT granted AND classid = $2::bigint::oid AND objid = $3::bigint::oid AND objsubid = 2`,
      [pid, namespace, key >>> 0],
    );
  };
  const onAbort = () => {
    void cancel().catch(() => undefined);
    timer = setInterval(() => void cancel().catch(() => undefined), 250);
  };
  signal.addEventListener('abort', onAbort, { once: true });
  let stopped: Promise<void> | undefined;
  return () =>
    (stopped ??= (async () => {
      signal.removeEventListener('abort', onAbort);
      if (timer) clearInterval(timer);
      const c = await control;
      await c?.end().catch(() => {});
    })());
}

/**
 * Cancels what the run's migrating session is running, from our own session. The session is found by the
 * "migrating" lock it holds, not by the pid its connection was given at start-up: behind a pooler that is the
 * pooler's own key, not a server process.
 */
export async function cancelMigrating(control: Client, key: number): Promise<void> {
  await control.query(
    `SELECT pg_catalog.pg_cancel_backend(pid) FROM pg_catalog.pg_locks
      WHERE locktype = 'advisory' AND granted AND classid = $1::bigint::oid AND objid = $2::bigint::oid AND objsubid = 2
        AND database = (SELECT oid FROM pg_catalog.pg_database WHERE datname = pg_catalog.current_database())
        AND pid <> pg_catalog.pg_backend_pid()`,
    [MIGRATING_NAMESPACE, key >>> 0],
  );
}

/** How the fence's failure begins, so that lockLost tells it from a migration's own errors. */
const LOCK_LOST = 'this run lost its advisory lock';

/**
 * A statement that fails unless session `pid` still holds the run's lock. Sent first in each migration's
 * transaction, it stops a run whose lock went with its connection (an idle timeout, a dropped network) before
 * the migration changes anything, so a second run that took the lock meanwhile is never raced. It also stops a
 * run behind a pooler in transaction mode, where the lock's server session serves other connections too (the
 * migrations' own, whose session reset releases the lock). Plain SQL: the failing branch is a cast of a value
 * the planner cannot fold, so it is evaluated only when taken; its text says what happened, and lockLost
 * recognises it.
 */
export function lockFence(key: number, pid: number): string {
  const held = `SELECT FROM pg_catalog.pg_locks WHERE locktype = 'advisory' AND granted AND classid = ${LOCK_NAMESPACE}::pg_catalog.oid
      AND objid = ${key >>> 0}::bigint::pg_catalog.oid AND objsubid = 2 AND pid = ${Math.trunc(pid)}
      AND database = (SELECT oid FROM pg_catalog.pg_database WHERE datname = pg_catalog.current_database())`;
  return `SELECT CASE WHEN EXISTS (${held}) THEN 0 ELSE ('${LOCK_LOST}: session pid ${Math.trunc(pid)} no longer holds it; stopped before this migration, on pid ' || pg_catalog.pg_backend_pid())::pg_catalog.int4 END`;
}

/** Whether err is the lock fence's failure (an invalid integer carrying its text), not a migration's own error. */
export function lockLost(err: unknown): boolean {
  for (
    let e = err as { code?: string; message?: string; cause?: unknown } | undefined, depth = 0;
    e && depth < 5;
    e = e.cause as typeof e, depth++
  ) {
    if (e.code === '22P02' && e.message?.includes(LOCK_LOST)) return true;
  }
  return false;
}
