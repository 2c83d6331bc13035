import type { Check } from '../config/inputs-spec.js';
import { connect, withClient, type Client } from '../db/connect.js';
import { ensureHistoryTable } from '../db/history.js';
import { executeScript, runMigration } from '../db/runner.js';
import { MigrationError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Analysed } from '../migrations/analyse.js';
import { parseScript } from '../migrations/parse.js';
import { executionPlan } from '../migrations/transaction.js';
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

/**
 * Runs the deployed migrations, the seed, then each new migration on scratch databases made from templates:
 * the state before migration k is a template; k is applied (statement by statement, locks traced) on a copy of
 * it, which becomes the template for k+1. Re-running k and its down/up round trip use further copies of the
 * state after k. Every new migration costs a fixed number of copies, whatever the number deployed.
 */
export async function runChecks(server: ScratchServer, deployed: Migration[], fresh: Analysed[], opts: CheckOptions, log: Logger): Promise<{ result: VerifyResult; findings: Finding[] }> {
  const findings: Finding[] = [];
  const timer = new Timer();
  const result: VerifyResult = { deployed: deployed.length, migrations: [], schemaChange: [], checkMs: timer.ms };
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
  result.migrations = entries;

  let template = await server.create('deployed');
  const deployedOk = await timer.time('deployed', () =>
    onDatabase(server, template, async (c) => {
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
      if (opts.seedFile) await loadSeed(c, server.urlOf(template), opts.seedFile);
      return true;
    }),
  );
  if (!deployedOk) return { result, findings };
  let before: Snapshot = await onDatabase(server, template, takeSnapshot);
  const base = before;

  for (const [i, { migration: m, exec }] of fresh.entries()) {
    const entry = entries[i];
    const db = await server.create(`m${i}`, template);
    const applied = await timer.time('apply+locks', async () => {
      const c = await connect(server.urlOf(db));
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
      } finally {
        await c.end().catch(() => {});
      }
    });
    if (!applied) break;
    log.info(`verified ${m.name}: applies in ${entry.applyMs} ms`);
    if (opts.checks.has('locks')) findings.push(...lockFindings(entry));
    const after = await onDatabase(server, db, takeSnapshot);

    if (entry.idempotency === 'not run') {
      await timer.time('idempotency', () => checkIdempotency(server, db, m, exec, after, opts.idempotency, entry, findings));
    }
    if (entry.reversibility === 'not run') {
      await timer.time('reversibility', () => checkReversibility(server, db, m, exec, before, entry, findings));
    }
    if (template) await server.drop(template);
    template = db;
    before = after;
  }
  result.schemaChange = describeDiff(diffSnapshots(base, before));
  return { result, findings };
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

async function checkIdempotency(server: ScratchServer, after: string, m: Migration, exec: Analysed['exec'], expected: Snapshot, severity: 'error' | 'warning' | 'off', entry: VerifiedMigration, findings: Finding[]): Promise<void> {
  const db = await server.create('again', after);
  try {
    await onDatabase(server, db, async (c) => {
      try {
        await executeScript(c, m.up, exec);
      } catch (err) {
        if (!(err instanceof MigrationError)) throw err;
        entry.idempotency = 'failed';
        findings.push(failure('not-idempotent', severity as Finding['severity'], `${m.name} fails when run a second time`, err, 'Use IF NOT EXISTS / IF EXISTS / CREATE OR REPLACE so the migration can be re-run safely.'));
        return;
      }
      const diff = diffSnapshots(expected, await takeSnapshot(c));
      entry.idempotency = isEmptyDiff(diff) ? 'ok' : 'failed';
      if (!isEmptyDiff(diff)) {
        findings.push(failure('not-idempotent', severity as Finding['severity'], `${m.name} changes the schema again when run a second time: ${describeDiff(diff).join('; ')}`, undefined, 'Make each statement a no-op when its change is already there.'));
      }
    });
  } finally {
    await server.drop(db);
  }
}

async function checkReversibility(server: ScratchServer, after: string, m: Migration, exec: Analysed['exec'], expected: Snapshot, entry: VerifiedMigration, findings: Finding[]): Promise<void> {
  const db = await server.create('down', after);
  try {
    await onDatabase(server, db, async (c) => {
      const down = m.down!;
      try {
        const statements = await parseScript(down);
        await executeScript(c, down, executionPlan(statements, false));
      } catch (err) {
        if (!(err instanceof MigrationError)) throw err;
        entry.reversibility = 'failed';
        findings.push(failure('not-reversible', 'error', `the down script of ${m.name} fails`, err));
        return;
      }
      const diff = diffSnapshots(expected, await takeSnapshot(c));
      if (!isEmptyDiff(diff)) {
        entry.reversibility = 'failed';
        findings.push({
          ...failure('not-reversible', 'error', `the down script of ${m.name} does not restore the schema: ${describeDiff(diff).join('; ')}`, undefined, 'Make the down script undo every change of the up script (+ is left over after down, - is missing, ~ differs).'),
          file: down.file,
          line: down.startLine,
          column: 1,
        });
        return;
      }
      try {
        await executeScript(c, m.up, exec);
        entry.reversibility = 'ok';
      } catch (err) {
        if (!(err instanceof MigrationError)) throw err;
        entry.reversibility = 'failed';
        findings.push(failure('not-reversible', 'error', `${m.name} fails when applied again after its down script`, err));
      }
    });
  } finally {
    await server.drop(db);
  }
}
