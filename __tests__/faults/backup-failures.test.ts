import pg from 'pg';
import { apply } from '../../src/commands/apply.js';
import type { RawConfig } from '../../src/config/inputs-spec.js';
import { silentLogger } from '../../src/logger.js';
import { runAction } from '../harness/action-runner.js';
import { FakeArtifactService } from '../harness/artifact-service.js';
import { testConfig } from '../harness/config.js';
import { scratchDb, type ScratchDb } from '../harness/db.js';
import { makeFolder } from '../harness/folders.js';

let db: ScratchDb;
beforeEach(async () => {
  db = await scratchDb();
  await db.query('CREATE TABLE accounts (id int)');
});
afterEach(async () => {
  await db.drop();
});

const dir = () => makeFolder({ '001_email.sql': 'ALTER TABLE accounts ADD COLUMN email text;' });
const run = (raw: RawConfig) => apply(testConfig({ 'migrations-dir': dir(), 'database-url': db.url, ...raw }), { databaseUrl: db.url, log: silentLogger, appliedBy: 'faults', backupDir: makeFolder({}) });
const untouched = async () => expect((await db.query("SELECT to_regclass('schema_migrations') AS h, (SELECT count(*)::int FROM information_schema.columns WHERE table_name = 'accounts') AS cols")).rows[0]).toEqual({ h: null, cols: 1 });

describe('the apply never starts without the backup it was promised', () => {
  test('pg_dump missing', async () => {
    const r = await run({ 'pg-dump-path': '/nonexistent/bin' });
    expect(r.findings.map((f) => f.rule)).toEqual(['backup-failed']);
    expect(r.findings[0].message).toBe("no migration was applied because the backup failed: pg-dump-path: '/nonexistent/bin' holds no working pg_dump; point it at a pg_dump binary or the folder that holds it");
    await untouched();
  });

  test('pg_dump failing in the middle of the dump', async () => {
    // Another session holds a lock pg_dump must wait for; its session is then ended under it.
    const holder = new pg.Client({ connectionString: db.url });
    await holder.connect();
    await holder.query('BEGIN; LOCK TABLE accounts IN ACCESS EXCLUSIVE MODE');
    const killer = (async () => {
      const c = new pg.Client({ connectionString: db.url });
      await c.connect();
      for (let i = 0; i < 200; i++) {
        const r = await c.query("SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE application_name = 'pg_dump' AND datname = current_database()");
        if (r.rows.length) break;
        await new Promise((res) => setTimeout(res, 25));
      }
      await c.end();
      await holder.query('ROLLBACK');
      await holder.end();
    })();
    const r = await run({});
    await killer;
    // Pre-flight saw the lock holder first, and said so.
    expect(r.findings.map((f) => `${f.rule} ${f.severity}`)).toEqual(['blocking-session warning', 'backup-failed error']);
    expect(r.findings[1].message).toMatch(/pg_dump exited with 1/);
    await untouched();
  });

  test('an unwritable backup-dir', async () => {
    const r = await run({ 'backup-dir': '/dev/null/backups' });
    expect(r.findings[0].message).toMatch(/backup-dir: '\/dev\/null\/backups' cannot be written/);
    await untouched();
  });

  test('the artifact upload failing', async () => {
    const service = new FakeArtifactService();
    service.failCreateWith = 403;
    const { url, token } = await service.start();
    try {
      const r = await runAction(
        { command: 'apply', 'migrations-dir': dir(), 'database-url': db.url, 'allow-ungated': 'true' },
        { env: { ACTIONS_RUNTIME_TOKEN: token, ACTIONS_RESULTS_URL: url } },
      );
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/::error::apply failed: no migration was applied because the backup failed: .*403/);
      await untouched();
    } finally {
      await service.stop();
    }
  });
});
