import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { withPgDump } from '../harness/backup-tools.js';
import { scratchDb, type ScratchDb } from '../harness/db.js';
import { makeFolder } from '../harness/folders.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the bundled CLI as a user would. */
function cli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const child = spawn(process.execPath, [join(process.cwd(), 'dist', 'cli.js'), ...args], {
    // Run where a user would, outside the repository: the CLI writes its backups under ./backups.
    cwd: tmpdir(),
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr })));
}

let db: ScratchDb;
beforeEach(async () => {
  db = await scratchDb();
});
afterEach(async () => {
  await db.drop();
});

describe('the CLI', () => {
  test('--help and no command print usage and exit 0', async () => {
    for (const args of [['--help'], []]) {
      const r = await cli(args);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^Usage: pg-migration-gate <command> \[options\]/);
    }
  });

  withPgDump.test('apply with --database-url, JSON format: exit 0, then a re-run applies nothing', async () => {
    const dir = makeFolder({ '001_a.sql': 'CREATE TABLE a (id int);', '002_b.sql': 'CREATE TABLE b (id int);' });
    const r = await cli(['apply', '--yes', '--migrations-dir', dir, '--database-url', db.url, '--format', 'json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ command: 'apply', ok: true, findings: [] });
    expect(report.applied.map((a: { version: string }) => a.version)).toEqual(['001', '002']);
    const again = JSON.parse(
      (await cli(['apply', '-y', '--migrations-dir', dir, '--format', 'json'], { DATABASE_URL: db.url })).stdout,
    );
    expect(again.applied).toEqual([]);
  });

  withPgDump.test(
    'text output lists findings as file:line:col  severity  rule  message, then the help; exit 1',
    async () => {
      const dir = makeFolder({ '001_a.sql': 'CREATE TABLE a (id int);\nINSERT INTO a VALUES (1/0);\n' });
      const r = await cli(['apply', '--yes', '--migrations-dir', dir, '--database-url', db.url]);
      expect(r.code).toBe(1);
      expect(r.stdout.split('\n')).toContain(
        `${dir}/001_a.sql:2:1  error  apply-failed  001_a.sql failed: division by zero — rolled back [22012]`,
      );
      expect(r.stdout).toMatch(/^note: nothing was applied by this run$/m);
    },
  );

  test('lint takes file paths of any name and starts no server; errors exit 1', async () => {
    const dir = makeFolder({ 'cleanup.sql': 'DELETE FROM sessions;\n' });
    const r = await cli(['lint', join(dir, 'cleanup.sql')]);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(/throwaway PostgreSQL/);
    expect(r.stdout.split('\n')).toContain(
      `${join(dir, 'cleanup.sql')}:1:1  error  delete-without-where  Every row of the table is deleted.`,
    );
    expect(r.stdout).toMatch(/^    help: Add the WHERE clause you meant/m);
  });

  test('apply to a database it did not start asks first; without a terminal it needs --yes', async () => {
    const dir = makeFolder({ '001_a.sql': 'CREATE TABLE a (id int);' });
    const r = await cli(['apply', '--migrations-dir', dir, '--database-url', db.url]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /apply changes 127\.0\.0\.1:\d+\/pmg_test_\w+: pass --yes to confirm \(no terminal to ask on\)/,
    );
    expect((await db.query("SELECT to_regclass('a') AS t")).rows[0].t).toBeNull();
  });

  test('no database URL: a throwaway server is started and removed', async () => {
    const dir = makeFolder({ '001_a.sql': 'CREATE TABLE a (id int);' });
    const r = await cli(['apply', '--migrations-dir', dir, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/no database URL given: started a throwaway PostgreSQL/);
    expect(JSON.parse(r.stdout).applied).toHaveLength(1);
  });

  test('each command has its own help; --version; a mistyped command or option is answered once, with a suggestion, exit 2', async () => {
    const lint = await cli(['lint', '--help']);
    expect(lint.code).toBe(0);
    expect(lint.stdout).toMatch(/^Usage: pg-migration-gate lint \[options\] \[file\.sql \.\.\.\]/);
    expect(lint.stdout).toMatch(/--migrations-dir <dir>/);
    expect(lint.stdout).toMatch(/--database-url <url> .*lint only reads its server's version/);
    expect(lint.stdout).not.toMatch(/--on-failure|--backup-dir/);
    expect((await cli(['help', 'apply'])).stdout).toMatch(/--on-failure rollback\|undo\|restore\|undo-or-restore/);
    const version = await cli(['--version']);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')).version);

    const typo = await cli(['lint', '--migration-dir', 'db']);
    expect(typo).toMatchObject({ code: 2, stdout: '' });
    expect(typo.stderr).toBe(
      'pg-migration-gate: configuration error:\nunknown option --migration-dir for lint: did you mean --migrations-dir?; run pg-migration-gate lint --help\n',
    );
    const command = await cli(['verfy']);
    expect(command.code).toBe(2);
    expect(command.stderr.match(/did you mean verify\?/g)).toHaveLength(1);
  });

  test('a folder with no migrations is refused, naming the layouts and the folders below that hold .sql files, unless allow-empty', async () => {
    const root = makeFolder({});
    mkdirSync(join(root, 'migrations'));
    writeFileSync(join(root, 'migrations', '001_a.sql'), 'CREATE TABLE a (id int);');
    for (const command of ['lint', 'plan']) {
      const r = await cli([
        command,
        '--migrations-dir',
        root,
        ...(command === 'plan' ? ['--database-url', db.url] : []),
      ]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`migrations folder '${root}' holds no migrations: looked for <version>_<name>.sql`);
      expect(r.stderr).toContain(
        `${join(root, 'migrations')} holds 1 .sql file(s): point migrations-dir there, or set allow-empty: true`,
      );
    }
    expect((await cli(['lint', '--migrations-dir', root, '--allow-empty'])).code).toBe(0);
  });

  test('a connection failure prints no counts', async () => {
    const r = await cli([
      'plan',
      '--migrations-dir',
      makeFolder({ '001_a.sql': 'SELECT 1;' }),
      '--database-url',
      'postgresql://nobody@127.0.0.1:1/none',
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/could not connect to 127\.0\.0\.1:1\/none/);
    expect(r.stdout).not.toMatch(/pending/);
  });

  test.each([
    [['migrate'], /command: 'migrate' is not one of/],
    [['apply', '--lock-timeout', 'soon'], /lock-timeout: 'soon' is not a duration/],
    [['apply', '--no-such-flag'], /unknown option --no-such-flag for apply; run pg-migration-gate apply --help/],
    [['apply', '--migrations-dir', '/nonexistent'], /migrations folder '\/nonexistent' does not exist/],
    [['apply', '--format', 'yaml'], /--format: 'yaml' must be text, json or markdown/],
  ])('usage and configuration errors exit 2: %j', async (args, message) => {
    const r = await cli([...args, '--yes', '--database-url', db.url]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  test('--report-path writes the JSON report with the password redacted', async () => {
    const dir = makeFolder({ '001_a.sql': 'SELECT 1;' });
    const u = new URL(db.url);
    u.password = 'hunter2-Secret';
    const reportPath = join(makeFolder({}), 'report.json');
    const r = await cli(['plan', '--migrations-dir', dir, '--database-url', u.toString(), '--report-path', reportPath]);
    expect(r.code).toBe(0);
    const { readFileSync } = await import('node:fs');
    expect(JSON.parse(readFileSync(reportPath, 'utf8')).pending).toHaveLength(1);
    expect(r.stdout + r.stderr + readFileSync(reportPath, 'utf8')).not.toContain('hunter2-Secret');
  });
});
