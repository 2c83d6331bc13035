import { tmpdir } from 'node:os';
import { spawn } from 'node:child_process';
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scratchDb, type ScratchDb } from '../harness/db.js';
import { makeFolder } from '../harness/folders.js';

function cli(args: string[]): Promise<{ code: number; out: string }> {
  const child = spawn(process.execPath, [join(process.cwd(), 'dist', 'cli.js'), ...args], {
    cwd: tmpdir(),
    env: { PATH: process.env.PATH ?? '', HOME: '/root' },
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code: code ?? -1, out })));
}

let db: ScratchDb;
beforeAll(async () => {
  db = await scratchDb();
});
afterAll(async () => {
  await db.drop();
});
const untouched = async () =>
  expect(
    (
      await db.query(
        "SELECT count(*)::int AS n FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')",
      )
    ).rows[0].n,
  ).toBe(0);
const ok = () => makeFolder({ '001_a.sql': 'CREATE TABLE a (id int);' });

describe('hostile and broken input: one clear error, the right exit code, nothing changed', () => {
  const cases: [string, () => string[], number, RegExp][] = [
    [
      'an unknown command',
      () => ['migrate'],
      2,
      /command: 'migrate' is not one of lint, verify, plan, apply, backup, restore/,
    ],
    [
      'a bad duration',
      () => ['apply', '--lock-wait', '10 minutes', '--migrations-dir', ok()],
      2,
      /lock-wait: '10 minutes' is not a duration; write it with a unit/,
    ],
    [
      'a bad number',
      () => ['apply', '--lock-retries', '1e3', '--migrations-dir', ok()],
      2,
      /lock-retries: '1e3' must be a whole number from 0 to 100/,
    ],
    [
      'a missing folder',
      () => ['apply', '--migrations-dir', '/nonexistent/migrations'],
      2,
      /migrations folder '\/nonexistent\/migrations' does not exist/,
    ],
    [
      'duplicate and malformed names',
      () => ['apply', '--migrations-dir', makeFolder({ '001_a.sql': '', '1_b.sql': '', 'notes.sql': '' })],
      2,
      /duplicate version 1: 001_a\.sql and 1_b\.sql[\s\S]*notes\.sql: matches no migration naming layout/,
    ],
    [
      'a history table name carrying SQL',
      () => ['apply', '--history-table', 'x; DROP TABLE users; --', '--migrations-dir', ok()],
      2,
      /history-table: 'x; DROP TABLE users; --' is not a table name/,
    ],
    [
      'a symlink escaping the folder',
      () => {
        const dir = makeFolder({});
        symlinkSync('/etc/hostname', join(dir, '001_link.sql'));
        return ['apply', '--migrations-dir', dir];
      },
      2,
      /001_link\.sql: is a link to \/etc\/hostname, outside the migrations folder/,
    ],
    [
      'bytes that are not UTF-8',
      () => {
        const dir = makeFolder({});
        writeFileSync(join(dir, '001_latin1.sql'), Buffer.from("SELECT 'caf\xe9';", 'latin1'));
        return ['apply', '--migrations-dir', dir];
      },
      2,
      /001_latin1\.sql: is not valid UTF-8; save it as UTF-8/,
    ],
    [
      'backup metadata whose write counters are a string',
      () => {
        const dump = join(makeFolder({}), 'app.dump');
        writeFileSync(dump, 'PGDMP');
        const metadata = {
          format: 'pg-migration-gate-backup/1',
          file: 'app.dump',
          sha256: '0'.repeat(64),
          size: 5,
          database: '127.0.0.1:5432/app',
          serverVersion: '16.4',
          pgDumpVersion: '16.4',
          createdAt: '2026-01-01T00:00:00.000Z',
          historyTable: 'schema_migrations',
          entries: 1,
          tableWrites: 'lots',
        };
        writeFileSync(`${dump}.json`, JSON.stringify(metadata));
        return ['restore', '--backup-file', dump];
      },
      2,
      /app\.dump\.json: field tableWrites holds 'lots', expected an object of write counts keyed by table name .*; nothing was restored/,
    ],
    [
      'an SQL syntax error',
      () => ['apply', '--migrations-dir', makeFolder({ '001_a.sql': 'CREATE TABLE a (id int,);' })],
      1,
      /001_a\.sql:1:\d+  error  syntax-error  syntax error: syntax error at or near "\)"/,
    ],
  ];
  test.each(cases)('%s', async (_name, args, code, message) => {
    const r = await cli([...args(), '--yes', '--database-url', db.url]);
    expect(r.code).toBe(code);
    expect(r.out).toMatch(message);
    await untouched();
  });

  test('an empty folder is refused, naming the layouts looked for; with allow-empty it applies nothing, successfully', async () => {
    const empty = makeFolder({});
    const refused = await cli([
      'apply',
      '--yes',
      '--backup',
      'false',
      '--migrations-dir',
      empty,
      '--database-url',
      db.url,
    ]);
    expect(refused.code).toBe(2);
    expect(refused.out).toMatch(/holds no migrations: looked for <version>_<name>\.sql/);
    await untouched();
    const r = await cli([
      'apply',
      '--yes',
      '--backup',
      'false',
      '--migrations-dir',
      empty,
      '--allow-empty',
      '--database-url',
      db.url,
      '--format',
      'json',
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out.slice(r.out.indexOf('{'))).pending).toEqual([]);
    await db.query('DROP TABLE schema_migrations');
  });

  test('an unreachable host', async () => {
    const r = await cli([
      'apply',
      '--yes',
      '--migrations-dir',
      ok(),
      '--database-url',
      'postgresql://app:pw@127.0.0.1:1/prod',
    ]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(
      /could not connect to 127\.0\.0\.1:1\/prod: .*ECONNREFUSED.*check database-url \(host, port, user, password, sslmode\)/,
    );
  });

  test('TLS required by the URL, refused by the server', async () => {
    const r = await cli(['plan', '--migrations-dir', ok(), '--database-url', `${db.url}?sslmode=require`]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(
      /could not connect to .*: the server does not accept TLS connections, and sslmode=require requires TLS/,
    );
  });

  test('a read-only user: the missing privilege is named, with the fix', async () => {
    await db.query(
      'DO $$ BEGIN CREATE ROLE pmg_reader LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$; REVOKE CREATE ON SCHEMA public FROM PUBLIC',
    );
    const u = new URL(db.url);
    u.username = 'pmg_reader';
    const r = await cli([
      'apply',
      '--yes',
      '--backup',
      'false',
      '--migrations-dir',
      ok(),
      '--database-url',
      u.toString(),
    ]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(
      /\(database\)  error  database-error  history table: permission denied for schema public \[42501\]\n    help: the database user lacks a privilege/,
    );
    await untouched();
  });

  test('a 50 MB migration is linted and applied, not choked on', async () => {
    const dir = makeFolder({});
    const rows = Array.from({ length: 100 }, (_, j) => `(${j}, 'name ${j} lorem ipsum dolor sit amet')`).join(',');
    const line = `INSERT INTO big VALUES ${rows};\n`;
    writeFileSync(
      join(dir, '001_big.sql'),
      `CREATE TABLE big (id int, name text);\n${line.repeat(Math.ceil((50 * 1024 * 1024) / line.length))}`,
    );
    const lint = await cli(['lint', '--migrations-dir', dir]);
    expect(lint.code).toBe(0);
    const applied = await cli([
      'apply',
      '--yes',
      '--backup',
      'false',
      '--migrations-dir',
      dir,
      '--database-url',
      db.url,
      '--format',
      'json',
    ]);
    expect(applied.code).toBe(0);
    expect((await db.query('SELECT count(*)::int AS n FROM big')).rows[0].n).toBeGreaterThan(1_000_000);
    await db.query('DROP TABLE big; DROP TABLE schema_migrations');
  }, 300_000);
});

describe('a server that checks passwords', () => {
  test('a wrong password is one clear error, without the password in it; the right one gets in', async () => {
    const { startEmbeddedServer } = await import('../../src/cli/embedded-server.js');
    const server = await startEmbeddedServer({ password: 'the-Right-pw' });
    try {
      const wrong = new URL(server.url);
      wrong.password = 'Wrong-Pa55word';
      const r = await cli(['plan', '--migrations-dir', ok(), '--database-url', wrong.toString()]);
      expect(r.code).toBe(1);
      expect(r.out).toMatch(
        /could not connect to 127\.0\.0\.1:\d+\/postgres: password authentication failed for user "postgres" \(28P01\); check database-url \(host, port, user, password, sslmode\)/,
      );
      expect(r.out).not.toContain('Wrong-Pa55word');
      const right = await cli(['plan', '--migrations-dir', ok(), '--database-url', server.url]);
      expect(right.code).toBe(0);
    } finally {
      await server.stop();
    }
  });
});
