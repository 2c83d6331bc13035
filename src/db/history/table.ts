import { randomBytes } from 'node:crypto';
import type { TableName } from '../../config/history-table.js';
import { MigrationError, StateError } from '../../foundation/errors.js';
import type { HistoryRow } from '../../model/history.js';
import type { Migration } from '../../model/migration.js';
import type { Client } from '../session/connect.js';
import { createOrAdopt, readOwnRows } from './layouts/own.js';
import { detectLayout, ownLayout, KNOWN_LAYOUTS, type HistoryLayout } from './layouts/known-layouts.js';
import { ELAPSED_MS } from './layouts/layout.js';
import { quoteIdent, quoteTable, tableText } from '../session/identifiers.js';

/**
 * The history table, the only module that writes its rows. Every statement names it schema-qualified, resolved
 * once per run on a session of our own: nothing a migration does to its session (search_path, a temp table of
 * the same name, SET ROLE) can move or refuse a history row. The table may be another tool's (dbmate, Flyway,
 * Prisma, …): its layout is recognised from its columns and its rows are written in that tool's format.
 */

/** The history table with its schema resolved, and the layout its rows follow (this tool's when it is new). */
export interface HistoryTable {
  schema: string;
  table: string;
  layout: HistoryLayout;
}

/**
 * Where the configured table is, or would be created, and its layout: a schema-qualified name is taken as it is;
 * an unqualified one is looked up on the session's search_path, as psql would, and is otherwise created in
 * current_schema(). A table whose columns match no known layout is refused, untouched. The client must be a
 * session of ours, not one a migration ran on.
 */
export async function locateHistoryTable(client: Client, configured: TableName): Promise<HistoryTable> {
  let schema = configured.schema;
  if (!schema) {
    const r = await client.query(
      `SELECT (SELECT n.nspname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                WHERE c.oid = pg_catalog.to_regclass($1)) AS found, pg_catalog.current_schema() AS current`,
      [quoteIdent(configured.table)],
    );
    schema = (r.rows[0].found ?? r.rows[0].current) as string | undefined;
    if (!schema) {
      throw new StateError([
        `history table ${configured.table}: the database user's search_path names no schema that exists, so there is nowhere to create it; schema-qualify history-table (e.g. public.${configured.table}) or fix search_path`,
      ]);
    }
  }
  const place = { schema, table: configured.table };
  const cols = await columnsOf(client, place);
  return { ...place, layout: cols ? layoutOf(place, cols) : ownLayout };
}

async function columnsOf(client: Client, table: TableName): Promise<Set<string> | undefined> {
  const r = await client.query(
    `SELECT c.oid IS NOT NULL AS exists, coalesce(array_agg(a.attname::text) FILTER (WHERE a.attname IS NOT NULL), '{}') AS cols
       FROM (SELECT pg_catalog.to_regclass($1) AS oid) c
       LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
      GROUP BY c.oid`,
    [quoteTable(table)],
  );
  return r.rows[0].exists ? new Set(r.rows[0].cols as string[]) : undefined;
}

function layoutOf(table: TableName, cols: Set<string>): HistoryLayout {
  const layout = detectLayout(cols);
  if (layout) return layout;
  throw new StateError([
    `history table ${tableText(table)} exists but its columns (${[...cols].join(', ') || 'none'}) match no history layout this tool knows, so it was left untouched. Known: ${KNOWN_LAYOUTS}; or id, migration_name, applied_at (adopted). Point history-table at your migration tool's table, or at a new one, e.g. ${table.schema ?? 'public'}.gate_migrations`,
  ]);
}

/**
 * Creates the history table (this tool's layout), or adopts the three-column one in place: the columns this tool
 * needs are added, rows are kept, and versions are recovered from `migration_name`. Another tool's table is used
 * as it is. Runs inside the caller's transaction.
 */
export async function ensureHistoryTable(
  client: Client,
  table: HistoryTable,
): Promise<'created' | 'adopted' | 'ready'> {
  const cols = await columnsOf(client, table);
  if (cols && layoutOf(table, cols) !== ownLayout) return 'ready';
  // Only when missing: CREATE SCHEMA IF NOT EXISTS still asks for CREATE on the database.
  if (!cols) {
    const schema = await client.query('SELECT pg_catalog.to_regnamespace($1) IS NOT NULL AS e', [
      quoteIdent(table.schema),
    ]);
    if (!schema.rows[0].e) await client.query(`CREATE SCHEMA ${quoteIdent(table.schema)}`);
  }
  return createOrAdopt(client, quoteTable(table), cols);
}

/**
 * Reads the history, whatever its layout (read-only: plan uses it before any adoption). `migrations`, those on
 * disk, name the rows of tools that record only a version. Returns undefined when the table does not exist.
 */
export async function readHistory(
  client: Client,
  table: HistoryTable,
  migrations: readonly Migration[] = [],
): Promise<HistoryRow[] | undefined> {
  const cols = await columnsOf(client, table);
  if (!cols) return undefined;
  const layout = layoutOf(table, cols);
  const q = quoteTable(table);
  return layout === ownLayout ? readOwnRows(client, q, cols) : layout.read(client, q, migrations);
}

/**
 * The statements that record a transactional migration as the last part of its own transaction, so the row
 * commits with it or not at all. They run on the migration's session after its statements: the role, the
 * search_path and our timeouts are put back first (SET LOCAL, for this transaction only), so whatever the
 * migration did to its session, the row is written by the user that connected, into this table, in the session's
 * time zone. Values are escaped by node-postgres.
 */
export function recordInTransaction(
  client: Client,
  table: HistoryTable,
  migration: Migration,
  appliedBy: string,
  timeouts: string[],
): string[] {
  const lit = (v: string) => client.escapeLiteral(v);
  return [
    'SET LOCAL SESSION AUTHORIZATION DEFAULT',
    'SET LOCAL search_path = pg_catalog, pg_temp',
    // A time written into a column without a time zone (node-pg-migrate's run_on) is the session's, not the one a
    // SET TIME ZONE of the migration chose: the tool that reads it orders by it.
    'SET LOCAL TimeZone TO DEFAULT',
    ...timeouts,
    checkedInsert(
      table.layout.recordRow(quoteTable(table), migration, appliedBy, {
        value: (v) => literal(v, lit),
        ms: ELAPSED_MS,
      }),
      table,
      migration,
      lit,
    ),
  ];
}

/** A value written into SQL: a string escaped by node-postgres, a number as itself. */
function literal(v: string | number, lit: (v: string) => string): string {
  if (typeof v === 'string') return lit(v);
  if (Number.isSafeInteger(v)) return String(v);
  throw new Error(`a history value must be text or an integer, not ${v}`);
}

const SWALLOWED_HINT =
  'A trigger (BEFORE INSERT … RETURN NULL) or a rule (DO INSTEAD) on the history table changes what is written: drop it, or point history-table at a table of its own.';

/**
 * An insert of a history row that fails its migration unless it wrote exactly one row: a trigger returning NULL or
 * a rule on the table would otherwise swallow the row, and the next run would apply the migration again.
 */
function checkedInsert(sql: string, table: HistoryTable, migration: Migration, lit: (v: string) => string): string {
  const tag = `pmg_${randomBytes(6).toString('hex')}`;
  return `DO $${tag}$ DECLARE n bigint; BEGIN
  ${sql};
  GET DIAGNOSTICS n = ROW_COUNT;
  IF n <> 1 THEN RAISE EXCEPTION USING MESSAGE = pg_catalog.format('the history table %s kept %s rows of the one recorded for %s', ${lit(tableText(table))}, n, ${lit(migration.name)}), HINT = ${lit(SWALLOWED_HINT)}; END IF;
END $${tag}$`;
}

/**
 * Run first and last in a migration's transaction (last after its history row): the rows inserted, updated and
 * deleted per table so far, subtransactions included (savepoints, PL/pgSQL EXCEPTION blocks, rolled back or not),
 * as the cumulative statistics will count them once it commits. The counts include the session's earlier
 * transactions whose counts it has not sent to the statistics yet: the transaction's own are the difference.
 * Temporary tables are left out. Keyed as tableWriteCounts keys them, so that on-failure: restore can tell this
 * run's writes from others'.
 */
export const OWN_WRITES_SQL = `SELECT pg_catalog.format('%I.%I', schemaname, relname) AS t, (n_tup_ins + n_tup_upd + n_tup_del)::int8::text AS n
  FROM pg_catalog.pg_stat_xact_user_tables WHERE n_tup_ins + n_tup_upd + n_tup_del > 0 AND schemaname NOT LIKE 'pg\\_temp%'`;

/** What the plan compares a migration's recorded checksum with: null when the table keeps none. */
export function checksumsOf(table: HistoryTable): ((m: Migration) => string[]) | null {
  return table.layout.checksumsOf ?? null;
}

/**
 * Before a migration that runs outside a transaction: marks it started (dirty) on our own session, so a crash in
 * between leaves a visible mark. Undefined when the table's layout has no place for one.
 */
export function markStarted(
  client: Client,
  table: HistoryTable,
  migration: Migration,
  appliedBy: string,
): Promise<HistoryRow['id'] | undefined> {
  return table.layout.markStarted(oneRowEach(client, table, migration), quoteTable(table), migration, appliedBy);
}

/** Clears a mark: the migration finished (or, resolved by hand, counts as finished). */
export function markFinished(
  client: Client,
  table: HistoryTable,
  mark: HistoryRow['id'],
  executionMs: number,
  migration?: Migration,
): Promise<void> {
  return table.layout.finish(oneRowEach(client, table, migration), quoteTable(table), mark, executionMs);
}

/** Records a migration as applied outside its transaction: one without a mark, a READ ONLY one, a baseline. */
export async function recordApplied(
  client: Client,
  table: HistoryTable,
  migration: Migration,
  appliedBy: string,
  executionMs = 0,
): Promise<void> {
  const values: (string | number)[] = [];
  const sql = table.layout.recordRow(quoteTable(table), migration, appliedBy, {
    value: (v) => `$${values.push(v)}`,
    ms: String(Math.round(executionMs)),
  });
  await oneRowEach(client, table, migration).query(sql, values);
}

/**
 * The client as a history write outside a migration's transaction sees it: each INSERT or UPDATE must touch
 * exactly one row, as checkedInsert demands inside one, or the write fails naming the table.
 */
function oneRowEach(client: Client, table: HistoryTable, migration: Migration | undefined): Client {
  const query = async (text: string, values?: unknown[]) => {
    const r = await client.query(text, values);
    if ((r.command === 'INSERT' || r.command === 'UPDATE') && r.rowCount !== 1) {
      const what = migration ? ` for ${migration.name}` : '';
      throw new MigrationError(
        `the history table ${tableText(table)} ${r.command === 'INSERT' ? 'kept' : 'changed'} ${r.rowCount ?? 0} rows of the one written${what}`,
        {
          location: migration && { file: migration.up.file, line: migration.up.startLine, column: 1 },
          hint: SWALLOWED_HINT,
        },
      );
    }
    return r;
  };
  return { query } as unknown as Client;
}

/** A dirty row resolved as undone: the history goes back to before its migration started. */
export function forgetRow(
  client: Client,
  table: HistoryTable,
  row: HistoryRow,
  rows: readonly HistoryRow[],
): Promise<void> {
  return table.layout.forget(client, quoteTable(table), row, rows);
}

/** Records the file's checksum for a row: for rows adopted without one, and for edits accepted explicitly. */
export async function setChecksum(
  client: Client,
  table: HistoryTable,
  row: HistoryRow,
  migration: Migration,
): Promise<void> {
  await table.layout.setChecksum?.(client, quoteTable(table), row, migration);
}
