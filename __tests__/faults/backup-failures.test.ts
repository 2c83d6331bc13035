import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { readMetadata } from '../../src/backup/metadata.js';
import { apply } from '../../src/commands/apply.js';
import { backup } from '../../src/commands/backup.js';
import { restore } from '../../src/commands/restore.js';
import type { RawConfig } from '../../src/config/inputs-spec.js';
import { silentLogger } from '../../src/foundation/logger.js';
import { runAction } from '../harness/action-runner.js';
import { FakeArtifactService } from '../harness/artifact-service.js';
import { testConfig } from '../harness/config.js';
import { tableChecksums } from '../harness/data.js';
import { adminQuery, scratchDb, type ScratchDb } from '../harness/db.js';
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
const run = (raw: RawConfig) =>
  apply(testConfig({ 'migrations-dir': dir(), 'database-url': db.url, ...raw }), {
    databaseUrl: db.url,
    log: silentLogger,
    appliedBy: 'faults',
    backupDir: makeFolder({}),
  });
const untouched = async () =>
  expect(
    (
      await db.query(
        "SELECT to_regclass('schema_migrations') AS h, (SELECT count(*)::int FROM information_schema.columns WHERE table_name = 'accounts') AS cols",
      )
    ).rows[0],
  ).toEqual({ h: null, cols: 1 });

describe('the apply never starts without the backup it was promised', () => {
  test('pg_dump missing', async () => {
    const r = await run({ 'pg-dump-path': '/nonexistent/bin' });
    expect(r.findings.map((f) => f.rule)).toEqual(['backup-failed']);
    expect(r.findings[0].message).toBe(
      "no migration was applied because the backup failed: pg-dump-path: '/nonexistent/bin' holds no working pg_dump; point it at a pg_dump binary or the folder that holds it",
    );
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
        const r = await c.query(
          "SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE application_name LIKE 'pg-migration-gate backup %' AND datname = current_database()",
        );
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
    expect(r.findings.map((f) => `${f.rule} ${f.severity}`)).toEqual([
      'blocking-session warning',
      'backup-failed error',
    ]);
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

describe('what the backup records about its database, when the server will not say everything', () => {
  test('pg_control_system() not readable: no system identifier, the database still named by name and oid, and a restore onto another database still refused', async () => {
    const role = `pmg_plain_${randomBytes(4).toString('hex')}`;
    const other = await scratchDb();
    try {
      await adminQuery(`CREATE ROLE ${role} LOGIN PASSWORD 'plain-pw'`);
      await adminQuery(`ALTER DATABASE ${db.name} OWNER TO ${role}`);
      // Function privileges live in each database's catalog: revoked here, for this database only.
      await db.query(
        `ALTER TABLE accounts OWNER TO ${role}; REVOKE EXECUTE ON FUNCTION pg_catalog.pg_control_system() FROM PUBLIC`,
      );
      const u = new URL(db.url);
      u.username = role;
      u.password = 'plain-pw';
      const url = u.toString();
      const b = (
        await backup(testConfig({ 'database-url': url }), {
          databaseUrl: url,
          log: silentLogger,
          backupDir: makeFolder({}),
        })
      ).backup!;
      const m = readMetadata(b.path);
      expect(m.systemIdentifier).toBeUndefined();
      expect(m).toMatchObject({
        databaseName: db.name,
        databaseOid: expect.any(Number),
        snapshot: { xmin: expect.stringMatching(/^\d+$/) },
      });

      await other.query('CREATE TABLE mine (id int); INSERT INTO mine VALUES (1)');
      const r = await restore(testConfig({ 'database-url': other.url, 'backup-file': b.path }), {
        databaseUrl: other.url,
        log: silentLogger,
      });
      expect(r.findings.map((f) => f.rule)).toEqual(['restore-refused']);
      expect(r.findings[0].message).toMatch(new RegExp(`it is database ${other.name}, the backup is of ${db.name}`));
      expect(await tableChecksums(other)).toEqual({ 'public.mine': expect.stringMatching(/^1 rows /) });
    } finally {
      await db.drop();
      await other.drop();
      await adminQuery(`DROP ROLE IF EXISTS ${role}`);
    }
  });
});

describe('on-failure: restore when pg_restore itself fails', () => {
  test('another session’s view on a table of the dump would stop pg_restore: nothing is restored or dropped, and the report names the view', async () => {
    await db.query('INSERT INTO accounts VALUES (1), (2)');
    const folder = makeFolder({
      '001_tags.sql': 'SELECT pg_advisory_xact_lock(4243);\nCREATE TABLE tags (id int);',
      '002_broken.sql': 'SELECT 1/0;',
    });
    const holder = new pg.Client({ connectionString: db.url });
    await holder.connect();
    try {
      await holder.query('SELECT pg_advisory_lock(4243)');
      const running = apply(
        testConfig({
          'migrations-dir': folder,
          'database-url': db.url,
          'on-failure': 'restore',
          'restore-discards-writes': 'true',
        }),
        {
          databaseUrl: db.url,
          log: silentLogger,
          appliedBy: 'faults',
          backupDir: makeFolder({}),
        },
      );
      for (
        let i = 0;
        !(
          await holder.query(
            "SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%pg_advisory_xact_lock(4243)%'",
          )
        ).rows.length;
        i++
      ) {
        if (i > 400) throw new Error('migration 001 never waited for the lock');
        await new Promise((res) => setTimeout(res, 25));
      }
      // After the backup: a view of theirs on accounts, which the dump's DROP TABLE accounts cannot go past.
      await db.query('CREATE VIEW their_view AS SELECT id FROM accounts');
      await holder.query('SELECT pg_advisory_unlock(4243)');
      const r = await running;
      expect(r.findings.map((f) => f.rule)).toEqual(['apply-failed', 'restore-failed']);
      expect(r.findings[1].message).toBe(
        'on-failure: restore failed, nothing was restored: objects made since the backup by others depend on objects of the backup, which pg_restore would have to drop: public.their_view',
      );
      // As the failure left it: their view, and the run's table with its history row.
      expect((await db.query('SELECT count(*)::int AS n FROM their_view')).rows[0].n).toBe(2);
      expect(
        (
          await db.query(
            "SELECT to_regclass('tags') IS NOT NULL AS t, (SELECT array_agg(version ORDER BY id) FROM schema_migrations) AS v",
          )
        ).rows[0],
      ).toEqual({ t: true, v: ['001'] });
    } finally {
      await holder.end();
    }
  });
});
