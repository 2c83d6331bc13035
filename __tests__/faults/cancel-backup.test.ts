import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { TOOL_STOP_GRACE_MS } from '../../src/backup/run-tool.js';
import { takeBackup } from '../../src/backup/take-backup.js';
import { LOCK_NAMESPACE, lockKey } from '../../src/db/session/advisory-lock.js';
import { quoteTable } from '../../src/db/session/identifiers.js';
import { parseOutputFile, runnerEnv } from '../harness/action-runner.js';
import { withPgDump } from '../harness/backup-tools.js';
import { scratchDb, type ScratchDb } from '../harness/db.js';
import { makeFolder } from '../harness/folders.js';
import { buildSource } from '../harness/source-build.js';

/**
 * Cancel reaches every wait of a run, tried with real signals on real processes: a pre-apply backup whose pg_dump
 * queues behind another session's lock, and a run waiting for another run's advisory lock. Nothing of the tool may
 * survive the run, neither its processes nor its server session, and the report says cancelled within seconds.
 */
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let entry: { cli: string; action: string };
let db: ScratchDb;
let holder: pg.Client | undefined;
beforeAll(() => {
  entry = buildSource();
}, 120_000);
beforeEach(async () => {
  db = await scratchDb();
  await db.query('CREATE TABLE accounts (id int)');
});
afterEach(async () => {
  await holder?.end().catch(() => {});
  holder = undefined;
  await db.drop();
});

const migrations = () =>
  makeFolder({
    '001_email.sql': 'ALTER TABLE accounts ADD COLUMN email text;',
    '002_orders.sql': 'CREATE TABLE orders (id int);',
  });

/** Another session holds `sql`'s lock in an open transaction until the test ends. */
async function hold(sql: string): Promise<void> {
  holder = new pg.Client({ connectionString: db.url, application_name: 'holder' });
  await holder.connect();
  await holder.query(`BEGIN; ${sql}`);
}

/** Waits until a session named like `app` waits for a lock. */
async function waitingFor(app: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const r = await db.query(
      "SELECT 1 FROM pg_stat_activity WHERE application_name LIKE $1 AND wait_event_type = 'Lock'",
      [app],
    );
    if (r.rowCount) return;
    await sleep(25);
  }
  throw new Error(`no session ${app} ever waited for a lock`);
}

const BACKUP_SESSION = 'pg-migration-gate backup %';
const RESTORE_SESSION = 'pg-migration-gate restore %';
const sessionsOf = async (app: string) =>
  (await db.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name LIKE $1', [app])).rows[0].n;
/** pg_dump processes working on this test's database (their command line names it). */
const pgDumps = () => spawnSync('pgrep', ['-f', `pg_dump.*${db.name}`], { encoding: 'utf8' }).stdout.trim();
/** Nothing of the migrations: no history table, accounts as it was, no orders. */
const untouched = async () =>
  expect(
    (
      await db.query(
        "SELECT to_regclass('schema_migrations') AS h, to_regclass('orders') AS o, (SELECT count(*)::int FROM information_schema.columns WHERE table_name = 'accounts') AS cols",
      )
    ).rows[0],
  ).toEqual({ h: null, o: null, cols: 1 });

function exited(child: ReturnType<typeof spawn>) {
  let stdout = '';
  let stderr = '';
  let signalled = 0;
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  return {
    /** Marks the moment the first signal is sent: `ms` counts from there. */
    mark: () => (signalled = performance.now()),
    done: new Promise<{
      code: number | null;
      signal: NodeJS.Signals | null;
      stdout: string;
      stderr: string;
      ms: number;
    }>((resolve) =>
      child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr, ms: performance.now() - signalled })),
    ),
  };
}

withPgDump.describe('a signal during the pre-apply backup', () => {
  test('CLI, SIGINT while pg_dump queues behind a lock: exit 130 within seconds, reported cancelled; no pg_dump process, session or file left; no migration ran', async () => {
    await hold('LOCK TABLE accounts IN ACCESS EXCLUSIVE MODE');
    const backups = makeFolder({});
    const child = spawn(process.execPath, [
      entry.cli,
      'apply',
      '--yes',
      '--migrations-dir',
      migrations(),
      '--database-url',
      db.url,
      '--backup-dir',
      backups,
      '--backup-lock-timeout',
      '120s',
      '--format',
      'json',
    ]);
    const run = exited(child);
    await waitingFor(BACKUP_SESSION);
    expect(pgDumps()).not.toBe('');
    run.mark();
    child.kill('SIGINT');
    const r = await run.done;
    expect(r.code).toBe(130);
    expect(r.ms).toBeLessThan(5000);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ ok: false, cancelled: 'SIGINT', applied: [] });
    expect(report.findings.map((f: { rule: string }) => f.rule)).toContain('cancelled');
    expect(report.findings.find((f: { rule: string }) => f.rule === 'cancelled').message).toMatch(
      /^backup: cancelled \(SIGINT\) while pg_dump ran; it was stopped; nothing after it ran/,
    );
    expect(pgDumps()).toBe('');
    expect(await sessionsOf(BACKUP_SESSION)).toBe(0);
    expect(readdirSync(backups)).toEqual([]);
    await holder!.query('ROLLBACK');
    await untouched();
  });

  test("the action under GitHub's cancel sequence (SIGINT, SIGTERM 7.5 s later, SIGKILL 2.5 s after): report, outputs and summary written after the first, no pg_dump left", async () => {
    await hold('LOCK TABLE accounts IN ACCESS EXCLUSIVE MODE');
    const { env, outputFile, summaryFile, runnerTemp } = runnerEnv({
      command: 'apply',
      'migrations-dir': migrations(),
      'database-url': db.url,
      'allow-ungated': 'true',
      'backup-lock-timeout': '120s',
    });
    const child = spawn(process.execPath, [entry.action], { env });
    const run = exited(child);
    await waitingFor(BACKUP_SESSION);
    run.mark();
    child.kill('SIGINT');
    const term = setTimeout(() => child.kill('SIGTERM'), 7500);
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    const r = await run.done;
    clearTimeout(term);
    clearTimeout(kill);
    // It ended on its own, after the first signal, before the runner's SIGTERM (a second signal exits 130).
    expect(r.signal).toBeNull();
    expect(r.ms).toBeLessThan(7500);
    expect(r.code).toBe(1);
    const outputs = parseOutputFile(readFileSync(outputFile, 'utf8'));
    expect(outputs).toMatchObject({ applied: '0' });
    expect(JSON.parse(readFileSync(outputs['report-path'], 'utf8'))).toMatchObject({
      cancelled: 'SIGINT',
      applied: [],
    });
    expect(readFileSync(summaryFile, 'utf8')).toMatch(/was cancelled \(SIGINT\)/);
    expect(r.stdout).toMatch(/::error::apply cancelled: backup: cancelled \(SIGINT\) while pg_dump ran/);
    expect(pgDumps()).toBe('');
    expect(await sessionsOf(BACKUP_SESSION)).toBe(0);
    expect(readdirSync(join(runnerTemp, 'pg-migration-gate', 'backups')).filter((f) => f.endsWith('.dump'))).toEqual(
      [],
    );
    await holder!.query('ROLLBACK');
    await untouched();
  });

  test('CLI, a second signal while the first is still stopping pg_dump: it stops at once, exit 130, one report saying cancelled; no pg_dump process or session left', async () => {
    await hold('LOCK TABLE accounts IN ACCESS EXCLUSIVE MODE');
    const marker = `32.${Math.floor(Math.random() * 1e6)}`;
    const child = spawn(process.execPath, [
      entry.cli,
      'apply',
      '--yes',
      '--migrations-dir',
      migrations(),
      '--database-url',
      db.url,
      '--backup-dir',
      makeFolder({}),
      '--backup-lock-timeout',
      '120s',
      '--pg-dump-path',
      stubbornTools(marker),
      '--format',
      'json',
    ]);
    const run = exited(child);
    await waitingFor(BACKUP_SESSION);
    run.mark();
    child.kill('SIGINT');
    // The tool's group survives SIGTERM: the run is still stopping it when the second signal comes. (A real pg_dump
    // may stop within milliseconds, and the second signal then meets a process already exiting.)
    await sleep(500);
    child.kill('SIGTERM');
    const r = await run.done;
    expect(r.code).toBe(130);
    expect(r.stderr).toMatch(/SIGTERM received again: stopping now/);
    // Still stopping pg_dump when the second signal came, and it cut that short: the first alone would have waited
    // out the tool's grace before its SIGKILL.
    expect(r.ms).toBeGreaterThan(500);
    expect(r.ms).toBeLessThan(TOOL_STOP_GRACE_MS);
    // Whichever signal's report it was, there is exactly one, and it says cancelled.
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ ok: false, cancelled: expect.stringMatching(/^SIG(INT|TERM)$/) });
    expect(report.findings.filter((f: { rule: string }) => f.rule === 'cancelled')).toHaveLength(1);
    expect(spawnSync('pgrep', ['-f', `sleep ${marker}`], { encoding: 'utf8' }).stdout.trim()).toBe('');
    expect(pgDumps()).toBe('');
    expect(await sessionsOf(BACKUP_SESSION)).toBe(0);
    await holder!.query('ROLLBACK');
    await untouched();
  });
});

/**
 * A pg_dump slow to stop: a wrapper that ignores SIGTERM and SIGINT and, once pg_dump has gone, lingers in the same
 * process group (a stand-in for a Docker client or any tool that does not stop on SIGTERM).
 */
function stubbornTools(marker: string): string {
  const real = spawnSync('sh', ['-c', 'dirname "$(ls -d /usr/lib/postgresql/*/bin/pg_dump | sort -V | tail -n 1)"'], {
    encoding: 'utf8',
  }).stdout.trim();
  const dir = makeFolder({
    pg_dump: `#!/bin/sh\ncase "$*" in *--version*) exec ${real}/pg_dump "$@";; esac\ntrap '' TERM INT\n${real}/pg_dump "$@"\nsleep ${marker}\n`,
  });
  chmodSync(join(dir, 'pg_dump'), 0o755);
  symlinkSync(join(real, 'pg_restore'), join(dir, 'pg_restore'));
  return dir;
}

withPgDump.describe('a second signal while the first is still stopping a tool', () => {
  test("the action under GitHub's sequence: the second signal stops it at once (exit 130), the tool's whole process group and session gone, report and outputs written before the SIGKILL", async () => {
    await hold('LOCK TABLE accounts IN ACCESS EXCLUSIVE MODE');
    const marker = `31.${Math.floor(Math.random() * 1e6)}`;
    const { env, outputFile, summaryFile } = runnerEnv({
      command: 'apply',
      'migrations-dir': migrations(),
      'database-url': db.url,
      'allow-ungated': 'true',
      'backup-lock-timeout': '120s',
      'pg-dump-path': stubbornTools(marker),
    });
    const child = spawn(process.execPath, [entry.action], { env });
    const run = exited(child);
    await waitingFor(BACKUP_SESSION);
    run.mark();
    child.kill('SIGINT');
    // The tool's group survives SIGTERM: the run is still stopping it when the second signal comes.
    await sleep(500);
    child.kill('SIGTERM');
    // And SIGKILL 2.5 s later, as the runner sends it: whatever was to be written must be written by then.
    const kill = setTimeout(() => child.kill('SIGKILL'), 2500);
    const r = await run.done;
    clearTimeout(kill);
    expect(r.stdout).toMatch(/SIGTERM received again: stopping now/);
    // Exit 130 once the report is out; a process still exiting (the runtime's own teardown) may meet the SIGKILL.
    expect(r.code === 130 || r.signal === 'SIGKILL').toBe(true);
    const outputs = parseOutputFile(readFileSync(outputFile, 'utf8'));
    expect(JSON.parse(readFileSync(outputs['report-path'], 'utf8'))).toMatchObject({
      ok: false,
      cancelled: expect.stringMatching(/^SIG(INT|TERM)$/),
    });
    expect(readFileSync(summaryFile, 'utf8')).toMatch(/was cancelled/);
    expect(spawnSync('pgrep', ['-f', `sleep ${marker}`], { encoding: 'utf8' }).stdout.trim()).toBe('');
    expect(pgDumps()).toBe('');
    expect(await sessionsOf(BACKUP_SESSION)).toBe(0);
    await holder!.query('ROLLBACK');
    await untouched();
  });
});

withPgDump.describe('a signal during a restore', () => {
  test('CLI, SIGINT while the restore waits behind a reader: exit 130, reported cancelled; no pg_restore or psql process or session left, the database as it was', async () => {
    await db.query('INSERT INTO accounts VALUES (1), (2)');
    const backup = await takeBackup(db.url, { dir: makeFolder({}), historyTable: { table: 'schema_migrations' } });
    // A reader in an open transaction: pg_restore --clean must drop accounts, and queues behind it.
    await hold('SELECT count(*) FROM accounts');
    const child = spawn(process.execPath, [
      entry.cli,
      'restore',
      '--yes',
      '--backup-file',
      backup.path,
      '--database-url',
      db.url,
      '--backup-lock-timeout',
      '120s',
      '--format',
      'json',
    ]);
    const run = exited(child);
    await waitingFor(RESTORE_SESSION);
    run.mark();
    child.kill('SIGINT');
    const r = await run.done;
    expect(r.code).toBe(130);
    expect(r.ms).toBeLessThan(5000);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ ok: false, cancelled: 'SIGINT' });
    expect(report.findings).toEqual([
      expect.objectContaining({
        rule: 'cancelled',
        message: expect.stringMatching(/^cancelled \(SIGINT\) while (pg_restore|psql) ran; it was stopped/),
      }),
    ]);
    // pg_restore writes the script, psql runs it (and waits behind the reader): neither is left.
    expect(spawnSync('pgrep', ['-f', `pg_restore.*${db.name}`], { encoding: 'utf8' }).stdout.trim()).toBe('');
    expect(spawnSync('pgrep', ['-f', `psql.*${db.name}`], { encoding: 'utf8' }).stdout.trim()).toBe('');
    expect(await sessionsOf(RESTORE_SESSION)).toBe(0);
    await holder!.query('ROLLBACK');
    expect((await db.query('SELECT count(*)::int AS n FROM accounts')).rows[0].n).toBe(2);
  });
});

describe("a signal while waiting for another run's advisory lock", () => {
  test('CLI, SIGINT: exit 130 at once, not after lock-wait; reported cancelled; nothing waits on the server any more', async () => {
    // The lock another run holds on this history table, held here by a test session.
    await hold(
      `SELECT pg_advisory_lock(${LOCK_NAMESPACE}, ${lockKey(quoteTable({ schema: 'public', table: 'schema_migrations' }))}); COMMIT`,
    );
    const child = spawn(process.execPath, [
      entry.cli,
      'apply',
      '--yes',
      '--backup',
      'false',
      '--migrations-dir',
      migrations(),
      '--database-url',
      db.url,
      '--lock-wait',
      '120s',
      '--format',
      'json',
    ]);
    const run = exited(child);
    await waitingFor('pg-migration-gate');
    run.mark();
    child.kill('SIGINT');
    const r = await run.done;
    expect(r.code).toBe(130);
    expect(r.ms).toBeLessThan(3000);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ ok: false, cancelled: 'SIGINT', applied: [] });
    expect(report.findings).toEqual([
      expect.objectContaining({
        rule: 'cancelled',
        message: 'cancelled (SIGINT) while waiting for the advisory lock; nothing was changed',
      }),
    ]);
    expect(
      (await db.query("SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")).rows[0].n,
    ).toBe(0);
    await untouched();
  });
});
