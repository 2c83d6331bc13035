import { loadParser } from '../../src/migrations/parse.js';
import { inRolledBack, scratchDb, type ScratchDb } from '../harness/db.js';
import { fires } from '../harness/lint.js';

let db: ScratchDb;
beforeAll(async () => {
  await loadParser();
  db = await scratchDb();
});
afterAll(async () => {
  await db.drop();
});

const flagged = (sql: string) => fires('quoted-char-type', [sql]);

/** Whether PostgreSQL creates the table (in a transaction rolled back after). */
const accepted = async (sql: string) => (await inRolledBack(db, sql)) === 'ok';

// Flagged exactly where PostgreSQL refuses the column.
test.each([
  '"char"(3)',
  'pg_catalog."char"(3)',
  '"character"(1)',
  '"character"',
  '"char"',
  'char(3)',
  'character(2)',
  '"bpchar"(2)',
  'pg_catalog.bpchar',
])('a column of type %s', async (type) => {
  const sql = `CREATE TABLE t (c ${type})`;
  expect(`${type}: flagged ${await flagged(sql)}`).toBe(`${type}: flagged ${!(await accepted(sql))}`);
});
