import { cancelMigrating, lockFence, lockLost } from '../db/session/advisory-lock.js';
import type { Client } from '../db/session/connect.js';
import { ensureHistoryTable } from '../db/history/table.js';
import { tableText } from '../db/session/identifiers.js';
import { blockingSessions, describeSession } from '../db/catalog/preflight.js';
import { runMigration } from '../db/runner/runner.js';
import { MigrationSession } from '../db/session/session.js';
import { settleHistory } from '../db/history/settle.js';
import { withTransaction } from '../db/session/transaction.js';
import { MigrationError } from '../foundation/errors.js';
import type { Analysed } from '../migrations/analyse.js';
import type { Migration } from '../model/migration.js';
import { addFinding, locationFields, type Report } from '../model/report.js';
import { findingsFor } from './failure-findings.js';
import type { ApplyRun } from './apply-run.js';
import { mayRestore } from './safety.js';

/** Creates or adopts the history table and records the plan's bookkeeping (accepted edits, baseline, …). */
export async function prepareHistory(run: ApplyRun): Promise<boolean> {
  const { client, history, report } = run;
  const state = await withTransaction(client, () => ensureHistoryTable(client, history));
  if (state !== 'ready')
    report.notes.push(
      `history table ${tableText(history)} ${state === 'created' ? 'created' : 'adopted: columns added, rows kept'}`,
    );
  report.notes.push(
    ...(await withTransaction(client, () => settleHistory(client, history, run.plan, run.ctx.appliedBy))),
  );
  return true;
}

/** Who holds the locks a migration waited for, to name in its failure. */
async function blockers(client: Client, a: Analysed): Promise<string> {
  const sessions = await blockingSessions(client, [a], 0).catch(() => []);
  if (!sessions.length) return '';
  return `; blocked by ${sessions
    .slice(0, 3)
    .map((s) => `${describeSession(s, `${s.mode} on ${s.relation}`)}${s.query ? `: ${s.query}` : ''}`)
    .join('; ')}`;
}

/** A transaction older than this, holding a lock on a migration's table, is waited for before a retry. */
const LONG_TRANSACTION_S = 1;
const POLL_MS = 200;

/**
 * Before a retry after a lock timeout: waits, outside the lock queue (where nothing queues behind us), for the
 * long transactions holding the migration's tables to end, naming them once, for at most `leftMs`. An autovacuum
 * is not waited for: PostgreSQL cancels one for a lock waiter after deadlock_timeout, so the next attempt gets a
 * lock_timeout just longer than that (unless it prevents wraparound, which PostgreSQL does not cancel).
 */
export async function waitOutsideTheQueue(
  run: ApplyRun,
  a: Analysed,
  leftMs: number,
): Promise<{ lockTimeoutMs?: number }> {
  const until = performance.now() + leftMs;
  let named = false;
  while (performance.now() < until && !run.ctx.signal?.aborted) {
    const found = await blockingSessions(run.client, [a], LONG_TRANSACTION_S).catch(() => []);
    const sessions = found.filter((s) => !s.autovacuum);
    if (!sessions.length) {
      if (!found.some((s) => s.autovacuum && !s.autovacuum.wraparound)) return {};
      const deadlock = await run.client
        .query("SELECT pg_catalog.current_setting('deadlock_timeout') AS v")
        .then((r) => durationSettingMs(r.rows[0].v as string));
      return { lockTimeoutMs: Math.max(run.config.lockTimeoutMs, deadlock + 500) };
    }
    if (!named) {
      run.ctx.log.info(
        `${a.migration.name}: waiting outside the lock queue for ${sessions
          .slice(0, 3)
          .map((s) => describeSession(s, `${s.mode} on ${s.relation}`))
          .join('; ')}`,
      );
      named = true;
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(POLL_MS, Math.max(0, until - performance.now()))));
  }
  return {};
}

/** A duration setting as current_setting() shows it (`1s`, `500ms`, `1min`), in milliseconds. */
function durationSettingMs(v: string): number {
  const m = /^(\d+)\s*(ms|s|min|h)?$/.exec(v.trim());
  if (!m) return 1000;
  return Number(m[1]) * ({ ms: 1, s: 1000, min: 60_000, h: 3_600_000 } as Record<string, number>)[m[2] ?? 'ms'];
}

/**
 * Runs the pending migrations in order, each on a session as fresh as psql -f's, stopping at the first failure:
 * it rolls back (or stays dirty, if it ran outside a transaction); what ran before it stays applied and recorded.
 */
export async function runPending(run: ApplyRun): Promise<boolean> {
  if (!run.analysed.length) return true;
  const session = await MigrationSession.open(run.ctx.databaseUrl, run.lockKey);
  try {
    await run.ctx.log.group(`apply ${run.analysed.length} migration(s)`, () => runEach(run, session));
  } finally {
    await session.close();
  }
  if (run.longestStallMs !== undefined) {
    run.report.lockStallMs = run.longestStallMs;
    run.report.notes.push(
      `application queries on the migrated tables could have waited at most ${run.longestStallMs} ms behind this run's locks (the longest attempt of a transactional migration, from its BEGIN to its end; lock-timeout ${run.config.lockTimeoutMs} ms bounds its wait in the queue)`,
    );
  }
  return run.report.ok;
}

async function runEach(run: ApplyRun, session: MigrationSession): Promise<void> {
  const { config, ctx, report } = run;
  const record = {
    table: run.history,
    appliedBy: ctx.appliedBy,
    control: run.client,
    fence: lockFence(run.lockKey, run.controlPid),
  };
  for (const a of run.analysed) {
    const { migration, exec } = a;
    if (ctx.signal?.aborted) return cancelled(run, `before ${migration.name} started`);
    const stopCancelling = ctx.signal && cancelOnAbort(ctx.signal, run.client, run.lockKey);
    run.started += 1;
    try {
      const beforeRetry = (leftMs: number) => waitOutsideTheQueue(run, a, leftMs);
      const attempted = (ms: number) => void (run.longestStallMs = Math.max(run.longestStallMs ?? 0, ms));
      const r = await runMigration(
        session,
        migration,
        exec,
        {
          ...config,
          lockBudgetMs: config.lockWaitMs,
          beforeRetry,
          attempted,
          record,
          signal: ctx.signal,
          witness: run.catalogWitness,
          countWrites: mayRestore(run),
        },
        ctx.log,
      );
      for (const [table, rows] of Object.entries(r.writes))
        run.ownWrites.set(table, (run.ownWrites.get(table) ?? 0) + rows);
      report.applied.push({
        version: migration.version.text,
        name: migration.name,
        durationMs: r.durationMs,
        transaction: exec.mode === 'transaction',
        attempts: r.attempts,
      });
      ctx.log.info(
        `applied ${migration.name} in ${r.durationMs} ms${exec.mode === 'transaction' ? '' : ' (no transaction)'}`,
      );
    } catch (err) {
      const e =
        err instanceof MigrationError
          ? err
          : new MigrationError(findingsFor(err, ctx.debug)[0].message, {
              sqlstate: (err as { code?: string }).code,
              cause: err,
            });
      const outcome = exec.mode === 'transaction' ? 'rolled back' : 'it ran outside a transaction and is marked dirty';
      if (ctx.signal?.aborted && e.details.sqlstate === '57014')
        return cancelled(
          run,
          `while ${migration.name} ran: ${outcome}`,
          e,
          exec.mode === 'transaction' ? undefined : migration,
        );
      if (lockLost(e)) return lostLock(run, migration.name, e);
      if (e.details.sqlstate === '55P03') e.message += await blockers(run.client, a);
      addFinding(report, {
        rule: 'apply-failed',
        severity: 'error',
        message: `${migration.name} failed: ${e.message} — ${outcome}`,
        help: e.details.hint,
        sqlstate: e.details.sqlstate,
        ...locationFields(e.details.location),
      });
      return;
    } finally {
      stopCancelling?.();
    }
  }
}

/**
 * After a failed run (once on-failure is over, in the production apply): what of this run's migrations stays
 * applied and recorded, as afterFailure and `undone` say. Written once, at the end, so that no note claims
 * migrations stay applied that an undo or a restore took back.
 */
export function noteWhatStays(report: Report): void {
  if (report.ok || !report.pending.length) return;
  const kept = report.applied.map((a) => a.name);
  const undone = (report.undone ?? []).map((u) => u.name);
  const n = kept.length + undone.length;
  const ran = `this run applied ${n} migration(s) before it stopped`;
  if (!n) report.notes.push('nothing was applied by this run');
  else if (report.afterFailure === 'restored')
    report.notes.push(
      `${ran}; on-failure: restore took them back with the pre-apply backup: none stays applied or recorded`,
    );
  else if (!undone.length) report.notes.push(`${ran}; they stay applied and recorded`);
  else if (!kept.length)
    report.notes.push(
      `${ran}; on-failure: undo undid them all with their down scripts (${undone.join(', ')}): none stays applied or recorded`,
    );
  else
    report.notes.push(
      `${ran}; on-failure: undo undid ${undone.length} with their down scripts (${undone.join(', ')}) before it stopped; ${kept.length} stay applied and recorded (${kept.join(', ')})`,
    );
}

/** The lock fence stopped the run before a migration: said as a lost lock, with its likely cause and the fix. */
function lostLock(run: ApplyRun, name: string, err: MigrationError): void {
  addFinding(run.report, {
    rule: 'lock-lost',
    severity: 'error',
    message: `this run lost its lock (the session that took it no longer holds its advisory lock), so ${name} was not started; another run may hold the lock now`,
    help: "A likely cause: database-url goes through a pooler in transaction mode (PgBouncer's pool_mode=transaction, Supabase's port 6543, Neon's -pooler hosts), which runs each transaction on whichever server session is free; use the direct URL or the pooler's session-mode URL. Otherwise the lock's connection was lost (an idle timeout, the network): run again.",
    ...locationFields(err.details.location),
  });
}

/** The run was cancelled: said as such (noteWhatStays says what it had applied). */
function cancelled(run: ApplyRun, when: string, err?: MigrationError, partWay?: Migration): void {
  const reason = String(run.ctx.signal?.reason ?? 'cancelled');
  run.report.cancelled = reason;
  addFinding(run.report, {
    rule: 'cancelled',
    severity: 'error',
    message: `cancelled (${reason}) ${when}; the pending migrations after it were not run`,
    help: partWay
      ? stoppedPartWay(run, partWay)
      : 'Run again to apply the rest; each migration either committed with its history row or not at all.',
    ...locationFields(err?.details.location),
  });
}

/** What to do after a migration outside a transaction was stopped part-way: the next run cannot know how far it got. */
function stoppedPartWay(run: ApplyRun, m: Migration): string {
  const v = m.version.text;
  if (!run.history.layout.marksDirty) {
    return `${m.name} ran outside a transaction and was stopped part-way, and ${tableText(run.config.historyTable)} has no place to mark it: the next run runs it again from the start. Look at what of it ran; make it safe to re-run (IF NOT EXISTS) or finish it by hand, then run again.`;
  }
  return `${m.name} ran outside a transaction and was stopped part-way: it is marked dirty, and the next run refuses until you say how it ended. Look at what of it ran, then run again with resolve-dirty: ${v}=rerun (it runs again from the start) or ${v}=applied (you finished it by hand).`;
}

/**
 * Once the signal is aborted, cancels whatever the migrating session is running, from our own session, and
 * keeps asking until the migration has ended (a cancel that arrives between two queries cancels nothing).
 * Returns the function that stops asking.
 */
function cancelOnAbort(signal: AbortSignal, control: Client, key: number): () => void {
  let timer: NodeJS.Timeout | undefined;
  const cancel = () => void cancelMigrating(control, key).catch(() => undefined);
  const onAbort = () => {
    cancel();
    timer = setInterval(cancel, 250);
  };
  if (signal.aborted) onAbort();
  else signal.addEventListener('abort', onAbort, { once: true });
  return () => {
    signal.removeEventListener('abort', onAbort);
    if (timer) clearInterval(timer);
  };
}
