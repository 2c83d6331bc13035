import { lintFiles, type LintInput } from '../../src/lint/lint-files.js';

const input = (sql: string, over: Partial<LintInput> = {}): LintInput => ({
  script: { file: 'm.sql', sql, startLine: 1 },
  hasDown: true,
  noTransactionDirective: false,
  runByThisTool: true,
  inScope: true,
  ...over,
});
const lines = (...l: string[]) => l.map((x) => `${x}\n`).join('');
const lintSql = (sql: string, over: Partial<LintInput> = {}) =>
  lintFiles([input(sql, over)], { postgresVersion: 18, disabled: new Set() });
const rules = async (sql: string, over: Partial<LintInput> = {}) =>
  (await lintSql(sql, over)).map((f) => `${f.rule}@${f.line}:${f.column}`);

const longWord = 'x'.repeat(70);

describe('pg_dump plain-format files', () => {
  test('are linted as the SQL they hold: rows, \\restrict keys and \\connect lines are not SQL', async () => {
    const dump = lines(
      `\\restrict ${longWord}`,
      'CREATE TABLE app.people (id bigint PRIMARY KEY, name text);',
      'COPY app.people (id, name) FROM stdin;',
      `1\tO'Brien ${longWord}`,
      "2\t-- pg-migration-gate:ignore drop-table ' ; DROP TABLE app.people;",
      '\\.',
      `\\unrestrict ${longWord}`,
      '\\connect',
      'ALTER TABLE app.people ADD COLUMN zoë varchar(20);',
    );
    expect(await rules(dump)).toEqual(['prefer-text-over-varchar@9:35']);
  });

  test('suppression comments and long names after a block are found where they are', async () => {
    const sql = lines(
      'COPY t FROM stdin;',
      'é\tü',
      '\\.',
      'DROP TABLE a; -- pg-migration-gate:ignore drop-table',
      `CREATE TABLE ${'y'.repeat(64)} (id bigint);`,
    );
    expect(await rules(sql)).toEqual(['identifier-too-long@5:14']);
  });

  test('a refused meta-command is a syntax-error finding that says what to do', async () => {
    const [f] = await lintSql(lines('SELECT 1;', '\\i other.sql'));
    expect(f).toMatchObject({ rule: 'syntax-error', line: 2, column: 1 });
    expect(f.message).toMatch(
      /psql meta-command \\i is not run by pg-migration-gate: inline the included file or make it a migration of its own\.$/,
    );
  });

  test('a parser error still quotes PostgreSQL', async () => {
    const [f] = await lintSql('SELECT * FRM t;');
    expect(f.message).toMatch(/PostgreSQL says: syntax error at or near "FRM"\.$/);
  });

  test('\\connect inside BEGIN … COMMIT is transaction nesting, and so is the COMMIT it leaves behind', async () => {
    const f = await lintSql(lines('BEGIN;', 'CREATE TABLE a (id bigint);', '\\connect', 'COMMIT;'));
    expect(
      f.filter((x) => x.rule === 'transaction-nesting').map((x) => [x.line, x.message.replace(/^.*\.\s/, '')]),
    ).toEqual([
      [3, '\\connect ends the session, and psql rolls back the transaction opened at line 1.'],
      [4, 'COMMIT without a BEGIN commits nothing here and hides a missing BEGIN.'],
    ]);
  });

  test('lock_timeout set before \\connect does not guard what runs after it', async () => {
    const sql = lines(
      "SET lock_timeout = '5s';",
      'ALTER TABLE a ADD COLUMN n bigint;',
      '\\connect',
      'ALTER TABLE b ADD COLUMN n bigint;',
    );
    expect((await rules(sql, { runByThisTool: false })).filter((r) => r.startsWith('require-lock-timeout'))).toEqual([
      'require-lock-timeout@4:1',
    ]);
  });
});
