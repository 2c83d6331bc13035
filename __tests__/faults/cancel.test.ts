import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseOutputFile, runnerEnv } from '../harness/action-runner.js';
import { adminQuery, scratchDb, type ScratchDb } from '../harness/db.js';
import { makeFolder } from '../harness/folders.js';

/**
 * Cancel means cancel, tried on real processes: GitHub's "Cancel workflow" sends SIGINT then SIGTERM, a person
 * presses Ctrl-C, a dying runner is SIGKILLed. The running migration must not commit afterwards.
 */
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let db: ScratchDb;
beforeEach(async () => {
  db = await scratchDb();
});
afterEach(async () => {
  await db.drop();
});

const folder = (seconds: number) =>
  makeFolder({
    '001_a.sql': 'CREATE TABLE a (id int);',
    '002_slow.sql': `CREATE TABLE b (id int);\nSELECT pg_sleep(${seconds});`,
    '003_c.sql': 'CREATE TABLE c (id int);',
  });

/** Waits until our migrating session runs pg_sleep. */
async function sleeping(): Promise<void> {
  for (let i = 0; i < 400; i++) {
    const r = await adminQuery(
      "SELECT 1 FROM pg_stat_activity WHERE datname = $1 AND query LIKE '%pg_sleep(%' AND state = 'active'",
      [db.name],
    );
    if (r.rowCount) return;
    await sleep(25);
  }
  throw new Error('the migration never started');
}

const stillSleeping = async () =>
  (
    await adminQuery(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND query LIKE '%pg_sleep(%'",
      [db.name],
    )
  ).rows[0].n;
const tables = async () =>
  (
    await db.query(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'schema_migrations' ORDER BY 1",
    )
  ).rows.map((r) => r.table_name);
const history = async () =>
  (await db.query('SELECT migration_name, dirty FROM schema_migrations ORDER BY id')).rows.map(
    (r) => `${r.migration_name}${r.dirty ? ' dirty' : ''}`,
  );

function exited(
  child: ReturnType<typeof spawn>,
): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  const started = performance.now();
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  return new Promise((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: performance.now() - started })),
  );
}

describe('a signal cancels the running migration on the server', () => {
  test('CLI, SIGTERM: rolled back, nothing recorded for it, the report says cancelled and what applied; exit 130', async () => {
    const child = spawn(process.execPath, [
      join(process.cwd(), 'dist', 'cli.js'),
      'apply',
      '--yes',
      '--backup',
      'false',
      '--migrations-dir',
      folder(30),
      '--database-url',
      db.url,
      '--format',
      'json',
    ]);
    const done = exited(child);
    await sleeping();
    child.kill('SIGTERM');
    const r = await done;
    expect(r.code).toBe(130);
    expect(r.ms).toBeLessThan(10_000);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({
      ok: false,
      cancelled: 'SIGTERM',
      applied: [expect.objectContaining({ name: '001_a.sql' })],
    });
    expect(report.findings[0]).toMatchObject({
      rule: 'cancelled',
      message: expect.stringMatching(/^cancelled \(SIGTERM\) while 002_slow\.sql ran: rolled back/),
    });
    expect(await history()).toEqual(['001_a.sql']);
    expect(await tables()).toEqual(['a']);
    expect(await stillSleeping()).toBe(0);
  });

  test('the action, SIGINT as "Cancel workflow" sends it: outputs, summary and report file still written; the step fails', async () => {
    const { env, outputFile, summaryFile } = runnerEnv({
      command: 'apply',
      'migrations-dir': folder(30),
      'database-url': db.url,
      'allow-ungated': 'true',
      backup: 'false',
    });
    const child = spawn(process.execPath, [join(process.cwd(), 'dist', 'index.js')], { env });
    const done = exited(child);
    await sleeping();
    child.kill('SIGINT');
    const r = await done;
    expect(r.code).toBe(1);
    const outputs = parseOutputFile(readFileSync(outputFile, 'utf8'));
    expect(outputs).toMatchObject({ applied: '1', errors: '1' });
    expect(JSON.parse(readFileSync(outputs['report-path'], 'utf8'))).toMatchObject({ cancelled: 'SIGINT' });
    expect(readFileSync(summaryFile, 'utf8')).toMatch(/was cancelled \(SIGINT\)/);
    expect(r.stdout).toMatch(/::error::apply cancelled: cancelled \(SIGINT\) while 002_slow\.sql ran/);
    expect(await history()).toEqual(['001_a.sql']);
    expect(await stillSleeping()).toBe(0);
  });

  test('a non-transactional migration is left dirty, as documented; the help names the resolve-dirty that the next run needs, and it works', async () => {
    const dir = makeFolder({
      '001_a.sql': 'CREATE TABLE a (id int);',
      '002_idx.sql':
        'CREATE INDEX CONCURRENTLY a_id ON a (id);\nSELECT pg_sleep(30);\nCREATE INDEX CONCURRENTLY a_id2 ON a (id);',
    });
    const child = spawn(process.execPath, [
      join(process.cwd(), 'dist', 'cli.js'),
      'apply',
      '--yes',
      '--backup',
      'false',
      '--migrations-dir',
      dir,
      '--database-url',
      db.url,
    ]);
    const done = exited(child);
    await sleeping();
    child.kill('SIGINT');
    const r = await done;
    expect(r.code).toBe(130);
    expect(r.stdout).toMatch(/apply: CANCELLED/);
    expect(r.stdout).toMatch(
      /help: 002_idx\.sql ran outside a transaction and was stopped part-way: it is marked dirty, .* resolve-dirty: 002=rerun .* or 002=applied/,
    );
    expect(await history()).toEqual(['001_a.sql', '002_idx.sql dirty']);
    // As the help says: the next run refuses, and resolve-dirty settles it.
    const cli = (...more: string[]) =>
      exited(
        spawn(process.execPath, [
          join(process.cwd(), 'dist', 'cli.js'),
          'apply',
          '--yes',
          '--backup',
          'false',
          '--migrations-dir',
          dir,
          '--database-url',
          db.url,
          ...more,
        ]),
      );
    expect((await cli()).code).not.toBe(0);
    const settled = await cli('--resolve-dirty', '002=applied', '--post-backup', 'false');
    expect(settled.code).toBe(0);
    expect(await history()).toEqual(['001_a.sql', '002_idx.sql']);
  });

  test('a signal while waiting to retry after a lock timeout: the migration is not tried again', async () => {
    await db.query('CREATE TABLE held (id int)');
    const holder = new (await import('pg')).default.Client({ connectionString: db.url });
    await holder.connect();
    await holder.query('BEGIN; LOCK TABLE held IN ACCESS EXCLUSIVE MODE');
    const dir = makeFolder({ '001_alter.sql': 'ALTER TABLE held ADD COLUMN x int;' });
    const child = spawn(process.execPath, [
      join(process.cwd(), 'dist', 'cli.js'),
      'apply',
      '--yes',
      '--backup',
      'false',
      '--migrations-dir',
      dir,
      '--database-url',
      db.url,
      '--lock-timeout',
      '100ms',
      '--lock-retries',
      '3',
      '--format',
      'json',
    ]);
    const done = exited(child);
    let stderr = '';
    child.stderr!.on('data', (d) => {
      stderr += d;
      if (/retry 1 in \d+ ms/.test(stderr) && !child.killed) {
        child.kill('SIGTERM');
        // The lock is free again: a retry now would succeed, and commit what was cancelled.
        void holder.query('ROLLBACK');
      }
    });
    const r = await done;
    await holder.end();
    expect(r.code).toBe(130);
    expect(JSON.parse(r.stdout).findings.map((f: { rule: string }) => f.rule)).toContain('cancelled');
    expect(await history()).toEqual([]);
    expect(
      (
        await db.query(
          "SELECT count(*)::int AS n FROM information_schema.columns WHERE table_name = 'held' AND column_name = 'x'",
        )
      ).rows[0].n,
    ).toBe(0);
  });
});

describe('a process killed outright (SIGKILL)', () => {
  test('PostgreSQL 14+ notices the vanished client and aborts the migration instead of committing it', async () => {
    const major = Math.floor(Number((await db.query('SHOW server_version_num')).rows[0].server_version_num) / 10000);
    const child = spawn(process.execPath, [
      join(process.cwd(), 'dist', 'cli.js'),
      'apply',
      '--yes',
      '--backup',
      'false',
      '--migrations-dir',
      folder(4),
      '--database-url',
      db.url,
    ]);
    void exited(child);
    await sleeping();
    child.kill('SIGKILL');
    await sleep(2500);
    if (major >= 14) {
      expect(await stillSleeping()).toBe(0);
      expect(await tables()).toEqual(['a']);
    } else {
      // Older servers finish the query they were given: the migration commits with its history row.
      await sleep(2000);
      expect(await history()).toEqual(['001_a.sql', '002_slow.sql']);
    }
  });
});
