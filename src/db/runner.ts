import type { TableName } from '../config/history-table.js';
import { MigrationError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { ExecutionPlan } from '../migrations/transaction.js';
import type { Migration, Script } from '../migrations/types.js';
import type { Client } from './connect.js';
import { sqlstate, statementError } from './errors.js';
import { insertRow, markClean } from './history.js';
import { quoteTable } from './identifiers.js';
import { blockingSessions } from './preflight.js';
import { runScript, type ScriptError } from './script-query.js';

export interface RunOptions {
  historyTable: TableName;
  lockTimeoutMs: number;
  statementTimeoutMs: number;
  lockRetries: number;
  appliedBy: string;
  /** Delay before retry n (0-based) after a lock timeout. */
  backoffMs?: (attempt: number) => number;
}

export interface RunResult {
  durationMs: number;
  attempts: number;
}

const defaultBackoff = (attempt: number) => Math.min(500 * 2 ** attempt, 10_000);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Settings every migration starts from. RESET ALL first, so a `SET` left by the previous migration on this
 * connection does not leak into the next one (as if each file ran in its own psql session). The values are
 * validated integers, never user text.
 */
function settings(o: Pick<RunOptions, 'lockTimeoutMs' | 'statementTimeoutMs'>, local: boolean): string[] {
  const scope = local ? 'LOCAL ' : '';
  return [`SET ${scope}lock_timeout = ${o.lockTimeoutMs}`, `SET ${scope}statement_timeout = ${o.statementTimeoutMs}`];
}

/**
 * A whole transactional script as one simple query: settings, BEGIN, the statements, `tail` (the history row),
 * COMMIT. One round trip per migration; whatever `tail` records commits with the script or not at all.
 */
function transactionScript(exec: ExecutionPlan, o: Pick<RunOptions, 'lockTimeoutMs' | 'statementTimeoutMs'>, tail: string) {
  const prefix = ['RESET ALL', 'BEGIN', ...settings(o, true)];
  let text = prefix.map((s) => `${s};\n`).join('');
  const sentAt: number[] = [];
  for (const s of exec.statements) {
    sentAt.push(text.length);
    text += `${s.sql};\n`;
  }
  return { text: `${text}${tail}COMMIT;`, sentAt, prefix: prefix.length };
}

/** The history row of a transactional migration, its values escaped by node-postgres; the server times it. */
function historyInsert(client: Client, migration: Migration, o: RunOptions): string {
  const lit = (v: string) => client.escapeLiteral(v);
  return `INSERT INTO ${quoteTable(o.historyTable)} (migration_name, version, checksum, execution_ms, applied_by, dirty) VALUES (${lit(migration.name)}, ${lit(migration.version.text)}, ${lit(migration.checksum)}, (extract(epoch FROM clock_timestamp() - statement_timestamp()) * 1000)::int, ${lit(o.appliedBy)}, false);\n`;
}

async function runTransactional(client: Client, script: Script, exec: ExecutionPlan, o: Pick<RunOptions, 'lockTimeoutMs' | 'statementTimeoutMs'>, tail = ''): Promise<void> {
  const sent = transactionScript(exec, o, tail);
  try {
    await runScript(client, sent.text);
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    const index = (err as ScriptError).completed - sent.prefix;
    const statement = exec.statements[index];
    if (statement) throw statementError(err, script, statement, sent.sentAt[index]);
    throw err;
  }
}

async function runOneByOne(client: Client, script: Script, exec: ExecutionPlan): Promise<void> {
  for (const s of exec.statements) {
    try {
      await client.query(s.sql);
    } catch (err) {
      throw statementError(err, script, s);
    }
  }
}

/**
 * Runs a script as the runner runs a migration, without touching any history table: in one transaction, or
 * statement by statement. With `inOpenTransaction` a transactional script runs inside the caller's transaction
 * (no BEGIN/COMMIT of its own), so the caller can look at the result and roll it back. Verify uses it for
 * re-runs and down scripts.
 */
export async function executeScript(client: Client, script: Script, exec: ExecutionPlan, inOpenTransaction = false): Promise<void> {
  if (exec.mode === 'transaction' && inOpenTransaction) {
    const text = exec.statements.map((s) => `${s.sql};\n`).join('');
    try {
      await runScript(client, text);
    } catch (err) {
      const index = (err as ScriptError).completed;
      const statement = exec.statements[index];
      if (statement) throw statementError(err, script, statement, exec.statements.slice(0, index).reduce((n, s) => n + s.sql.length + 2, 0));
      throw err;
    }
    return;
  }
  const o = { lockTimeoutMs: 0, statementTimeoutMs: 0 };
  if (exec.mode === 'transaction') return runTransactional(client, script, exec, o);
  await client.query(['RESET ALL', ...settings(o, false)].join('; '));
  await runOneByOne(client, script, exec);
}

/** Who holds the locks the migration waited for, to name in the failure. */
async function blockers(client: Client, migration: Migration, exec: ExecutionPlan): Promise<string> {
  const sessions = await blockingSessions(client, [{ migration, exec }], 0).catch(() => []);
  if (!sessions.length) return '';
  return `; blocked by ${sessions
    .slice(0, 3)
    .map((s) => `pid ${s.pid} (${s.state}, ${s.mode} on ${s.relation}, transaction open ${s.transactionAgeSeconds} s): ${s.query}`)
    .join('; ')}`;
}

/**
 * Applies one migration. A transactional one runs in one transaction together with its history row, and a
 * lock timeout (55P03) is retried with backoff up to lockRetries. A non-transactional one is recorded dirty
 * before it starts and clean after it ends, so a crash in between leaves a visible mark and no run starts
 * until someone has looked.
 */
export async function runMigration(client: Client, migration: Migration, exec: ExecutionPlan, o: RunOptions, log: Logger): Promise<RunResult> {
  if (exec.mode === 'no-transaction') {
    await client.query(['RESET ALL', ...settings(o, false)].join('; '));
    const started = performance.now();
    const id = await insertRow(client, o.historyTable, { migration, appliedBy: o.appliedBy, dirty: true });
    await runOneByOne(client, migration.up, exec);
    const durationMs = Math.round(performance.now() - started);
    await markClean(client, o.historyTable, id, durationMs);
    await client.query('RESET ALL');
    return { durationMs, attempts: 1 };
  }

  const backoff = o.backoffMs ?? defaultBackoff;
  for (let attempt = 0; ; attempt++) {
    const started = performance.now();
    try {
      await runTransactional(client, migration.up, exec, o, historyInsert(client, migration, o));
      return { durationMs: Math.round(performance.now() - started), attempts: attempt + 1 };
    } catch (err) {
      const code = err instanceof MigrationError ? err.details.sqlstate : sqlstate(err);
      if (code === '55P03' && attempt < o.lockRetries) {
        const wait = backoff(attempt);
        log.warn(`${migration.name}: lock timeout after ${o.lockTimeoutMs} ms, retry ${attempt + 1} of ${o.lockRetries} in ${wait} ms`);
        await sleep(wait);
        continue;
      }
      if (err instanceof MigrationError && code === '55P03') {
        if (o.lockRetries > 0) err.message += ` (after ${attempt + 1} attempts)`;
        err.message += await blockers(client, migration, exec);
      }
      throw err;
    }
  }
}
