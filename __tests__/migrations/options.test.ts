import { loadParser, parseScript } from '../../src/migrations/parse.js';
import { cannotRunInTransaction } from '../../src/migrations/transaction-mode.js';
import { optionOn } from '../../src/migrations/options.js';
import { inRolledBack, scratchDb, type ScratchDb } from '../harness/db.js';

let db: ScratchDb;
beforeAll(async () => {
  await loadParser();
  db = await scratchDb();
  await db.query(
    'CREATE SCHEMA s; CREATE TABLE s.t (a int); CREATE INDEX i ON s.t (a); INSERT INTO s.t SELECT generate_series(1, 10)',
  );
});
afterAll(async () => {
  await db.drop();
});

const parsed = async (sql: string) => (await parseScript({ file: 'm.sql', sql, startLine: 1 }))[0];

/** Whether PostgreSQL refuses the statement inside a transaction block (25001), as it does every CONCURRENTLY form. */
async function refusedInBlock(sql: string): Promise<boolean> {
  const outcome = await inRolledBack(db, sql);
  if (outcome !== 'ok' && outcome !== '25001') throw new Error(`${sql}: PostgreSQL refused it (${outcome})`);
  return outcome === '25001';
}

// The option list is read as PostgreSQL reads it: a bare name or true/on/1 turns it on, false/off/0 turns it off,
// and of an option given twice the last counts.
test.each([
  'REINDEX (CONCURRENTLY) INDEX s.i',
  'REINDEX (CONCURRENTLY true) INDEX s.i',
  'REINDEX (CONCURRENTLY on) INDEX s.i',
  'REINDEX (CONCURRENTLY 1) INDEX s.i',
  'REINDEX (CONCURRENTLY false) INDEX s.i',
  'REINDEX (CONCURRENTLY OFF) INDEX s.i',
  'REINDEX (CONCURRENTLY 0) INDEX s.i',
  'REINDEX (VERBOSE false, CONCURRENTLY) INDEX s.i',
  'REINDEX (CONCURRENTLY, CONCURRENTLY false) INDEX s.i',
  'REINDEX (CONCURRENTLY false, CONCURRENTLY) INDEX s.i',
  'REINDEX SCHEMA s',
  'REINDEX (CONCURRENTLY false) SCHEMA s',
  'REINDEX TABLE s.t',
])('%s runs outside a transaction exactly when PostgreSQL requires it', async (sql) => {
  expect(`${sql}: ${cannotRunInTransaction(await parsed(sql)) !== undefined}`).toBe(
    `${sql}: ${await refusedInBlock(sql)}`,
  );
});

/** Whether the statement rewrote s.t (a VACUUM FULL gives the table a new file). */
async function rewrites(sql: string): Promise<boolean> {
  const file = async () =>
    (await db.query(`SELECT relfilenode FROM pg_class WHERE oid = 's.t'::regclass`)).rows[0].relfilenode;
  const before = await file();
  await db.query(sql);
  return (await file()) !== before;
}

test.each([
  'VACUUM (FULL) s.t',
  'VACUUM (FULL false) s.t',
  'VACUUM (ANALYZE, FULL 0) s.t',
  'VACUUM (FULL, FULL false) s.t',
  'VACUUM (FULL false, FULL) s.t',
  'VACUUM s.t',
])('%s is read as a VACUUM FULL exactly when PostgreSQL rewrites the table', async (sql) => {
  const s = await parsed(sql);
  expect(`${sql}: ${s.kind === 'VacuumStmt' && optionOn(s.node.options, 'full')}`).toBe(
    `${sql}: ${await rewrites(sql)}`,
  );
});
