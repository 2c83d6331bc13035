import { loadParser, parseScript } from '../../src/migrations/parse.js';
import { cannotRunInTransaction } from '../../src/migrations/transaction.js';
import { optionOn } from '../../src/migrations/options.js';
import { scratchDb, type ScratchDb } from '../harness/db.js';

let db: ScratchDb;
beforeAll(async () => {
  await loadParser();
  db = await scratchDb();
  await db.query('CREATE TABLE t (a int); CREATE INDEX i ON t (a);');
});
afterAll(async () => {
  await db.drop();
});

/** Whether PostgreSQL refuses the statement inside a transaction block (25001), as it does every CONCURRENTLY form. */
async function refusedInBlock(sql: string): Promise<boolean> {
  try {
    // One query, so one connection: each query of a ScratchDb has a connection of its own.
    await db.query(`BEGIN; ${sql}; ROLLBACK`);
    return false;
  } catch (err) {
    if ((err as { code: string }).code === '25001') return true;
    throw err;
  }
}

// The option list is read as PostgreSQL reads it: a bare name or true/on/1 turns it on, false/off/0 turns it off.
test.each(['(CONCURRENTLY)', '(CONCURRENTLY true)', '(CONCURRENTLY on)', '(CONCURRENTLY 1)', '(CONCURRENTLY false)', '(CONCURRENTLY OFF)', '(CONCURRENTLY 0)', '(VERBOSE false, CONCURRENTLY)'])(
  'REINDEX %s INDEX i runs outside a transaction exactly when PostgreSQL requires it',
  async (options) => {
    const sql = `REINDEX ${options} INDEX i`;
    const [statement] = await parseScript({ file: 'm.sql', sql, startLine: 1 });
    expect(`${sql}: ${cannotRunInTransaction(statement) === 'REINDEX CONCURRENTLY'}`).toBe(`${sql}: ${await refusedInBlock(sql)}`);
  },
);

test.each([
  ['VACUUM (FULL) t', true],
  ['VACUUM (FULL false) t', false],
  ['VACUUM (ANALYZE, FULL 0) t', false],
  ['VACUUM t', false],
])('%s is a VACUUM FULL: %s', async (sql, full) => {
  const [statement] = await parseScript({ file: 'm.sql', sql, startLine: 1 });
  expect(optionOn(statement.node.options, 'full')).toBe(full);
});
