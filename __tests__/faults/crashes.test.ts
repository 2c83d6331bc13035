import { spawn } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { applyMigrations } from '../../src/engine/pipeline.js';
import { runCommand } from '../../src/commands/run-command.js';
import type { RawConfig } from '../../src/config/inputs-spec.js';
import { startEmbeddedServer, type EmbeddedServer } from '../../src/cli/embedded-server.js';
import { silentLogger } from '../../src/foundation/logger.js';
import { testConfig } from '../harness/config.js';
import { scratchDb, type ScratchDb } from '../harness/db.js';
import { addFile, makeFolder } from '../harness/folders.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until the migrating session runs a statement matching `pattern`, then returns its pid. */
async function migratingPid(url: string, pattern: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    for (let i = 0; i < 200; i++) {
      const r = await c.query(
        "SELECT pid FROM pg_stat_activity WHERE application_name = 'pg-migration-gate' AND query LIKE $1",
        [`%${pattern}%`],
      );
      if (r.rows.length) return r.rows[0].pid;
      await sleep(25);
    }
  } finally {
    await c.end();
  }
  throw new Error(`no session ran ${pattern}`);
}

async function terminate(url: string, pid: number): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query('SELECT pg_terminate_backend($1)', [pid]);
  await c.end();
}

/** Consistency: the history lists exactly the migrations whose tables exist, none dirty unless said. */
async function state(db: ScratchDb) {
  const history = (await db.query('SELECT version, dirty FROM schema_migrations ORDER BY id')).rows.map(
    (r) => `${r.version}${r.dirty ? ' dirty' : ''}`,
  );
  const tables = (
    await db.query(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'schema_migrations' ORDER BY 1",
    )
  ).rows.map((r) => r.table_name);
  return { history, tables };
}

let db: ScratchDb;
beforeEach(async () => {
  db = await scratchDb();
});
afterEach(async () => {
  await db.drop();
});

const ctx = (url = db.url) => ({ databaseUrl: url, log: silentLogger, appliedBy: 'faults', backupDir: makeFolder({}) });
const engine = (dir: string, raw: RawConfig = {}, url = db.url) =>
  applyMigrations(testConfig({ 'migrations-dir': dir, 'database-url': url, ...raw }), ctx(url));

describe('the migrating connection is killed', () => {
  test('in the middle of a transactional migration: it rolls back whole; a plain re-run completes', async () => {
    const dir = makeFolder({
      '001_a.sql': 'CREATE TABLE a (id int);',
      '002_b.sql': 'CREATE TABLE b (id int);\nSELECT pg_sleep(3);\nCREATE TABLE b2 (id int);',
    });
    const running = engine(dir);
    await terminate(db.url, await migratingPid(db.url, 'pg_sleep'));
    const r = await running;
    expect(r.ok).toBe(false);
    expect(r.findings[0]).toMatchObject({ rule: 'apply-failed', sqlstate: '57P01' });
    expect(await state(db)).toEqual({ history: ['001'], tables: ['a'] });
    const again = await engine(dir);
    expect(again.applied.map((a) => a.version)).toEqual(['002']);
    expect(await state(db)).toEqual({ history: ['001', '002'], tables: ['a', 'b', 'b2'] });
  });

  test('in the middle of a non-transactional migration: it stays dirty until resolved, then completes', async () => {
    const dir = makeFolder({
      '001_a.sql': 'CREATE TABLE a (id int);',
      '002_idx.sql':
        'CREATE INDEX CONCURRENTLY IF NOT EXISTS a_id ON a (id);\nSELECT pg_sleep(3);\nCREATE INDEX CONCURRENTLY IF NOT EXISTS a_id2 ON a (id);',
    });
    const running = engine(dir);
    await terminate(db.url, await migratingPid(db.url, 'pg_sleep'));
    await running.catch(() => undefined);
    expect((await state(db)).history).toEqual(['001', '002 dirty']);
    const refused = await runCommand(
      testConfig({
        command: 'apply',
        'migrations-dir': dir,
        'database-url': db.url,
        backup: 'false',
        'allow-ungated': 'true',
      }),
      ctx(),
    );
    expect(refused.findings.map((f) => f.rule)).toEqual(['dirty-migration']);
    // Its statements are idempotent: re-running it is the resolution.
    const resolved = await engine(dir, { 'resolve-dirty': '002=rerun' });
    expect(resolved.ok).toBe(true);
    expect((await state(db)).history).toEqual(['001', '002']);
  });
});

describe('the process is killed (SIGKILL) in the middle of an apply', () => {
  test('the server rolls the open migration back when it notices; the next run waits for the lock, then completes', async () => {
    const dir = makeFolder({
      '001_a.sql': 'CREATE TABLE a (id int);',
      '002_b.sql': 'CREATE TABLE b (id int);\nSELECT pg_sleep(2);',
    });
    const child = spawn(
      process.execPath,
      [
        join(process.cwd(), 'dist', 'cli.js'),
        'apply',
        '--yes',
        '--backup',
        'false',
        '--migrations-dir',
        dir,
        '--database-url',
        db.url,
      ],
      { stdio: 'ignore' },
    );
    await migratingPid(db.url, 'pg_sleep');
    child.kill('SIGKILL');
    const again = await engine(dir, { 'lock-wait': '30s' });
    expect(again.ok).toBe(true);
    expect(await state(db)).toEqual({ history: ['001', '002'], tables: ['a', 'b'] });
  });
});

describe('the server restarts in the middle of an apply', () => {
  let server: EmbeddedServer;
  beforeAll(async () => {
    // Durable settings: a crash must lose nothing that was committed.
    server = await startEmbeddedServer({ durable: true });
  });
  afterAll(async () => {
    await server.stop();
  });

  test('the run fails with the connection lost; after the restart a plain re-run completes', async () => {
    const dir = makeFolder({
      '001_a.sql': 'CREATE TABLE a (id int);',
      '002_b.sql': 'CREATE TABLE b (id int);\nSELECT pg_sleep(5);',
    });
    const running = runCommand(
      testConfig({
        command: 'apply',
        'migrations-dir': dir,
        'database-url': server.url,
        backup: 'false',
        'allow-ungated': 'true',
      }),
      ctx(server.url),
    );
    await migratingPid(server.url, 'pg_sleep');
    await server.crashAndRestart!();
    const r = await running;
    expect(r.ok).toBe(false);
    expect(r.findings[0]).toMatchObject({
      rule: 'apply-failed',
      message: expect.stringMatching(/^002_b\.sql failed: .*(terminat|connection)/),
    });
    const c = new pg.Client({ connectionString: server.url });
    await c.connect();
    try {
      expect((await c.query('SELECT version FROM schema_migrations ORDER BY id')).rows.map((x) => x.version)).toEqual([
        '001',
      ]);
      expect((await c.query("SELECT to_regclass('b') AS t")).rows[0].t).toBeNull();
    } finally {
      await c.end();
    }
    addFile(dir, '002_b.sql', 'CREATE TABLE b (id int);');
    const again = await engine(dir, {}, server.url);
    expect(again.applied.map((a) => a.version)).toEqual(['002']);
  });
});
