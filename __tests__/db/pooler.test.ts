import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyMigrations } from '../../src/engine/pipeline.js';
import { runCommand } from '../../src/commands/run-command.js';
import type { RawConfig } from '../../src/config/inputs-spec.js';
import { checkPooling, providerAdvice } from '../../src/db/session/pooler.js';
import { connect, ConnectionError, dropSpare, type Client } from '../../src/db/session/connect.js';
import { silentLogger } from '../../src/foundation/logger.js';
import { withPgDump } from '../harness/backup-tools.js';
import { testConfig } from '../harness/config.js';
import { scratchDb, type ScratchDb } from '../harness/db.js';
import { makeFolder } from '../harness/folders.js';
import { runCliInProcess } from '../harness/in-process.js';
import { startPgBouncer, type Bouncer, type PoolMode } from '../harness/pgbouncer.js';

// One PgBouncer per pool mode for the whole file, each in front of the test server with its defaults.
const bouncers = {} as Record<PoolMode, Bouncer>;
beforeAll(async () => {
  await Promise.all(
    (['session', 'transaction', 'statement'] as const).map(
      async (mode) => (bouncers[mode] = await startPgBouncer(mode)),
    ),
  );
});
afterAll(async () => {
  await Promise.all(Object.values(bouncers).map((b) => b.stop()));
});

let db: ScratchDb;
beforeEach(async () => {
  db = await scratchDb();
});
afterEach(async () => {
  await db.drop();
});

const via = (mode: PoolMode) => bouncers[mode].through(db.url);
const twoMigrations = () =>
  makeFolder({ '001_a.sql': 'CREATE TABLE a (id int);', '002_b.sql': 'CREATE TABLE b (id int);' });
const exists = async (name: string) =>
  (await db.query('SELECT to_regclass($1) IS NOT NULL AS e', [name])).rows[0].e as boolean;

/** The CLI as a user runs it, its JSON report parsed. */
async function cli(command: string, url: string, args: string[] = []) {
  const r = await runCliInProcess([command, '--yes', '--database-url', url, '--format', 'json', ...args]);
  return { ...r, report: JSON.parse(r.stdout) };
}

const FIX = "Use the direct URL or the pooler's session-mode URL";

describe('the pooler check', () => {
  test('a direct connection is told on its first query: the pid and port the server sees are its own', async () => {
    expect(await checkPooling(db.url)).toEqual({ kind: 'direct' });
    await dropSpare();
  });

  test("a direct check's connection is the next connect() to the same URL, while fresh; otherwise that connect() closes it", async () => {
    const pidOf = async (c: Client) => (await c.query('SELECT pg_catalog.pg_backend_pid() AS p')).rows[0].p as number;
    /** The session whose last query was the check's. */
    const checkedPid = async () =>
      (
        await db.query(
          "SELECT pid FROM pg_stat_activity WHERE query LIKE '%inet_client_port()%' AND pid <> pg_backend_pid()",
        )
      ).rows.map((r) => r.pid as number);
    const otherUrl = new URL(db.url);
    otherUrl.searchParams.set('application_name', 'other');

    await checkPooling(db.url);
    const [checked] = await checkedPid();
    const first = await connect(db.url);
    const other = await connect(otherUrl.toString());
    const second = await connect(db.url);
    try {
      expect(await pidOf(first)).toBe(checked);
      expect([await pidOf(other), await pidOf(second)]).not.toContain(checked);
    } finally {
      await Promise.all([other, first, second].map((c) => c.end()));
    }

    // One not taken by the next connect() (stale, or for another URL) is closed by it, not held for the run.
    for (const next of [
      () => new Promise((r) => setTimeout(r, 1100)).then(() => connect(db.url)),
      () => connect(otherUrl.toString()),
    ]) {
      await checkPooling(db.url);
      const [spare] = await checkedPid();
      const c = await next();
      expect(await pidOf(c)).not.toBe(spare);
      await c.end();
      for (let i = 0; i < 50 && (await checkedPid()).includes(spare); i++) await new Promise((r) => setTimeout(r, 20));
      expect(await checkedPid()).not.toContain(spare);
    }
  });

  test.each(['transaction', 'statement'] as const)(
    'PgBouncer in %s mode: two connections run on one server session',
    async (mode) => {
      const check = await checkPooling(via(mode));
      expect(check).toMatchObject({ kind: 'shared', host: '127.0.0.1', port: bouncers[mode].port });
      expect(check.kind === 'shared' && check.evidence).toMatch(/^two connections ran on one server session, pid \d+$/);
    },
  );

  test('PgBouncer in session mode: something in between, but a server session per connection', async () => {
    expect(await checkPooling(via('session'))).toEqual({ kind: 'session-per-connection' });
  });

  test("a server that cannot be reached, or a database that does not exist, is the command's own connection error, reported at once", async () => {
    const gone = new URL(db.url);
    gone.pathname = '/no_such_database';
    await expect(checkPooling(gone.toString())).rejects.toThrow(ConnectionError);
    await expect(checkPooling(bouncers.transaction.through(gone.toString()))).rejects.toThrow(ConnectionError);
    gone.port = '1';
    await expect(checkPooling(gone.toString())).rejects.toThrow(
      /could not connect to 127\.0\.0\.1:1\/no_such_database: .*ECONNREFUSED/,
    );
  });

  test("names the provider's session-mode or direct endpoint when the host is a known pooled one", () => {
    expect(providerAdvice('aws-0-eu-central-1.pooler.supabase.com', 6543, 'postgres.abcdefghijklmnop')).toBe(
      'Supabase: port 6543 of aws-0-eu-central-1.pooler.supabase.com is its transaction-mode pooler; port 5432 of the same host is session mode, or use the direct connection (db.abcdefghijklmnop.supabase.co:5432)',
    );
    expect(providerAdvice('aws-0-eu-central-1.pooler.supabase.com', 5432, 'postgres.abc')).toBeUndefined();
    expect(providerAdvice('db.abcdefghijklmnop.supabase.co', 6543)).toMatch(
      /dedicated pooler in transaction mode; port 5432 of the same host is the direct connection$/,
    );
    expect(providerAdvice('ep-cool-darkness-123456-pooler.us-east-2.aws.neon.tech', 5432)).toMatch(
      /drop -pooler for the direct endpoint: ep-cool-darkness-123456\.us-east-2\.aws\.neon\.tech$/,
    );
    expect(providerAdvice('db.example.com', 6543)).toBeUndefined();
  });
});

describe('a command through a pooler', () => {
  test.each(['transaction', 'statement'] as const)(
    '%s mode: apply is refused before anything runs, exit 2, naming the fix',
    async (mode) => {
      const withPassword = new URL(via(mode));
      withPassword.password = 's3cret-pw';
      const url = withPassword.toString();
      const r = await cli('apply', url, [
        '--migrations-dir',
        twoMigrations(),
        '--backup-dir',
        mkdtempSync(join(tmpdir(), 'pmg-pooler-')),
      ]);
      expect(r.code).toBe(2);
      expect(r.report.findings).toHaveLength(1);
      expect(r.report.findings[0]).toMatchObject({ rule: 'configuration', severity: 'error' });
      expect(r.report.findings[0].message).toContain(
        `database-url: 127.0.0.1:${bouncers[mode].port}/${db.name} is reached through a connection pooler in transaction or statement mode`,
      );
      expect(r.report.findings[0].message).toContain(FIX);
      expect(r.stderr).toContain(FIX);
      expect(r.stdout + r.stderr).not.toContain('s3cret-pw');
      expect(r.report.applied).toEqual([]);
      expect(await exists('public.schema_migrations')).toBe(false);
      expect(await exists('a')).toBe(false);
    },
  );

  test('transaction mode: plan, verify, backup and restore are refused the same way, before they connect', async () => {
    const dir = twoMigrations();
    const backups = mkdtempSync(join(tmpdir(), 'pmg-pooler-'));
    const url = via('transaction');
    const inputs: Record<string, RawConfig> = {
      plan: {},
      verify: {},
      backup: { 'backup-dir': backups },
      restore: { 'backup-file': join(backups, 'never-read.dump') },
    };
    for (const [command, raw] of Object.entries(inputs)) {
      const config = testConfig({ command, 'migrations-dir': dir, 'database-url': url, ...raw });
      const r = await runCommand(config, {
        databaseUrl: url,
        log: silentLogger,
        appliedBy: 'test',
        backupDir: backups,
      });
      expect([command, r.ok, r.findings.map((f) => f.rule)]).toEqual([command, false, ['configuration']]);
      expect(r.findings[0].message).toContain(FIX);
    }
    expect(readdirSync(backups)).toEqual([]);
    expect(await exists('public.schema_migrations')).toBe(false);
  });

  test('session mode: apply works end to end, and a re-run applies nothing', async () => {
    const dir = twoMigrations();
    const url = via('session');
    const first = await cli('apply', url, ['--migrations-dir', dir, '--backup', 'false', '--post-backup', 'false']);
    expect([first.code, first.report.findings]).toEqual([0, []]);
    expect(first.report.applied.map((a: { version: string }) => a.version)).toEqual(['001', '002']);
    expect(await exists('a')).toBe(true);
    const again = await cli('apply', url, ['--migrations-dir', dir, '--backup', 'false', '--post-backup', 'false']);
    expect([again.code, again.report.findings, again.report.applied]).toEqual([0, [], []]);
  });

  withPgDump.test('session mode: backup works through it, and so does the backup apply takes first', async () => {
    const dir = twoMigrations();
    const backups = mkdtempSync(join(tmpdir(), 'pmg-pooler-'));
    const url = via('session');
    const applied = await cli('apply', url, [
      '--migrations-dir',
      dir,
      '--backup-dir',
      backups,
      '--post-backup',
      'false',
    ]);
    expect([applied.code, applied.report.findings, applied.report.applied.length]).toEqual([0, [], 2]);
    expect(existsSync(applied.report.backup.path)).toBe(true);
    const backup = await cli('backup', url, ['--backup-dir', backups]);
    expect([backup.code, backup.report.findings]).toEqual([0, []]);
    expect(existsSync(backup.report.backup.path)).toBe(true);
  });

  test.each(['session', 'direct'] as const)(
    '%s: a cancelled run cancels the running migration on the server',
    async (path) => {
      const url = path === 'direct' ? db.url : via(path);
      const dir = makeFolder({
        '001_a.sql': 'CREATE TABLE a (id int);',
        '002_slow.sql': 'CREATE TABLE b (id int);\nSELECT pg_sleep(30);',
      });
      const controller = new AbortController();
      const started = performance.now();
      const running = applyMigrations(testConfig({ command: 'apply', 'migrations-dir': dir, 'database-url': url }), {
        databaseUrl: url,
        log: silentLogger,
        appliedBy: 'test',
        signal: controller.signal,
      });
      for (
        let i = 0;
        i < 400 &&
        !(
          await db.query(
            "SELECT 1 FROM pg_stat_activity WHERE query LIKE '%pg_sleep(30)%' AND state = 'active' AND pid <> pg_backend_pid()",
          )
        ).rowCount;
        i++
      )
        await new Promise((r) => setTimeout(r, 25));
      controller.abort('SIGINT');
      const r = await running;
      expect(performance.now() - started).toBeLessThan(10_000);
      expect([r.cancelled, r.applied.map((a) => a.version)]).toEqual(['SIGINT', ['001']]);
      expect(await exists('b')).toBe(false);
    },
  );

  test('a direct URL still works', async () => {
    const r = await cli('apply', db.url, [
      '--migrations-dir',
      twoMigrations(),
      '--backup',
      'false',
      '--post-backup',
      'false',
    ]);
    expect([r.code, r.report.applied.length]).toEqual([0, 2]);
  });

  test('past the check, a transaction-mode pooler puts the lock and the migrations on one server session: the next migration stops on a lost lock, said as such', async () => {
    // PgBouncer hands every transaction the server session freed last: the lock's. The first migration's session
    // reset (pg_advisory_unlock_all) then drops the run's lock too, and the fence stops the second one.
    const url = via('transaction');
    const config = testConfig({ command: 'apply', 'migrations-dir': twoMigrations(), 'database-url': url });
    const r = await applyMigrations(config, { databaseUrl: url, log: silentLogger, appliedBy: 'test' });
    expect(r.findings.map((f) => [f.rule, f.file, f.sqlstate])).toEqual([['lock-lost', '002_b.sql', undefined]]);
    expect(r.findings[0].message).toBe(
      'this run lost its lock (the session that took it no longer holds its advisory lock), so 002_b.sql was not started; another run may hold the lock now',
    );
    expect(r.findings[0].help).toMatch(
      /^A likely cause: database-url goes through a pooler in transaction mode .* use the direct URL or the pooler's session-mode URL\./,
    );
    expect(r.applied.map((a) => a.version)).toEqual(['001']);
    expect(await exists('b')).toBe(false);
  });
});
