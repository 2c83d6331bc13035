import { lintFiles, NEWEST_POSTGRES } from '../../src/lint/lint-files.js';
import { loadParser } from '../../src/migrations/parse.js';
import { scratchDb, type ScratchDb } from '../harness/db.js';

let db: ScratchDb;
beforeAll(async () => {
  await loadParser();
  db = await scratchDb();
});
afterAll(async () => {
  await db.drop();
});

const flagged = async (sql: string) =>
  (
    await lintFiles(
      [
        {
          script: { file: 'm.sql', sql, startLine: 1 },
          hasDown: true,
          noTransactionDirective: false,
          runByThisTool: true,
          inScope: true,
        },
      ],
      { postgresVersion: NEWEST_POSTGRES, disabled: new Set() },
    )
  ).some((f) => f.rule === 'quoted-char-type');

/** Whether PostgreSQL creates the table (in a transaction rolled back after). */
async function accepted(sql: string): Promise<boolean> {
  try {
    await db.query(`BEGIN; ${sql}; ROLLBACK`);
    return true;
  } catch {
    return false;
  }
}

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
