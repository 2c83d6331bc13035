import { MigrationError } from '../../src/foundation/errors.js';
import { parseScript } from '../../src/migrations/parse.js';
import { beginOptions } from '../../src/migrations/begin-options.js';
import { executionPlan } from '../../src/migrations/transaction-mode.js';

const script = (sql: string, startLine = 1) => ({ file: 'm.sql', sql, startLine });
const planOf = async (sql: string, directive = false) => executionPlan(await parseScript(script(sql)), directive);

async function errorOf(sql: string): Promise<MigrationError> {
  try {
    await planOf(sql);
  } catch (err) {
    if (err instanceof MigrationError) return err;
    throw err;
  }
  throw new Error('expected a MigrationError');
}

describe('parseScript', () => {
  test('locates each statement in its file, after comments and multi-byte text', async () => {
    const s = await parseScript(script("-- é header\nBEGIN;\n\n  CREATE TABLE é (id int);\nSELECT 'ü';", 5));
    expect(s.map((x) => [x.kind, x.location.line, x.location.column])).toEqual([
      ['TransactionStmt', 6, 1],
      ['CreateStmt', 8, 3],
      ['SelectStmt', 9, 1],
    ]);
    expect(s[1].sql).toBe('CREATE TABLE é (id int)');
  });

  test('a syntax error carries the file, line and column PostgreSQL points to', async () => {
    const err = await parseScript(script('select 1;\n\nselect * frm t;\n')).catch((e) => e);
    expect(err).toBeInstanceOf(MigrationError);
    expect(err.message).toBe('syntax error: syntax error at or near "frm"');
    expect(err.details.location).toEqual({ file: 'm.sql', line: 3, column: 10 });
  });

  test('comments only, or nothing, is an empty migration', async () => {
    expect(await parseScript(script('-- nothing to do\n'))).toEqual([]);
    expect(await parseScript(script(''))).toEqual([]);
  });

  test('dollar-quoted function bodies are one statement', async () => {
    const s = await parseScript(
      script('CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;\nSELECT f();'),
    );
    expect(s.map((x) => x.kind)).toEqual(['CreateFunctionStmt', 'SelectStmt']);
  });
});

describe('executionPlan', () => {
  test('transactional by default', async () => {
    const p = await planOf('CREATE TABLE a (id int); CREATE TABLE b (id int);');
    expect(p.mode).toBe('transaction');
    expect(p.statements).toHaveLength(2);
  });

  test("the file's own BEGIN … COMMIT wrapper is replaced by the runner's", async () => {
    const p = await planOf('BEGIN;\nCREATE TABLE a (id int);\nCOMMIT;\n');
    expect(p.mode).toBe('transaction');
    expect(p.statements.map((s) => s.kind)).toEqual(['CreateStmt']);
  });

  test.each([
    ['CREATE INDEX CONCURRENTLY i ON t (a);', 'CREATE INDEX CONCURRENTLY'],
    ['DROP INDEX CONCURRENTLY i;', 'DROP INDEX CONCURRENTLY'],
    ['REINDEX INDEX CONCURRENTLY i;', 'REINDEX CONCURRENTLY'],
    ['VACUUM t;', 'VACUUM'],
    ['ALTER SYSTEM SET work_mem = 1;', 'ALTER SYSTEM'],
    ['ALTER TABLE p DETACH PARTITION c CONCURRENTLY;', 'DETACH PARTITION CONCURRENTLY'],
  ])('%s runs outside a transaction', async (sql, what) => {
    const p = await planOf(`SELECT 1;\n${sql}`);
    expect(p.mode).toBe('no-transaction');
    expect(p.reason).toBe(`${what} at line 2`);
  });

  test('ANALYZE stays transactional', async () => {
    expect((await planOf('ANALYZE t;')).mode).toBe('transaction');
  });

  test('-- migrate:no-transaction', async () => {
    const p = await planOf('CREATE TABLE a (id int);', true);
    expect(p).toMatchObject({ mode: 'no-transaction', reason: '-- migrate:no-transaction' });
  });

  test('a file with several transaction blocks runs them as written', async () => {
    const p = await planOf('BEGIN; SELECT 1; COMMIT;\nBEGIN; SELECT 2; COMMIT;');
    expect(p.mode).toBe('no-transaction');
    expect(p.statements).toHaveLength(6);
  });

  test("CONCURRENTLY inside the file's own BEGIN can never run", async () => {
    const err = await errorOf('BEGIN;\nCREATE INDEX CONCURRENTLY i ON t (a);\nCOMMIT;');
    expect(err.message).toBe('CREATE INDEX CONCURRENTLY cannot run inside the transaction opened at m.sql:1:1');
    expect(err.details.location?.line).toBe(2);
  });

  test('BEGIN without COMMIT is refused', async () => {
    const err = await errorOf('SELECT 1;\nBEGIN;\nCREATE TABLE a (id int);');
    expect(err.message).toMatch(/^BEGIN without COMMIT/);
    expect(err.details.location?.line).toBe(2);
  });

  test('nested BEGIN and stray COMMIT are refused', async () => {
    expect((await errorOf('BEGIN; BEGIN; COMMIT; COMMIT;')).message).toMatch(
      /BEGIN inside a transaction already opened/,
    );
    expect((await errorOf('SELECT 1; COMMIT;')).message).toBe('COMMIT without a matching BEGIN');
  });

  test('a top-level ROLLBACK is refused', async () => {
    expect((await errorOf('BEGIN; SELECT 1; ROLLBACK;')).message).toMatch(/ROLLBACK/);
  });

  test("\\connect inside the file's own BEGIN is refused: psql would roll the transaction back", async () => {
    const err = await errorOf('BEGIN;\nCREATE TABLE a (id int);\n\\connect\nCOMMIT;');
    expect(err.message).toBe(
      '\\connect inside the transaction opened at m.sql:1:1: psql would roll that transaction back',
    );
    expect(err.details.location?.line).toBe(3);
  });

  test('\\connect outside a block stays in the plan, where the runner starts a fresh session', async () => {
    const p = await planOf('CREATE TABLE a (id int);\n\\connect\nCREATE TABLE b (id int);');
    expect(p.mode).toBe('transaction');
    expect(p.statements.map((s) => s.kind)).toEqual(['CreateStmt', 'PsqlConnect', 'CreateStmt']);
  });

  test('COMMIT AND CHAIN ends one block and opens the next', async () => {
    const p = await planOf('BEGIN;\nSELECT 1;\nCOMMIT AND CHAIN;\nSELECT 2;\nCOMMIT;');
    expect(p).toMatchObject({ mode: 'no-transaction', reason: 'the file manages its own transactions' });
    const err = await errorOf('BEGIN;\nSELECT 1;\nCOMMIT AND CHAIN;');
    expect(err.message).toMatch(/^BEGIN without COMMIT/);
    expect(err.details.location?.line).toBe(3);
  });

  test('COMMIT PREPARED is refused like a top-level ROLLBACK', async () => {
    expect((await errorOf("SELECT 1;\nCOMMIT PREPARED 'x';")).details.location?.line).toBe(2);
  });
});

describe("the file's own BEGIN keeps its modes", () => {
  test.each([
    ['BEGIN ISOLATION LEVEL SERIALIZABLE', { isolation: 'SERIALIZABLE', sql: 'BEGIN ISOLATION LEVEL SERIALIZABLE' }],
    ['BEGIN READ ONLY', { readOnly: true, sql: 'BEGIN READ ONLY' }],
    [
      'START TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY, DEFERRABLE',
      {
        isolation: 'REPEATABLE READ',
        readOnly: true,
        deferrable: true,
        sql: 'BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY, DEFERRABLE',
      },
    ],
    [
      'begin transaction read write, not deferrable, isolation level read uncommitted',
      {
        isolation: 'READ UNCOMMITTED',
        readOnly: false,
        deferrable: false,
        sql: 'BEGIN ISOLATION LEVEL READ UNCOMMITTED, READ WRITE, NOT DEFERRABLE',
      },
    ],
    [
      'BEGIN ISOLATION LEVEL SERIALIZABLE ISOLATION LEVEL READ COMMITTED',
      { isolation: 'READ COMMITTED', sql: 'BEGIN ISOLATION LEVEL READ COMMITTED' },
    ],
  ])('%s', async (begin, expected) => {
    const p = await planOf(`${begin};\nCREATE TABLE a (id int);\nCOMMIT;`);
    expect(p.mode).toBe('transaction');
    expect(p.statements.map((s) => s.kind)).toEqual(['CreateStmt']);
    expect(p.begin).toEqual(expected);
    // the BEGIN the runner sends asks for exactly the same
    const [again] = await parseScript(script(p.begin!.sql));
    expect(beginOptions(again)).toEqual(expected);
  });

  test('absent for a plain BEGIN, for a file without a wrapper, and outside transaction mode', async () => {
    expect((await planOf('BEGIN;\nSELECT 1;\nCOMMIT;')).begin).toBeUndefined();
    expect((await planOf('SELECT 1;')).begin).toBeUndefined();
    expect((await planOf('BEGIN READ ONLY;\nSELECT 1;\nCOMMIT;', true)).begin).toBeUndefined();
  });
});

describe('what would run otherwise than under psql, read before anything runs', () => {
  test.each([
    [
      'a pg_dump header (standard_conforming_strings on, UTF8, default_transaction_read_only off from pg_dumpall)',
      "SET client_encoding = 'UTF8';\nSET standard_conforming_strings = on;\nSET default_transaction_read_only = off;\nCREATE TABLE t (id int);\nINSERT INTO t VALUES (1);",
    ],
    [
      'SET TRANSACTION READ WRITE and transaction_isolation back to read committed',
      "SET TRANSACTION READ WRITE;\nSET transaction_isolation = 'read committed';\nCREATE TABLE t (id int);",
    ],
    ['a DO block whose body never commits', "DO $$ BEGIN RAISE NOTICE 'commit;'; END $$;\nSELECT 1;"],
  ])('runs in one transaction, batched: %s', async (_what, sql) => {
    const plan = await planOf(sql);
    expect(plan).toMatchObject({ mode: 'transaction' });
    expect(plan.separateFrom).toBeUndefined();
  });

  test.each([
    ['SET standard_conforming_strings = off', 'SET standard_conforming_strings = off;', 0],
    [
      "set_config('standard_conforming_strings', 'off', false) in a SELECT",
      "SELECT set_config('standard_conforming_strings', 'off', false);",
      0,
    ],
    ['backslash_quote = on, after a statement', 'SELECT 1;\nSET backslash_quote = on;', 1],
  ])('the statements after %s go one query each', async (_what, set, at) => {
    const plan = await planOf(`${set}\nCREATE TABLE t (v text);\nINSERT INTO t VALUES ('a\\nb');`);
    expect(plan.separateFrom).toBe(at);
  });

  test('a DO block that commits inside the file’s own BEGIN fails under psql too: refused, saying to drop the BEGIN', async () => {
    const err = await errorOf('BEGIN;\nCREATE TABLE t (id int);\nDO $$ BEGIN COMMIT; END $$;\nCOMMIT;');
    expect(err.message).toMatch(
      /a DO block that commits inside the file's own BEGIN: PostgreSQL refuses COMMIT or ROLLBACK in a procedure there, under psql too/,
    );
    expect(err.details).toMatchObject({
      location: { line: 3 },
      hint: expect.stringMatching(/remove the file's BEGIN and COMMIT and put `-- migrate:no-transaction`/),
    });
  });

  test('SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY followed by statements is refused; READ WRITE is not', async () => {
    expect(
      (await errorOf('SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY;\nCREATE TABLE t (id int);')).message,
    ).toMatch(/SET SESSION CHARACTERISTICS changes how each later statement's transaction starts/);
    expect(
      await planOf('SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE;\nCREATE TABLE t (id int);'),
    ).toMatchObject({ mode: 'transaction' });
  });
});
