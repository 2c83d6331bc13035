import type { Client } from '../db/connect.js';
import { statementError } from '../db/errors.js';
import type { Statement } from '../migrations/parse.js';
import { cannotRunInTransaction, type ExecutionPlan } from '../migrations/transaction.js';
import type { Script } from '../migrations/types.js';

export interface LockTaken {
  relation: string;
  /** As SQL names it: ACCESS EXCLUSIVE, SHARE, ROW EXCLUSIVE, … */
  mode: string;
}

/** What one statement did to tables that existed before its migration. */
export interface StatementTrace {
  file: string;
  line: number;
  column: number;
  /** The statement's first line, for tables. */
  sql: string;
  locks: LockTaken[];
  /** Tables whose storage was rewritten (relfilenode changed). */
  rewrites: string[];
  durationMs: number;
  /** False for statements that cannot run in a transaction: their locks are the documented ones, not observed. */
  observed: boolean;
}

/**
 * Modes reported as findings: ACCESS EXCLUSIVE blocks every query on the table, SHARE and EXCLUSIVE block all
 * writes until the migration commits. (SHARE ROW EXCLUSIVE, taken on the referenced table by a new foreign key,
 * is shown in the locks table but not reported: it is brief unless the migration is.)
 */
export const BLOCKING = new Set(['SHARE', 'EXCLUSIVE', 'ACCESS EXCLUSIVE']);

const modeName = (m: string) => m.replace(/Lock$/, '').replace(/([a-z])([A-Z])/g, '$1 $2').toUpperCase();

/** The documented lock of statements that cannot be observed inside a transaction. */
function documentedLocks(s: Statement): LockTaken[] {
  const rel = s.node.relation;
  const name = rel ? `${rel.schemaname ?? 'public'}.${rel.relname}` : undefined;
  return name ? [{ relation: name, mode: 'SHARE UPDATE EXCLUSIVE' }] : [];
}

interface Relations {
  /** oid -> schema.name of tables, partitioned tables and materialized views that existed before. */
  names: Map<number, string>;
  files: Map<number, string>;
}

async function existingRelations(client: Client): Promise<Relations> {
  const r = await client.query(
    `SELECT c.oid::int AS oid, n.nspname || '.' || c.relname AS name, c.relfilenode::text AS file
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pmg_verify') AND n.nspname NOT LIKE 'pg_toast%'`,
  );
  return { names: new Map(r.rows.map((x) => [x.oid, x.name])), files: new Map(r.rows.map((x) => [x.oid, x.file])) };
}

async function heldLocks(client: Client, rel: Relations): Promise<Set<string>> {
  const r = await client.query(`SELECT relation::int AS oid, mode FROM pg_locks WHERE pid = pg_backend_pid() AND locktype = 'relation' AND granted`);
  return new Set(r.rows.filter((x) => rel.names.has(x.oid)).map((x) => `${x.oid}|${x.mode}`));
}

async function rewritten(client: Client, rel: Relations): Promise<string[]> {
  if (!rel.files.size) return [];
  const r = await client.query('SELECT oid::int AS oid, relfilenode::text AS file FROM pg_class WHERE oid = ANY($1::oid[])', [[...rel.files.keys()]]);
  const out: string[] = [];
  for (const row of r.rows) {
    if (rel.files.get(row.oid) !== row.file) {
      out.push(rel.names.get(row.oid)!);
      rel.files.set(row.oid, row.file);
    }
  }
  return out;
}

/**
 * Runs a migration statement by statement, recording for each the locks it took on tables that existed before
 * the migration, whether it rewrote them, and how long it took. Transactional migrations run in one transaction
 * (pg_locks shows what it holds so far); the others run each statement in its own transaction where PostgreSQL
 * allows it, and report the documented lock where it does not. A failing statement throws a MigrationError at
 * its file position.
 */
export async function traceMigration(client: Client, script: Script, exec: ExecutionPlan): Promise<StatementTrace[]> {
  const rel = await existingRelations(client);
  const traces: StatementTrace[] = [];
  const inTx = exec.mode === 'transaction';
  if (inTx) await client.query('BEGIN');
  let held = new Set<string>();
  try {
    for (const s of exec.statements) {
      if (s.kind === 'TransactionStmt') continue;
      const observable = !cannotRunInTransaction(s);
      if (!inTx && observable) {
        await client.query('BEGIN');
        held = new Set();
      }
      const started = performance.now();
      try {
        await client.query(s.sql);
      } catch (err) {
        throw statementError(err, script, s);
      }
      const durationMs = Math.round(performance.now() - started);
      let locks = documentedLocks(s);
      if (observable) {
        const now = await heldLocks(client, rel);
        locks = [...now].filter((l) => !held.has(l)).map((l) => {
          const [oid, mode] = l.split('|');
          return { relation: rel.names.get(Number(oid))!, mode: modeName(mode) };
        });
        held = now;
      }
      traces.push({ ...s.location, sql: s.sql.split('\n')[0].slice(0, 120), locks, rewrites: await rewritten(client, rel), durationMs, observed: observable });
      if (!inTx && observable) await client.query('COMMIT');
    }
    if (inTx) await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  }
  return traces;
}
