import type { Check } from '../config/inputs-spec.js';
import { connect, withClient, type Client } from '../db/connect.js';
import { ensureHistoryTable } from '../db/history.js';
import { executeScript, runMigration } from '../db/runner.js';
import { MigrationError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Analysed } from '../migrations/analyse.js';
import { parseScript } from '../migrations/parse.js';
import { executionPlan, type ExecutionPlan } from '../migrations/transaction.js';
import type { Migration } from '../migrations/types.js';
import { locationFields, type Finding, type VerifiedMigration, type VerifyResult } from '../report/report.js';
import { BLOCKING, traceMigration } from './lock-trace.js';
import type { ScratchServer } from './scratch.js';
import { loadSeed } from './seed.js';
import { describeDiff, diffSnapshots, isEmptyDiff, takeSnapshot, type Snapshot } from './snapshot.js';

export interface CheckOptions {
  checks: Set<Check>;
  idempotency: 'error' | 'warning' | 'off';
  seedFile?: string;
}

/** verify keeps its own bookkeeping in a schema it leaves out of every snapshot. */
const SCRATCH_HISTORY = { schema: 'pmg_verify', table: 'history' };

function failure(rule: string, severity: Finding['severity'], message: string, err?: MigrationError, help?: string): Finding {
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

async function onDatabase<T>(server: ScratchServer, db: string, fn: (c: Client) => Promise<T>): Promise<T> {
  return withClient(server.urlOf(db), fn);
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
 * order: applied statement by statement with its locks traced, then re-run and taken down and up again. Where
 * the migration and its down script are transactional those two checks run inside a transaction that is rolled
 * back, so the working database is never rebuilt; otherwise they run on copies made with CREATE DATABASE …
 * TEMPLATE. Either way every new migration costs the same, whatever the number deployed.
 */
export async function runChecks(server: ScratchServer, deployed: Migration[], fresh: Analysed[], opts: CheckOptions, log: Logger): Promise<{ result: VerifyResult; findings: Finding[] }> {
  const findings: Finding[] = [];
  const timer = new Timer();
  const entries: VerifiedMigration[] = fresh.map(({ migration: m, exec }) => ({
    version: m.version.text,
    name: m.name,
    file: m.up.file,
    transaction: exec.mode === 'transaction',
    apply: 'not run',
    idempotency: opts.checks.has('idempotency') && opts.idempotency !== 'off' ? 'not run' : 'off',
    reversibility: !opts.checks.has('reversibility') ? 'off' : m.down ? 'not run' : 'no down script',
    statements: [],
  }));
  const result: VerifyResult = { deployed: deployed.length, migrations: entries, schemaChange: [], checkMs: timer.ms };

  const work = await server.create('work');
  let c = await connect(server.urlOf(work));
  try {
    const ready = await timer.time('deployed', () => applyDeployed(c, server.urlOf(work), deployed, opts.seedFile, findings, log));
    if (!ready) return { result, findings };
    const base = await takeSnapshot(c);
    let before = base;
    for (const [i, { migration, exec }] of fresh.entries()) {
      const entry = entries[i];
      const applied = await timer.time('apply+locks', () => applyTraced(c, migration, exec, entry, findings));
      if (!applied) break;
      log.info(`verified ${migration.name}: applies in ${entry.applyMs} ms`);
      if (opts.checks.has('locks')) findings.push(...lockFindings(entry));
      const subject: Subject = { migration, exec, before, after: await takeSnapshot(c), down: await downPlan(migration, entry, findings) };
      const inRollback = exec.mode === 'transaction' && (!subject.down || subject.down.mode === 'transaction');
      // A check that cannot be rolled back runs on a copy; copying needs the working database to be idle.
      const onCopy = async (label: string, fn: (d: Client) => Promise<void>) => {
        await c.end();
        const copy = await server.create(label, work);
        try {
          await onDatabase(server, copy, fn);
        } finally {
          await server.drop(copy);
          c = await connect(server.urlOf(work));
        }
      };
      const isolated = (label: string, fn: (d: Client) => Promise<void>) => (inRollback ? rolledBack(c, fn) : onCopy(label, fn));
      if (entry.idempotency === 'not run') {
        await timer.time('idempotency', () => isolated('again', (d) => checkIdempotency(d, subject, inRollback, opts.idempotency, entry, findings)));
      }
      if (entry.reversibility === 'not run' && subject.down) {
        await timer.time('reversibility', () => isolated('down', (d) => checkReversibility(d, subject, inRollback, entry, findings)));
      }
      before = subject.after;
    }
    result.schemaChange = describeDiff(diffSnapshots(base, before));
    return { result, findings };
  } finally {
    await c.end().catch(() => {});
  }
}

async function rolledBack(c: Client, fn: (c: Client) => Promise<void>): Promise<void> {
  await c.query('BEGIN');
  try {
    await fn(c);
  } finally {
    await c.query('ROLLBACK');
  }
}

async function applyDeployed(c: Client, url: string, deployed: Migration[], seedFile: string | undefined, findings: Finding[], log: Logger): Promise<boolean> {
  await c.query('BEGIN');
  await ensureHistoryTable(c, SCRATCH_HISTORY);
  await c.query('COMMIT');
  for (const m of deployed) {
    try {
      const exec = executionPlan(await parseScript(m.up), m.noTransactionDirective);
      await runMigration(c, m, exec, { historyTable: SCRATCH_HISTORY, lockTimeoutMs: 0, statementTimeoutMs: 0, lockRetries: 0, appliedBy: 'verify' }, log);
    } catch (err) {
      if (!(err instanceof MigrationError)) throw err;
      findings.push(failure('deployed-apply-failed', 'error', `deployed migration ${m.name} does not apply on an empty database`, err));
      return false;
    }
  }
  if (seedFile) await loadSeed(c, url, seedFile);
  return true;
}

async function applyTraced(c: Client, m: Migration, exec: ExecutionPlan, entry: VerifiedMigration, findings: Finding[]): Promise<boolean> {
  try {
    const t = performance.now();
    entry.statements = await traceMigration(c, m.up, exec);
    entry.applyMs = Math.round(performance.now() - t);
    entry.apply = 'ok';
    return true;
  } catch (err) {
    if (!(err instanceof MigrationError)) throw err;
    entry.apply = 'failed';
    findings.push(failure('apply-failed', 'error', `${m.name} fails`, err));
    return false;
  }
}

async function downPlan(m: Migration, entry: VerifiedMigration, findings: Finding[]): Promise<ExecutionPlan | undefined> {
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

async function checkIdempotency(c: Client, x: Subject, inTx: boolean, severity: 'error' | 'warning' | 'off', entry: VerifiedMigration, findings: Finding[]): Promise<void> {
  const level = severity as Finding['severity'];
  try {
    await executeScript(c, x.migration.up, x.exec, inTx);
  } catch (err) {
    if (!(err instanceof MigrationError)) throw err;
    entry.idempotency = 'failed';
    findings.push(failure('not-idempotent', level, `${x.migration.name} fails when run a second time`, err, 'Use IF NOT EXISTS / IF EXISTS / CREATE OR REPLACE so the migration can be re-run safely.'));
    return;
  }
  const diff = diffSnapshots(x.after, await takeSnapshot(c));
  entry.idempotency = isEmptyDiff(diff) ? 'ok' : 'failed';
  if (!isEmptyDiff(diff)) {
    findings.push(failure('not-idempotent', level, `${x.migration.name} changes the schema again when run a second time: ${describeDiff(diff).join('; ')}`, undefined, 'Make each statement a no-op when its change is already there.'));
  }
}

async function checkReversibility(c: Client, x: Subject, inTx: boolean, entry: VerifiedMigration, findings: Finding[]): Promise<void> {
  const down = x.migration.down!;
  try {
    await executeScript(c, down, x.down!, inTx);
  } catch (err) {
    if (!(err instanceof MigrationError)) throw err;
    entry.reversibility = 'failed';
    findings.push(failure('not-reversible', 'error', `the down script of ${x.migration.name} fails`, err));
    return;
  }
  const diff = diffSnapshots(x.before, await takeSnapshot(c));
  if (!isEmptyDiff(diff)) {
    entry.reversibility = 'failed';
    findings.push({
      ...failure('not-reversible', 'error', `the down script of ${x.migration.name} does not restore the schema: ${describeDiff(diff).join('; ')}`, undefined, 'Make the down script undo every change of the up script (+ is left over after down, - is missing, ~ differs).'),
      file: down.file,
      line: down.startLine,
      column: 1,
    });
    return;
  }
  try {
    await executeScript(c, x.migration.up, x.exec, inTx);
    entry.reversibility = 'ok';
  } catch (err) {
    if (!(err instanceof MigrationError)) throw err;
    entry.reversibility = 'failed';
    findings.push(failure('not-reversible', 'error', `${x.migration.name} fails when applied again after its down script`, err));
  }
}
