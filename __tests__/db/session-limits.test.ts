import { randomBytes } from 'node:crypto';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { applyMigrations } from '../../src/engine/pipeline.js';
import { installedTools } from '../../src/backup/pg-tools.js';
import { apply } from '../../src/commands/apply.js';
import { backup } from '../../src/commands/backup.js';
import { restore } from '../../src/commands/restore.js';
import { verify } from '../../src/commands/verify.js';
import type { RawConfig } from '../../src/config/inputs-spec.js';
import { silentLogger } from '../../src/foundation/logger.js';
import { SCRATCH_PREFIX } from '../../src/verify/scratch.js';
import { backupToolsMissing, testServerMajor as major } from '../harness/backup-tools.js';
import { testConfig } from '../harness/config.js';
import { adminQuery, scratchDb, type ScratchDb } from '../harness/db.js';
import { makeFolder } from '../harness/folders.js';

/**
 * A role or a database may limit every session: idle_session_timeout (PostgreSQL 14+),
 * idle_in_transaction_session_timeout, transaction_timeout (17+), statement_timeout. Our own sessions (the run's control session that holds
 * the advisory lock, the backup's snapshot transaction, verify's sessions, the restore's lock-wait watcher) must
 * outlive them, and a migration's statement_timeout stays the one configured, or the one its file sets.
 */
let db: ScratchDb;
let role: string | undefined;
beforeEach(async () => {
  db = await scratchDb();
  role = undefined;
});
afterEach(async () => {
  await db.drop();
  if (!role) return;
  // A verify that left a scratch database behind fails its own test; the role goes either way.
  for (const { datname } of (
    await adminQuery('SELECT datname FROM pg_database WHERE datdba = (SELECT oid FROM pg_roles WHERE rolname = $1)', [
      role,
    ])
  ).rows) {
    await adminQuery(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  }
  await adminQuery(`DROP ROLE IF EXISTS ${role}`);
});

const HAS_IDLE_SESSION = major >= 14;
const noIdleSession = HAS_IDLE_SESSION ? undefined : 'idle_session_timeout came with PostgreSQL 14';
const noPgDump = await backupToolsMissing(major);
/** A test that needs what this server or machine lacks is reported as skipped, its title saying why; never as passed. */
const unless = (missing: string | undefined) =>
  missing
    ? (name: string, fn: jest.ProvidesCallback, timeout?: number) =>
        test.skip(`${name} [not run on PostgreSQL ${major}: ${missing}]`, fn, timeout)
    : test;
const idleSession = unless(noIdleSession);
const withPgDump = unless(noPgDump);
const idleSessionWithPgDump = unless(noIdleSession ?? noPgDump);

type Limits = Record<string, string>;
/** The idle limits, as far as this server has them. */
const idleLimits = (value: string): Limits => ({
  ...(HAS_IDLE_SESSION ? { idle_session_timeout: value } : {}),
  idle_in_transaction_session_timeout: value,
});
/** Every limit on a session's life but statement_timeout, as far as this server has them (transaction_timeout: 17+). */
const lifeLimits = (value: string): Limits => ({
  ...idleLimits(value),
  ...(major >= 17 ? { transaction_timeout: value } : {}),
});

/**
 * The test's database owned by a role of its own, with `database` set on the database and `role` on the role;
 * returns the URL that connects as that role.
 */
async function limitedOwner(limits: { database?: Limits; role?: Limits }): Promise<string> {
  role = `pmg_limited_${randomBytes(4).toString('hex')}`;
  await adminQuery(`CREATE ROLE ${role} LOGIN CREATEDB`);
  await adminQuery(`ALTER DATABASE ${db.name} OWNER TO ${role}`);
  await db.query(`GRANT ALL ON SCHEMA public TO ${role}`);
  for (const [name, value] of Object.entries(limits.database ?? {}))
    await adminQuery(`ALTER DATABASE ${db.name} SET ${name} = '${value}'`);
  for (const [name, value] of Object.entries(limits.role ?? {}))
    await adminQuery(`ALTER ROLE ${role} SET ${name} = '${value}'`);
  const u = new URL(db.url);
  u.username = role;
  return u.toString();
}

const ctx = (url: string) => ({ databaseUrl: url, log: silentLogger, appliedBy: 'test', backupDir: makeFolder({}) });
const config = (url: string, dir: string, raw: RawConfig = {}) =>
  testConfig({ 'migrations-dir': dir, 'database-url': url, ...raw });
const history = async () =>
  (await db.query('SELECT migration_name, dirty FROM schema_migrations ORDER BY id')).rows.map(
    (r) => `${r.migration_name}${r.dirty ? ' dirty' : ''}`,
  );
const errors = (r: { findings: { severity: string; rule: string; message: string }[] }) =>
  r.findings.filter((f) => f.severity === 'error').map((f) => `${f.rule}: ${f.message}`);

/** Waits until a session of the test's database matches `sql` (a condition on pg_stat_activity). */
async function waitFor(what: string, sql: string): Promise<void> {
  for (let i = 0; ; i++) {
    if (
      (
        await adminQuery(`SELECT 1 FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() AND ${sql}`, [
          db.name,
        ])
      ).rows.length
    )
      return;
    if (i > 400) throw new Error(`never saw ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * A folder holding pg_dump and pg_restore (pg-dump-path) that take `delay` seconds to start the real work, as a
 * container's would: the backup's snapshot transaction, and our session around a restore, sit idle meanwhile.
 */
async function slowTools(delay: number): Promise<string> {
  const dir = makeFolder({});
  for (const [name, when] of [
    ['pg_dump', '--snapshot='],
    ['pg_restore', '--clean'],
  ]) {
    const real = (await installedTools(name)).sort((a, b) => b.major - a.major)[0];
    const file = join(dir, name);
    writeFileSync(file, `#!/bin/sh\ncase "$*" in *${when}*) sleep ${delay} ;; esac\nexec "${real.path}" "$@"\n`);
    chmodSync(file, 0o755);
  }
  return dir;
}

describe('apply on a server whose role and database limit every session', () => {
  test('migrations longer than every limit the server has apply clean, none dirty (statement-timeout: off)', async () => {
    const url = await limitedOwner({ database: lifeLimits('1s'), role: { statement_timeout: '1s' } });
    const dir = makeFolder({
      '001_table.sql': 'CREATE TABLE items (id int);\nSELECT pg_sleep(1.5);',
      '002_index.sql': 'SELECT pg_sleep(1.5);\nCREATE INDEX CONCURRENTLY items_id ON items (id);',
      '003_own_transaction.sql': 'BEGIN;\nINSERT INTO items VALUES (1);\nSELECT pg_sleep(1.2);\nCOMMIT;',
      '004_more.sql': 'INSERT INTO items VALUES (2);\nSELECT pg_sleep(1.2);',
    });
    const r = await applyMigrations(config(url, dir), ctx(url));
    expect(errors(r)).toEqual([]);
    expect(r.applied.map((a) => a.name)).toEqual([
      '001_table.sql',
      '002_index.sql',
      '003_own_transaction.sql',
      '004_more.sql',
    ]);
    expect(await history()).toEqual(['001_table.sql', '002_index.sql', '003_own_transaction.sql', '004_more.sql']);
    expect(
      (await db.query("SELECT indisvalid FROM pg_index WHERE indexrelid = 'items_id'::regclass")).rows[0].indisvalid,
    ).toBe(true);
  });

  idleSession(
    "CREATE INDEX CONCURRENTLY after a wait longer than the database's idle_session_timeout is recorded clean",
    async () => {
      // The control session sits idle, holding the lock, while the migration runs on the migrating session.
      const url = await limitedOwner({ database: { idle_session_timeout: '1s' } });
      const dir = makeFolder({
        '001_table.sql': 'CREATE TABLE items (id int);',
        '002_index.sql': 'SELECT pg_sleep(1.5);\nCREATE INDEX CONCURRENTLY items_id ON items (id);',
      });
      const r = await applyMigrations(config(url, dir), ctx(url));
      expect(errors(r)).toEqual([]);
      expect(await history()).toEqual(['001_table.sql', '002_index.sql']);
    },
  );

  test("a second run waits lock-wait for the run before it, not the role's statement_timeout", async () => {
    const url = await limitedOwner({ role: { statement_timeout: '1s' } });
    const dir = makeFolder({ '001_slow.sql': 'SELECT pg_sleep(1.5);' });
    const first = applyMigrations(config(url, dir), ctx(url));
    await waitFor('the first run sleeping', "query LIKE '%pg_sleep(1.5)%'");
    const second = await applyMigrations(config(url, dir, { 'lock-wait': '10s' }), ctx(url));
    expect(errors(await first)).toEqual([]);
    expect(errors(second)).toEqual([]);
    expect(second.applied).toEqual([]);
    expect(await history()).toEqual(['001_slow.sql']);
  });
});

describe("a migration's statement_timeout is the configured one, or its file's own", () => {
  test.each([
    ['in a transaction', 'SELECT pg_sleep(0.8);', []],
    [
      'outside a transaction',
      'SELECT pg_sleep(0.8);\nCREATE INDEX CONCURRENTLY items_id ON items (id);',
      ['002_slow.sql dirty'],
    ],
  ])(
    "statement-timeout: 500ms cancels a statement %s that the role's statement_timeout of 1s would let finish",
    async (_, sql, left) => {
      const url = await limitedOwner({ database: idleLimits('1s'), role: { statement_timeout: '1s' } });
      const dir = makeFolder({ '001_table.sql': 'CREATE TABLE items (id int);', '002_slow.sql': sql });
      const r = await applyMigrations(config(url, dir, { 'statement-timeout': '500ms' }), ctx(url));
      expect(r.findings.filter((f) => f.severity === 'error').map((f) => [f.rule, f.sqlstate, f.line])).toEqual([
        ['apply-failed', '57014', 1],
      ]);
      expect(await history()).toEqual(['001_table.sql', ...left]);
    },
  );

  test("a SET statement_timeout in the file governs that migration, above or below the configured one and the role's", async () => {
    const url = await limitedOwner({ role: { statement_timeout: '1s' } });
    const dir = makeFolder({ '001_longer.sql': "SET statement_timeout = '5s';\nSELECT pg_sleep(1.2);" });
    const longer = await applyMigrations(config(url, dir, { 'statement-timeout': '500ms' }), ctx(url));
    expect(errors(longer)).toEqual([]);
    const shorter = makeFolder({
      '001_longer.sql': "SET statement_timeout = '5s';\nSELECT pg_sleep(1.2);",
      '002_shorter.sql': "SET statement_timeout = '200ms';\nSELECT pg_sleep(0.5);",
    });
    const r = await applyMigrations(config(url, shorter), ctx(url));
    expect(
      r.findings
        .filter((f) => f.severity === 'error')
        .map((f) => [f.rule, f.sqlstate, f.file?.endsWith('002_shorter.sql'), f.line]),
    ).toEqual([['apply-failed', '57014', true, 2]]);
    expect(await history()).toEqual(['001_longer.sql']);
  });

  test('a SET idle_in_transaction_session_timeout in the file holds for that file, as in psql; the next starts from ours', async () => {
    const url = await limitedOwner({ database: idleLimits('1s') });
    const seen = (k: string) =>
      `INSERT INTO seen VALUES ('${k}', current_setting('idle_in_transaction_session_timeout'));`;
    const dir = makeFolder({
      '001_seen.sql': 'CREATE TABLE seen (k text, v text);',
      '002_own.sql': [
        "SET idle_in_transaction_session_timeout = '150ms';",
        'BEGIN;',
        seen('002'),
        'SELECT pg_sleep(0.4);',
        'COMMIT;',
      ].join('\n'),
      '003_next.sql': seen('003'),
    });
    const r = await applyMigrations(config(url, dir), ctx(url));
    expect(errors(r)).toEqual([]);
    expect((await db.query('SELECT k, v FROM seen ORDER BY k')).rows.map((x) => `${x.k}=${x.v}`)).toEqual([
      '002=150ms',
      '003=0',
    ]);
  });
});

describe('verify on a server whose role limits every session', () => {
  test('the checks, a slow seed and the scratch databases outlast the limits; nothing is left behind', async () => {
    // Set on the role: verify's scratch databases are new databases, which the test's database's settings do not reach.
    const url = await limitedOwner({ role: { ...lifeLimits('1s'), statement_timeout: '1s' } });
    const seed = join(makeFolder({ 'seed.sql': 'SELECT pg_sleep(1.5);' }), 'seed.sql');
    const dir = makeFolder({
      '001_table.up.sql': 'CREATE TABLE IF NOT EXISTS items (id int);',
      '001_table.down.sql': 'DROP TABLE IF EXISTS items;',
      '002_slow.up.sql': 'ALTER TABLE items ADD COLUMN IF NOT EXISTS note text;\nSELECT pg_sleep(1.2);',
      '002_slow.down.sql': 'ALTER TABLE items DROP COLUMN IF EXISTS note;',
      '003_index.up.sql': 'SELECT pg_sleep(1.2);\nCREATE INDEX CONCURRENTLY IF NOT EXISTS items_id ON items (id);',
      '003_index.down.sql': 'DROP INDEX CONCURRENTLY IF EXISTS items_id;',
    });
    const r = await verify(
      config(url, dir, { command: 'verify', checks: 'apply,idempotency,reversibility,locks', 'seed-file': seed }),
      { databaseUrl: url, log: silentLogger },
    );
    expect(errors(r)).toEqual([]);
    expect(r.verify!.migrations.map((m) => [m.name, m.apply, m.idempotency, m.reversibility])).toEqual([
      ['001_table', 'ok', 'ok', 'ok'],
      ['002_slow', 'ok', 'ok', 'ok'],
      ['003_index', 'ok', 'ok', 'ok'],
    ]);
    expect(
      (await adminQuery('SELECT count(*)::int AS n FROM pg_database WHERE datname LIKE $1', [`${SCRATCH_PREFIX}%`]))
        .rows[0].n,
    ).toBe(0);
  });
});

describe('backup and restore on a server whose role and database limit every session', () => {
  withPgDump(
    "the backup's snapshot transaction sits idle longer than the limits while pg_dump starts, and the dump is good",
    async () => {
      const url = await limitedOwner({ database: lifeLimits('1s'), role: { statement_timeout: '1s' } });
      await db.query('CREATE TABLE items (id int); INSERT INTO items SELECT g FROM generate_series(1, 1000) g');
      await db.query(`ALTER TABLE items OWNER TO ${role}`);
      const r = await backup(config(url, makeFolder({}), { 'pg-dump-path': await slowTools(1.5) }), ctx(url));
      expect(r.backup!.size).toBeGreaterThan(0);
      expect(r.backup!.pgDumpVersion).toMatch(/^\d+/);
    },
  );

  withPgDump(
    'apply with on-failure: restore — the control session idles through the backup, the migrations and the restore',
    async () => {
      const url = await limitedOwner({ database: lifeLimits('1s'), role: { statement_timeout: '1s' } });
      const deployed = { '001_items.sql': 'CREATE TABLE items (id int);\nINSERT INTO items VALUES (1), (2);' };
      expect(errors(await applyMigrations(config(url, makeFolder(deployed)), ctx(url)))).toEqual([]);
      const dir = makeFolder({
        ...deployed,
        '002_more.sql': 'CREATE TABLE more_items (id int);\nSELECT pg_sleep(1.2);',
        '003_broken.sql': 'SELECT pg_sleep(1.2);\nSELECT 1 / 0;',
      });
      const r = await apply(
        config(url, dir, { 'on-failure': 'restore', 'pg-dump-path': await slowTools(1.5) }),
        ctx(url),
      );
      expect(errors(r).map((e) => e.split(':')[0])).toEqual(['apply-failed']);
      expect(r.applied.map((a) => a.name)).toEqual(['002_more.sql']);
      expect(r.notes.join('\n')).toMatch(/on-failure: restore — the pre-apply backup .* was restored/);
      expect((await db.query("SELECT to_regclass('more_items') AS t")).rows[0].t).toBeNull();
      expect(await history()).toEqual(['001_items.sql']);
    },
  );

  // A lock wait pg_restore cannot bound itself: our watcher cancels it, and sleeps between its looks.
  idleSessionWithPgDump(
    "restore: the lock-wait watcher outlives the database's idle_session_timeout and still stops the restore at backup-lock-timeout",
    async () => {
      await db.query('CREATE TABLE items (id int); INSERT INTO items VALUES (1)');
      const taken = await backup(config(db.url, makeFolder({})), ctx(db.url));
      await adminQuery(`ALTER DATABASE ${db.name} SET idle_session_timeout = '200ms'`);
      const holder = new pg.Client({ connectionString: db.url });
      await holder.connect();
      // Let go after a while in any case, so that a watcher that died shows as a restore that went through.
      const release = setTimeout(() => void holder.query('ROLLBACK').catch(() => {}), 8000);
      try {
        await holder.query('BEGIN; LOCK TABLE items IN ACCESS EXCLUSIVE MODE');
        const started = performance.now();
        const r = restore(
          config(db.url, makeFolder({}), {
            command: 'restore',
            'backup-file': taken.backup!.path,
            'backup-lock-timeout': '2s',
            'restore-discards-writes': 'true',
          }),
          ctx(db.url),
        );
        await expect(r).rejects.toThrow(/the restore waited longer than 2000 ms \(backup-lock-timeout\)/);
        expect(performance.now() - started).toBeLessThan(7000);
      } finally {
        clearTimeout(release);
        await holder.end();
      }
    },
  );
});
