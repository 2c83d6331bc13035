import { lintFiles, type LintInput } from '../../src/lint/lint-files.js';

/** Rules that judge a statement by what earlier migrations declared, and by the PostgreSQL version targeted. */
const migration = (sql: string, inScope = true): LintInput => ({
  script: { file: inScope ? 'new.sql' : 'old.sql', sql, startLine: 1 },
  hasDown: true,
  noTransactionDirective: false,
  runByThisTool: true,
  inScope,
});
const rules = async (before: string, sql: string, postgresVersion = 18) =>
  (await lintFiles([migration(before, false), migration(sql)], { postgresVersion, disabled: new Set() }))
    .filter((f) => f.severity !== 'info')
    .map((f) => `${f.rule}@${f.line}`);

describe('SET NOT NULL', () => {
  const table = 'CREATE TABLE t (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, a text, b text NOT NULL);';
  const check = 'ALTER TABLE t ADD CONSTRAINT t_a_present CHECK (a IS NOT NULL) NOT VALID;';

  test('scans unless a validated CHECK (col IS NOT NULL) proves it, from PostgreSQL 12', async () => {
    expect(await rules(`${table}\n${check}`, 'ALTER TABLE t ALTER COLUMN a SET NOT NULL;')).toEqual([
      'setting-not-null@1',
    ]);
    const validated = `${table}\n${check}\nALTER TABLE t VALIDATE CONSTRAINT t_a_present;`;
    expect(await rules(validated, 'ALTER TABLE t ALTER COLUMN a SET NOT NULL;')).toEqual([]);
    expect(await rules(validated, 'ALTER TABLE t ALTER COLUMN a SET NOT NULL;', 11)).toEqual(['setting-not-null@1']);
  });

  test('a dropped check proves nothing; a column already NOT NULL needs no scan', async () => {
    const dropped = `${table}\n${check}\nALTER TABLE t VALIDATE CONSTRAINT t_a_present;\nALTER TABLE t DROP CONSTRAINT t_a_present;`;
    expect(await rules(dropped, 'ALTER TABLE t ALTER COLUMN a SET NOT NULL;')).toEqual(['setting-not-null@1']);
    expect(await rules(table, 'ALTER TABLE t ALTER COLUMN b SET NOT NULL;')).toEqual([]);
  });
});

describe('primary key from an existing index', () => {
  test('flagged only when the folder shows a nullable column', async () => {
    const sql = 'ALTER TABLE t ADD CONSTRAINT t_pkey PRIMARY KEY USING INDEX t_code_key;';
    const index = 'CREATE UNIQUE INDEX t_code_key ON t (code);';
    expect(await rules(`CREATE TABLE t (code text);\n${index}`, sql)).toEqual(['primary-key-on-nullable-column@1']);
    expect(await rules(`CREATE TABLE t (code text NOT NULL);\n${index}`, sql)).toEqual([]);
    // The table comes from outside the folder: its columns' nullability is unknown, so no guess.
    expect(await rules(index, sql)).toEqual([]);
  });
});

describe('foreign key indexes', () => {
  test('known only for tables the folder created; any index led by the key columns serves', async () => {
    const fk = 'ALTER TABLE child ADD CONSTRAINT child_p_fk FOREIGN KEY (p, q) REFERENCES parent (a, b) NOT VALID;';
    expect(await rules('CREATE TABLE child (id bigint PRIMARY KEY, p bigint, q bigint);', fk)).toEqual([
      'foreign-key-without-index@1',
    ]);
    expect(
      await rules(
        'CREATE TABLE child (id bigint PRIMARY KEY, p bigint, q bigint);\nCREATE INDEX child_qp ON child (q, p, id);',
        fk,
      ),
    ).toEqual([]);
    expect(
      await rules(
        'CREATE TABLE child (id bigint PRIMARY KEY, p bigint, q bigint);\nCREATE INDEX child_qp ON child (q, p) WHERE p > 0;',
        fk,
      ),
    ).toEqual(['foreign-key-without-index@1']);
    expect(await rules('SELECT 1;', fk)).toEqual([]);
  });
});

describe('versions', () => {
  test('a generated column without STORED is virtual, and rewrites nothing, from PostgreSQL 18', async () => {
    const sql = 'ALTER TABLE t ADD COLUMN d int GENERATED ALWAYS AS (a * 2);';
    expect(await rules('SELECT 1;', sql)).toEqual([]);
    expect(await rules('SELECT 1;', sql, 17)).toEqual(['adding-serial-or-generated-column@1']);
  });

  test('identity columns exist from PostgreSQL 10', async () => {
    const sql = 'CREATE TABLE t (id bigserial PRIMARY KEY);';
    expect(await rules('SELECT 1;', sql)).toEqual(['prefer-identity@1']);
    expect(await rules('SELECT 1;', sql, 9)).toEqual([]);
  });

  test('an int column referencing a bigint key cannot hold every key', async () => {
    const sql = 'CREATE TABLE c (id bigint PRIMARY KEY, p int REFERENCES p (id));\nCREATE INDEX c_p ON c (p);';
    expect(await rules('CREATE TABLE p (id bigint PRIMARY KEY);', sql)).toEqual(['prefer-bigint-identity-key@1']);
    expect(await rules('CREATE TABLE p (id int PRIMARY KEY);', sql)).toEqual([]);
  });
});

describe('identifier-too-long', () => {
  test('finds long names unquoted, quoted with spaces and doubled quotes, and in UTF-8', async () => {
    const long = (n: number) => 'n'.repeat(n);
    const found = async (sql: string) =>
      (await rules('SELECT 1;', sql)).filter((r) => r.startsWith('identifier-too-long'));
    expect(await found(`CREATE TABLE ${long(64)} (a text);`)).toEqual(['identifier-too-long@1']);
    expect(await found(`CREATE TABLE ${long(63)} (a text);`)).toEqual([]);
    expect(await found(`CREATE TABLE "${long(30)} ""x"" ${long(30)}" (a text);`)).toEqual(['identifier-too-long@1']);
    expect(await found(`CREATE TABLE "${'é'.repeat(32)}" (a text);`)).toEqual(['identifier-too-long@1']);
    expect(await found(`CREATE TABLE "${'é'.repeat(31)}" (a text);`)).toEqual([]);
  });
});
