import type { Client } from '../db/session/connect.js';
import type { HistoryTable } from '../db/history/table.js';
import { quoteTable } from '../db/session/identifiers.js';
import type { Observer } from '../db/runner/runner.js';
import { relationOf } from '../migrations/ast-node.js';
import type { Statement } from '../migrations/parse.js';
import type { LockTaken, StatementTrace } from '../model/trace.js';

/**
 * Modes reported as findings: ACCESS EXCLUSIVE blocks every query on the table, SHARE and EXCLUSIVE block all
 * writes until the migration commits. (SHARE ROW EXCLUSIVE, taken on the referenced table by a new foreign key,
 * is shown in the locks table but not reported: it is brief unless the migration is.)
 */
export const BLOCKING = new Set(['SHARE', 'EXCLUSIVE', 'ACCESS EXCLUSIVE']);

const modeName = (m: string) =>
  m
    .replace(/Lock$/, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toUpperCase();

/** The documented lock of statements that cannot be observed inside a transaction. */
function documentedLocks(s: Statement): LockTaken[] {
  const rel = relationOf(s);
  const name = rel ? `${rel.schemaname ?? 'public'}.${rel.relname}` : undefined;
  return name ? [{ relation: name, mode: 'SHARE UPDATE EXCLUSIVE' }] : [];
}

interface Relations {
  /** oid -> schema.name of tables, partitioned tables and materialized views that existed before. */
  names: Map<number, string>;
  files: Map<number, string>;
}

/** Catalog names are qualified: the queries run on the migration's session, whatever its search_path. */
async function existingRelations(client: Client, history: HistoryTable): Promise<Relations> {
  const r = await client.query(
    `SELECT c.oid::int AS oid, n.nspname || '.' || c.relname AS name, c.relfilenode::text AS file
       FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
        AND c.oid IS DISTINCT FROM pg_catalog.to_regclass($1)`,
    [quoteTable(history)],
  );
  return { names: new Map(r.rows.map((x) => [x.oid, x.name])), files: new Map(r.rows.map((x) => [x.oid, x.file])) };
}

async function heldLocks(client: Client, rel: Relations): Promise<Set<string>> {
  const r = await client.query(
    `SELECT relation::int AS oid, mode FROM pg_catalog.pg_locks WHERE pid = pg_catalog.pg_backend_pid() AND locktype = 'relation' AND granted`,
  );
  return new Set(r.rows.filter((x) => rel.names.has(x.oid)).map((x) => `${x.oid}|${x.mode}`));
}

async function rewritten(client: Client, rel: Relations): Promise<string[]> {
  if (!rel.files.size) return [];
  const r = await client.query(
    'SELECT oid::int AS oid, relfilenode::text AS file FROM pg_catalog.pg_class WHERE oid = ANY($1::pg_catalog.oid[])',
    [[...rel.files.keys()]],
  );
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
 * Watches a migration as the engine runs it: for each statement, the locks it took on tables that existed
 * before the migration, whether it rewrote them, and how long it took. Inside a transaction pg_locks shows what
 * it holds so far; statements that cannot run in a transaction get their documented lock.
 */
export class LockTracer implements Observer {
  readonly traces: StatementTrace[] = [];
  private rel: Relations = { names: new Map(), files: new Map() };
  private held = new Set<string>();

  constructor(private readonly history: HistoryTable) {}

  async start(client: Client): Promise<void> {
    this.rel = await existingRelations(client, this.history);
  }

  async statement(
    client: Client,
    s: Statement,
    o: { durationMs: number; fresh: boolean; observable: boolean },
  ): Promise<void> {
    if (o.fresh) this.held = new Set();
    let locks = documentedLocks(s);
    if (o.observable) {
      const now = await heldLocks(client, this.rel);
      locks = [...now]
        .filter((l) => !this.held.has(l))
        .map((l) => {
          const [oid, mode] = l.split('|');
          return { relation: this.rel.names.get(Number(oid))!, mode: modeName(mode) };
        });
      this.held = now;
    }
    this.traces.push({
      ...s.location,
      sql: s.sql.split('\n')[0].slice(0, 120),
      lines: s.sql.split('\n').length,
      locks,
      rewrites: await rewritten(client, this.rel),
      durationMs: o.durationMs,
      observed: o.observable,
    });
  }
}
