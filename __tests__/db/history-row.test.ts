import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import {
  ensureHistoryTable,
  locateHistoryTable,
  readHistory,
  recordApplied,
  recordInTransaction,
  type HistoryTable,
} from '../../src/db/history/table.js';
import { discover } from '../../src/migrations/discover.js';
import type { Migration } from '../../src/model/migration.js';
import { scratchDb, type ScratchDb } from '../harness/db.js';
import { TOOL_TABLES } from '../harness/tool-tables.js';

/**
 * Each layout writes a migration's history row with one statement, rendered two ways: with its values as literals
 * and the server's clock as the last part of the migration's own transaction, and with bound parameters and a
 * measured run time after a migration that ran outside one. Both must write the same row, whatever the values hold.
 */

/** Each tool's table as the tool creates it (TOOL_TABLES); no ddl: this tool's own, created by ensureHistoryTable. */
type Row = Record<string, unknown>;

/**
 * `clock`: columns of times and generated ids, which differ between two writes; `runTime`: the migration's run time
 * in milliseconds as the row records it; `by`: the column naming who applied it; `seed`: a row there before.
 */
const TABLES: Record<
  string,
  { table: string; ddl?: string; clock: string[]; runTime?: (row: Row) => number; by?: string; seed?: string }
> = {
  'pg-migration-gate': {
    table: 'schema_migrations',
    runTime: (row) => Number(row.execution_ms),
    clock: ['id', 'applied_at', 'execution_ms'],
    by: 'applied_by',
  },
  dbmate: {
    ...TOOL_TABLES.dbmate,
    clock: [],
  },
  'golang-migrate': {
    ...TOOL_TABLES['golang-migrate'],
    clock: [],
    // Its one row replaced, even when it is this very version, left dirty.
    seed: 'INSERT INTO schema_migrations VALUES (20240119143000, true)',
  },
  goose: {
    ...TOOL_TABLES.goose,
    clock: ['id', 'tstamp'],
  },
  flyway: {
    ...TOOL_TABLES.flyway,
    runTime: (row) => Number(row.execution_time),
    clock: ['installed_on', 'execution_time'],
    by: 'installed_by',
  },
  sqlx: {
    ...TOOL_TABLES.sqlx,
    runTime: (row) => Number(row.execution_time) / 1_000_000,
    clock: ['installed_on', 'execution_time'],
  },
  diesel: {
    ...TOOL_TABLES.diesel,
    clock: ['run_on'],
  },
  prisma: {
    ...TOOL_TABLES.prisma,
    clock: ['id', 'finished_at', 'started_at'],
    runTime: (row) => (row.finished_at as Date).getTime() - (row.started_at as Date).getTime(),
  },
  'node-pg-migrate': {
    ...TOOL_TABLES['node-pg-migrate'],
    clock: ['id', 'run_on'],
  },
  postgrator: {
    ...TOOL_TABLES.postgrator,
    clock: ['run_at'],
  },
};

/** A name and an applier that a naive rendering would break: a quote, a backslash, `$1` and `$$` in each. */
const APPLIED_BY = "o'hare \\ $1 $$ ci";
let migration: Migration;
beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'pmg-history-row-'));
  writeFileSync(join(dir, "20240119143000_it's_\\_$1_$$.sql"), 'SELECT 1;\n');
  [migration] = discover(dir).migrations;
});

let db: ScratchDb;
let client: pg.Client;
beforeEach(async () => {
  db = await scratchDb();
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
});
afterEach(async () => {
  await client.end();
  await db.drop();
});

async function freshTable(id: string): Promise<HistoryTable> {
  const { table, ddl, seed } = TABLES[id];
  await client.query(`DROP TABLE IF EXISTS ${table}`);
  if (ddl) await client.query(ddl);
  if (seed) await client.query(seed);
  const located = await locateHistoryTable(client, { table });
  await ensureHistoryTable(client, located);
  expect(located.layout.id).toBe(id);
  return located;
}

const rowsOf = async (t: HistoryTable) => (await client.query(`SELECT * FROM ${t.schema}.${t.table}`)).rows;

describe.each(Object.keys(TABLES))('%s: one statement, the same row inside and outside a transaction', (id) => {
  test('the row written in the migration’s transaction is the row written after it, but for the clock', async () => {
    const inside = await freshTable(id);
    await client.query('BEGIN');
    for (const sql of recordInTransaction(client, inside, migration, APPLIED_BY, [])) await client.query(sql);
    await client.query('COMMIT');
    const written = await rowsOf(inside);
    const read = await readHistory(client, inside, [migration]);

    const outside = await freshTable(id);
    await recordApplied(client, outside, migration, APPLIED_BY, 1234);
    const bound = await rowsOf(outside);

    expect(written).toHaveLength(1);
    expect(bound).toHaveLength(1);
    const { clock, runTime, by } = TABLES[id];
    const withoutClock = (row: Row) => Object.fromEntries(Object.entries(row).filter(([k]) => !clock.includes(k)));
    expect(withoutClock(written[0])).toEqual(withoutClock(bound[0]));
    if (runTime) {
      expect(runTime(bound[0])).toBe(1234);
      expect(runTime(written[0])).toBeGreaterThanOrEqual(0);
      expect(runTime(written[0])).toBeLessThan(1234);
    }

    // Read back, the two name the same migration with the same checksum, and the quoted values came through whole.
    const again = await readHistory(client, outside, [migration]);
    expect(again?.map((r) => [r.name, r.version?.text, r.checksum])).toEqual(
      read?.map((r) => [r.name, r.version?.text, r.checksum]),
    );
    expect(again?.[0].name).toBe(migration.name);
    if (by) expect(bound[0][by]).toBe(APPLIED_BY);
  });
});
