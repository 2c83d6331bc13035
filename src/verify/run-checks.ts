import type { TableName } from '../config/history-table.js';
import type { Check } from '../config/inputs-spec.js';
import type { Client } from '../db/session/connect.js';
import { ensureHistoryTable, locateHistoryTable } from '../db/history/table.js';
import { connectOwn } from '../db/session/own-session.js';
import { executeScript, rolledBack, runMigration, type Recording, type Witness } from '../db/runner/runner.js';
import type { Timeouts } from '../db/runner/steps.js';
import { MigrationSession } from '../db/session/session.js';
import { withTransaction } from '../db/session/transaction.js';
import { MigrationError } from '../foundation/errors.js';
import type { Logger } from '../foundation/logger.js';
import type { Analysed } from '../migrations/analyse.js';
import { parseScript } from '../migrations/parse.js';
import { executionPlan, type ExecutionPlan } from '../migrations/transaction-mode.js';
import type { Migration } from '../model/migration.js';
import { locationFields, type Finding, type VerifiedMigration, type VerifyResult } from '../model/report.js';
import { BLOCKING, LockTracer } from './lock-trace.js';
import type { ScratchServer } from './scratch.js';
import { loadSeed } from './seed.js';
import { describeDiff, diffSnapshots, isEmptyDiff, takeSnapshot, type Snapshot } from './snapshot.js';

export interface CheckOptions extends Timeouts {
  checks: Set<Check>;
  idempotency: 'error' | 'warning' | 'off';
  seedFile?: string;
  /** The history table apply would write: verify records its migrations there, with the same code. */
  historyTable: TableName;
  /** Once aborted (SIGINT, SIGTERM), no further statement or check starts; the caller cancels what runs. */
  signal?: AbortSignal;
  /** Notes what the migrating sessions create on the whole server (see ownership.ts). */
  witness?: Witness;
}

function failure(
  rule: Finding['rule'],
  severity: Finding['severity'],
  message: string,
  err?: MigrationError,
  help?: string,
): Finding {
  return {
    rule,
    severity,
    message: err ? `${message}: ${err.message}` : message,
    help: help ?? err?.details.hint,
    sqlstate: err?.details.sqlstate,
    ...locationFields(err?.details.location),
  };
}

class Timer {
  readonly ms: Record<string, number> = {};
  async time<T>(check: string, fn: () => Promise<T>): Promise<T> {
    const t = performance.now();
    try {
      return await fn();
    } finally {
      this.ms[check] = Math.round((this.ms[check] ?? 0) + performance.now() - t);
    }
  }
}

/**
 * The two connections apply has, on a scratch database: our own (history, snapshots, seed) and the session the
 * migrations run on.
 */
interface Bench {
  control: Client;
  session: MigrationSession;
}

async function openBench(url: string): Promise<Bench> {
  const control = await connectOwn(url);
  try {
    // A scratch database is ours alone: no other run to keep out, any key will do.
    return { control, session: await MigrationSession.open(url, 0) };
  } catch (err) {
    await control.end().catch(() => {});
    throw err;
  }
}

async function closeBench(b: Bench): Promise<void> {
  await b.session.close();
  await b.control.end().catch(() => {});
}

/** What a check needs to know of the migration under test. */
interface Subject {
  migration: Migration;
  exec: ExecutionPlan;
  /** The down script's execution plan; undefined without one, or when it cannot be parsed. */
  down?: ExecutionPlan;
  /** The schema before and after the migration. */
  before: Snapshot;
  after: Snapshot;
}

/**
 * Runs the deployed migrations and the seed on a working scratch database, then each new migration on it in
 * order, all through apply's own engine and history table: each new one with its locks traced, then re-run and
 * taken down and up again. Where the migration and its down script are transactional those two checks run
 * inside a transaction that is rolled back, so the working database is never rebuilt; otherwise they run on
 * copies made with CREATE DATABASE … TEMPLATE. Either way every new migration costs the same, whatever the
 * number deployed.
 */
export async function runChecks(
  server: ScratchServer,
  deployed: Migration[],
  fresh: Analysed[],
  opts: CheckOptions,
  log: Logger,
): Promise<{ result: VerifyResult; findings: Finding[]; cancelled?: string }> {
  const findings: Finding[] = [];
  const timer = new Timer();
  const entries: VerifiedMigration[] = fresh.map(({ migration: m, exec }) => ({
    version: m.version.text,
    name: m.name,
    file: m.up.file,
    downFile: m.down?.file,
    transaction: exec.mode === 'transaction',
    apply: 'not run',
    idempotency: opts.checks.has('idempotency') && opts.idempotency !== 'off' ? 'not run' : 'off',
    reversibility: !opts.checks.has('reversibility') ? 'off' : m.down ? 'not run' : 'no down script',
    statements: [],
  }));
  const result: VerifyResult = { deployed: deployed.length, migrations: entries, schemaChange: [], checkMs: timer.ms };

  const work = await server.create('work');
  let bench = await openBench(server.urlOf(work));
  // A cancel stops at the next statement or check: what the cancelled query was part of failed, and is not a finding.
  const stopped = () => {
    if (opts.signal?.aborted) throw new Cancelled();
  };
  try {
    const history = await locateHistoryTable(bench.control, opts.historyTable);
    await withTransaction(bench.control, () => ensureHistoryTable(bench.control, history));
    const record: Recording = { table: history, appliedBy: 'verify', control: bench.control };
    const ready = await timer.time('deployed', () =>
      applyDeployed(bench, record, server.urlOf(work), deployed, opts, findings, log),
    );
    if (!ready) return { result, findings };
    const base = await takeSnapshot(bench.control);
    let before = base;
    for (const [i, { migration, exec }] of fresh.entries()) {
      const entry = entries[i];
      stopped();
      const applied = await timer.time('apply+locks', () =>
        applyTraced(bench, record, migration, exec, opts, entry, findings, log),
      );
      if (!applied) break;
      log.info(`verified ${migration.name}: applies in ${entry.applyMs} ms`);
      if (opts.checks.has('locks')) findings.push(...lockFindings(entry));
      const subject: Subject = {
        migration,
        exec,
        before,
        after: await takeSnapshot(bench.control),
        down: await downPlan(migration, entry, findings),
      };
      const inRollback = exec.mode === 'transaction' && (!subject.down || subject.down.mode === 'transaction');
      // A check that cannot be rolled back runs on a copy; copying needs the working database to be idle.
      const onCopy = async (label: string, fn: (s: MigrationSession) => Promise<void>) => {
        await closeBench(bench);
        const copy = await server.create(label, work);
        try {
          const b = await openBench(server.urlOf(copy));
          await fn(b.session).finally(() => closeBench(b));
        } finally {
          await server.drop(copy);
          bench = await openBench(server.urlOf(work));
          record.control = bench.control;
        }
      };
      const isolated = (label: string, fn: (s: MigrationSession) => Promise<void>) =>
        inRollback ? rolledBack(bench.session, () => fn(bench.session)) : onCopy(label, fn);
      if (entry.idempotency === 'not run') {
        stopped();
        await timer.time('idempotency', () =>
          isolated('again', (s) => checkIdempotency(s, subject, inRollback, opts, entry, findings)),
        );
      }
      if (entry.reversibility === 'not run' && subject.down) {
        stopped();
        await timer.time('reversibility', () =>
          isolated('down', (s) => checkReversibility(s, subject, inRollback, opts, entry, findings)),
        );
      }
      before = subject.after;
    }
    result.schemaChange = describeDiff(diffSnapshots(base, before));
    return { result, findings };
  } catch (err) {
    if (!opts.signal?.aborted) throw err;
    return { result, findings, cancelled: String(opts.signal.reason) };
  } finally {
    await closeBench(bench);
  }
}

/** Thrown where a cancelled run stops between two steps. */
class Cancelled extends Error {}

/** The deployed migrations and the seed, applied by the same engine and into the same history table as apply. */
async function applyDeployed(
  b: Bench,
  record: Recording,
  url: string,
  deployed: Migration[],
  opts: CheckOptions,
  findings: Finding[],
  log: Logger,
): Promise<boolean> {
  for (const m of deployed) {
    if (opts.signal?.aborted) throw new Cancelled();
    try {
      const exec = executionPlan(await parseScript(m.up), m.noTransactionDirective);
      await runMigration(b.session, m, exec, { ...opts, lockRetries: 0, lockBudgetMs: 0, record }, log);
    } catch (err) {
      if (!(err instanceof MigrationError) || opts.signal?.aborted) throw err;
      findings.push(
        failure(
          'deployed-apply-failed',
          'error',
          `deployed migration ${m.name} does not apply on an empty database`,
          err,
        ),
      );
      return false;
    }
  }
  if (opts.seedFile) await loadSeed(b.control, url, opts.seedFile);
  return true;
}

/** A new migration, applied and recorded exactly as apply would, with a lock tracer watching each statement. */
async function applyTraced(
  b: Bench,
  record: Recording,
  m: Migration,
  exec: ExecutionPlan,
  opts: CheckOptions,
  entry: VerifiedMigration,
  findings: Finding[],
  log: Logger,
): Promise<boolean> {
  const tracer = new LockTracer(record.table);
  try {
    const r = await runMigration(
      b.session,
      m,
      exec,
      { ...opts, lockRetries: 0, lockBudgetMs: 0, record, observer: tracer },
      log,
    );
    entry.applyMs = r.durationMs;
    entry.apply = 'ok';
    return true;
  } catch (err) {
    if (!(err instanceof MigrationError) || opts.signal?.aborted) throw err;
    entry.apply = 'failed';
    findings.push(failure('apply-failed', 'error', `${m.name} fails`, err));
    return false;
  } finally {
    entry.statements = tracer.traces;
  }
}

async function downPlan(
  m: Migration,
  entry: VerifiedMigration,
  findings: Finding[],
): Promise<ExecutionPlan | undefined> {
  if (!m.down || entry.reversibility === 'off') return undefined;
  try {
    return executionPlan(await parseScript(m.down), false);
  } catch (err) {
    if (!(err instanceof MigrationError)) throw err;
    entry.reversibility = 'failed';
    findings.push(failure('not-reversible', 'error', `the down script of ${m.name} cannot run`, err));
    return undefined;
  }
}

function lockFindings(entry: VerifiedMigration): Finding[] {
  const out: Finding[] = [];
  for (const s of entry.statements) {
    const blocking = s.locks.filter((l) => BLOCKING.has(l.mode));
    const where = { file: s.file, line: s.line, column: s.column };
    if (blocking.length) {
      out.push({
        rule: 'blocking-lock',
        severity: 'warning',
        message: `${blocking.map((l) => `${l.mode} on ${l.relation}`).join(', ')}: ${blocking.some((l) => l.mode === 'ACCESS EXCLUSIVE') ? 'every read and write' : 'every write'} waits until the migration commits, and the lock itself waits behind any long-running query (observed; the statement took ${s.durationMs} ms here)`,
        help: 'Keep the statement short on busy tables, or use the non-blocking form (CONCURRENTLY, NOT VALID + VALIDATE); lock-timeout bounds the wait.',
        ...where,
      });
    }
    if (s.rewrites.length) {
      out.push({
        rule: 'table-rewrite',
        severity: 'warning',
        message: `${s.rewrites.join(', ')} rewritten: the whole table is copied under an ACCESS EXCLUSIVE lock, which takes as long as the table is large`,
        help: 'Avoid the rewrite (a constant default, a compatible type change), or add a new column, backfill it in batches and swap.',
        ...where,
      });
    }
  }
  return out;
}

async function checkIdempotency(
  s: MigrationSession,
  x: Subject,
  inTx: boolean,
  opts: CheckOptions,
  entry: VerifiedMigration,
  findings: Finding[],
): Promise<void> {
  const level = opts.idempotency as Finding['severity'];
  try {
    await executeScript(s, x.migration.up, x.exec, opts, inTx);
  } catch (err) {
    if (!(err instanceof MigrationError) || opts.signal?.aborted) throw err;
    entry.idempotency = 'failed';
    findings.push(
      failure(
        'not-idempotent',
        level,
        `${x.migration.name} fails when run a second time`,
        err,
        'Use IF NOT EXISTS / IF EXISTS / CREATE OR REPLACE so the migration can be re-run safely.',
      ),
    );
    return;
  }
  const diff = diffSnapshots(x.after, await takeSnapshot(await s.client()));
  entry.idempotency = isEmptyDiff(diff) ? 'ok' : 'failed';
  if (!isEmptyDiff(diff)) {
    findings.push({
      ...failure(
        'not-idempotent',
        level,
        `${x.migration.name} changes the schema again when run a second time: ${describeDiff(diff).join('; ')}`,
        undefined,
        'Make each statement a no-op when its change is already there.',
      ),
      file: x.migration.up.file,
    });
  }
}

async function checkReversibility(
  s: MigrationSession,
  x: Subject,
  inTx: boolean,
  opts: CheckOptions,
  entry: VerifiedMigration,
  findings: Finding[],
): Promise<void> {
  const down = x.migration.down!;
  try {
    await executeScript(s, down, x.down!, opts, inTx);
  } catch (err) {
    if (!(err instanceof MigrationError) || opts.signal?.aborted) throw err;
    entry.reversibility = 'failed';
    findings.push(failure('not-reversible', 'error', `the down script of ${x.migration.name} fails`, err));
    return;
  }
  const diff = diffSnapshots(x.before, await takeSnapshot(await s.client()));
  if (!isEmptyDiff(diff)) {
    entry.reversibility = 'failed';
    findings.push({
      ...failure(
        'not-reversible',
        'error',
        `the down script of ${x.migration.name} does not restore the schema: ${describeDiff(diff).join('; ')}`,
        undefined,
        'Make the down script undo every change of the up script (+ is left over after down, - is missing, ~ differs).',
      ),
      file: down.file,
      line: down.startLine,
      column: 1,
    });
    return;
  }
  try {
    await executeScript(s, x.migration.up, x.exec, opts, inTx);
    entry.reversibility = 'ok';
  } catch (err) {
    if (!(err instanceof MigrationError) || opts.signal?.aborted) throw err;
    entry.reversibility = 'failed';
    findings.push(
      failure('not-reversible', 'error', `${x.migration.name} fails when applied again after its down script`, err),
    );
  }
}
