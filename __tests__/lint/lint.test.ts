import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lint } from '../../src/commands/lint.js';
import type { RawConfig } from '../../src/config/inputs-spec.js';
import { withClient } from '../../src/db/session/connect.js';
import { serverMajor } from '../../src/db/session/server-version.js';
import { lintFiles, type LintInput } from '../../src/lint/lint-files.js';
import { silentLogger } from '../../src/foundation/logger.js';
import { testConfig } from '../harness/config.js';
import { scratchDb } from '../harness/db.js';
import { example, fixture, makeFolder } from '../harness/folders.js';

const input = (sql: string, over: Partial<LintInput> = {}): LintInput => ({
  script: { file: 'm.sql', sql, startLine: 1 },
  hasDown: true,
  noTransactionDirective: false,
  runByThisTool: true,
  inScope: true,
  ...over,
});
const lintSql = (sql: string, disabled: string[] = []) =>
  lintFiles([input(sql)], { postgresVersion: 18, disabled: new Set(disabled) });
const rules = async (sql: string, disabled: string[] = []) =>
  (await lintSql(sql, disabled)).map((f) => `${f.rule}@${f.line}`);
const lintDir = (dir: string, raw: RawConfig = {}, files?: string[]) =>
  lint(testConfig({ command: 'lint', 'migrations-dir': dir, ...raw }), { log: silentLogger, files });

describe('suppression comments', () => {
  test('on the statement, or on the line before it', async () => {
    expect(await rules('DROP TABLE a; -- pg-migration-gate:ignore drop-table\n')).toEqual([]);
    expect(await rules('-- pg-migration-gate:ignore drop-table\nDROP TABLE a;\n')).toEqual([]);
    expect(await rules('-- pg-migration-gate:ignore drop-table\n\nDROP TABLE a;\n')).toEqual([
      'unused-suppression@1',
      'drop-table@3',
    ]);
  });

  test('silence only the statement they sit on', async () => {
    expect(await rules('-- pg-migration-gate:ignore drop-table\nDROP TABLE a;\nDROP TABLE b;\n')).toEqual([
      'drop-table@3',
    ]);
  });

  test('several rules in one comment; the file-level form covers every statement', async () => {
    expect(await rules('DROP TABLE a; TRUNCATE b; -- pg-migration-gate:ignore drop-table, truncate-table\n')).toEqual(
      [],
    );
    expect(
      await rules('-- pg-migration-gate:ignore-file drop-table\nDROP TABLE a;\nSELECT 1;\nDROP TABLE b;\n'),
    ).toEqual([]);
  });

  test('a suppression that silences nothing, or names no rule, is reported', async () => {
    const f = await lintSql('-- pg-migration-gate:ignore drop-tabel\nDROP TABLE a;\n');
    expect(f.map((x) => x.rule)).toEqual(['unused-suppression', 'drop-table']);
    expect(f[0].message).toMatch(/'drop-tabel' is not a rule\./);
  });

  test('text inside strings and function bodies is not a comment', async () => {
    const sql = "SELECT '-- pg-migration-gate:ignore drop-table';\nDROP TABLE a;\n";
    expect(await rules(sql)).toEqual(['drop-table@2']);
  });
});

describe('options', () => {
  test('disable-rules turns rules off', async () => {
    expect(await rules('DROP TABLE a;', ['drop-table'])).toEqual([]);
  });

  test('version-dependent rules follow postgres-version', async () => {
    const sql = 'ALTER TABLE users ADD COLUMN n int DEFAULT 0;';
    const at = (v: number) => lintFiles([input(sql)], { postgresVersion: v, disabled: new Set() });
    expect((await at(10)).map((f) => f.rule)).toEqual(['adding-volatile-default']);
    expect(await at(11)).toEqual([]);
  });

  test("without postgres-version, the server's major decides: CONCURRENTLY is advised where the server has it (14+)", async () => {
    const db = await scratchDb();
    try {
      await db.query(
        "CREATE TABLE m (at date) PARTITION BY RANGE (at); CREATE TABLE m_2020 PARTITION OF m FOR VALUES FROM ('2020-01-01') TO ('2021-01-01')",
      );
      const serverHasIt = await db.query('ALTER TABLE m DETACH PARTITION m_2020 CONCURRENTLY').then(
        () => true,
        () => false,
      );
      expect(serverHasIt).toBe((await withClient(db.url, serverMajor)) >= 14);
      const dir = makeFolder({ '001_detach.sql': 'ALTER TABLE m DETACH PARTITION m_2020;' });
      const r = await lint(testConfig({ command: 'lint', 'migrations-dir': dir }), {
        log: silentLogger,
        databaseUrl: db.url,
      });
      expect(r.findings.filter((f) => f.rule === 'detach-partition-without-concurrently')).toHaveLength(
        serverHasIt ? 1 : 0,
      );
    } finally {
      await db.drop();
    }
  });

  test('fail-on decides which severity fails the run', async () => {
    const dir = makeFolder({ '001_a.sql': 'CREATE TABLE a (id bigint PRIMARY KEY, at timestamp);' });
    expect((await lintDir(dir)).ok).toBe(true);
    expect((await lintDir(dir, { 'fail-on': 'warning' })).ok).toBe(false);
    const broken = makeFolder({ '001_a.sql': 'DROP TABLE a;' });
    expect((await lintDir(broken)).ok).toBe(false);
    expect((await lintDir(broken, { 'fail-on': 'never' })).ok).toBe(true);
  });
});

describe('context: how the runner executes the file', () => {
  test('an index on a table created earlier in the same migration is fine', async () => {
    expect(await rules('CREATE TABLE t (id bigint PRIMARY KEY, a text);\nCREATE INDEX t_a ON t (a);')).toEqual([]);
    expect(await rules('CREATE INDEX t_a ON t (a);')).toEqual(['require-concurrent-index-creation@1']);
  });

  test('a type change is judged against the type the folder declared', async () => {
    const before = input('CREATE TABLE t (id bigint PRIMARY KEY, name varchar(20), n int);', { inScope: false });
    const run = (sql: string) => lintFiles([before, input(sql)], { postgresVersion: 18, disabled: new Set() });
    expect(await run('ALTER TABLE t ALTER COLUMN name TYPE varchar(40);')).toEqual([]);
    expect((await run('ALTER TABLE t ALTER COLUMN name TYPE varchar(10);')).map((f) => f.rule)).toEqual([
      'changing-column-type',
    ]);
    expect((await run('ALTER TABLE t ALTER COLUMN n TYPE bigint;'))[0].message).toMatch(/int4 to int8/);
  });

  test('require-lock-timeout only for files run by something else', async () => {
    const sql = 'ALTER TABLE users ADD COLUMN nickname text;';
    const byPath = await lintFiles([input(sql, { runByThisTool: false })], {
      postgresVersion: 18,
      disabled: new Set(),
    });
    expect(byPath.map((f) => f.rule)).toContain('require-lock-timeout');
    expect(await rules(sql)).toEqual([]);
  });
});

describe('real-world folders', () => {
  test.each([
    ['examples/timestamped', example('timestamped')],
    ['examples/numbered', example('numbered')],
    ['up-down-pairs', fixture('up-down-pairs')],
    ['folder-per-migration', fixture('folder-per-migration')],
    ['flyway', fixture('flyway')],
    ['dbmate', fixture('dbmate')],
  ])('%s lints without crashing and without errors on plainly safe statements', async (_name, dir) => {
    const r = await lintDir(dir);
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(r.ok).toBe(true);
  });

  test('known-dangerous statements are each flagged with the right rule', async () => {
    const dir = makeFolder({
      '001_schema.sql': 'CREATE TABLE users (id bigint PRIMARY KEY, email text, legacy text);',
      '002_danger.sql': [
        'CREATE INDEX users_email ON users (email);',
        'ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid();',
        'ALTER TABLE users ALTER COLUMN email SET NOT NULL;',
        'ALTER TABLE users DROP COLUMN legacy;',
        'ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);',
        'UPDATE users SET email = lower(email);',
      ].join('\n'),
    });
    const r = await lintDir(dir);
    expect(
      r.findings.filter((f) => f.file === '002_danger.sql' && f.severity !== 'info').map((f) => `${f.line} ${f.rule}`),
    ).toEqual([
      '1 require-concurrent-index-creation',
      '2 adding-volatile-default',
      '3 setting-not-null',
      '4 drop-column',
      '5 adding-unique-constraint-without-index',
      '6 statement-after-exclusive-lock',
      '6 update-without-where',
    ]);
  });
});

describe('scope', () => {
  const git = (cwd: string, ...args: string[]) =>
    execFileSync('git', args, {
      cwd,
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 't',
        GIT_AUTHOR_EMAIL: 't@t',
        GIT_COMMITTER_NAME: 't',
        GIT_COMMITTER_EMAIL: 't@t',
      },
    });

  test('with base-ref, only migrations added or changed since it are linted', async () => {
    const repo = makeFolder({ 'migrations/001_old.sql': 'DROP TABLE a;', 'migrations/002_old.sql': 'SELECT 1;' });
    git(repo, 'init', '-q', '-b', 'main');
    git(repo, 'add', '.');
    git(repo, 'commit', '-qm', 'base');
    git(repo, 'checkout', '-qb', 'feature');
    writeFileSync(join(repo, 'migrations', '002_old.sql'), 'TRUNCATE b;');
    writeFileSync(join(repo, 'migrations', '003_new.sql'), 'DELETE FROM c;');
    git(repo, 'add', '.');
    git(repo, 'commit', '-qm', 'change');
    writeFileSync(join(repo, 'migrations', '004_local.sql'), 'DROP SCHEMA s;');
    const r = await lintDir(join(repo, 'migrations'), { 'base-ref': 'main' });
    expect(r.findings.filter((f) => f.severity !== 'info').map((f) => `${f.file} ${f.rule}`)).toEqual([
      '002_old.sql truncate-table',
      '003_new.sql delete-without-where',
      '004_local.sql drop-schema',
    ]);
    expect(r.notes).toEqual(['linted 3 of 4 migration(s): those added or changed since main']);
  });

  test('a base-ref missing from the clone is refused with the fix', async () => {
    const repo = makeFolder({ 'migrations/001_a.sql': 'SELECT 1;' });
    git(repo, 'init', '-q', '-b', 'main');
    git(repo, 'add', '.');
    git(repo, 'commit', '-qm', 'only');
    await expect(lintDir(join(repo, 'migrations'), { 'base-ref': 'origin/main' })).rejects.toThrow(
      /base-ref: 'origin\/main' is not in this clone.*fetch-depth: 0/,
    );
  });

  test('files given by path are linted as they are, whatever their names', async () => {
    const dir = makeFolder({
      'hotfix.sql': 'ALTER TABLE users ADD COLUMN x text;',
      'cleanup.sql': 'DELETE FROM sessions;',
    });
    const r = await lintDir('unused', {}, [join(dir, 'hotfix.sql'), join(dir, 'cleanup.sql')]);
    // Run by something else: no runner settings (lock_timeout), and no folder convention for down scripts.
    expect(r.findings.map((f) => `${f.file?.split('/').pop()} ${f.rule}`)).toEqual([
      'hotfix.sql require-lock-timeout',
      'cleanup.sql delete-without-where',
    ]);
    expect(r.root).toBeUndefined();
  });
});
