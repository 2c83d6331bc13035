import pg from 'pg';
import { readMetadata } from '../../src/backup/metadata.js';
import { apply } from '../../src/commands/apply.js';
import type { RawConfig } from '../../src/config/inputs-spec.js';
import { applyMigrations } from '../../src/engine/pipeline.js';
import { silentLogger } from '../../src/foundation/logger.js';
import { withPgDump } from '../harness/backup-tools.js';
import { testConfig } from '../harness/config.js';
import { scratchDb, type ScratchDb } from '../harness/db.js';
import { addFile, makeFolder } from '../harness/folders.js';

let db: ScratchDb;
beforeEach(async () => {
  db = await scratchDb();
});
afterEach(async () => {
  await db.drop();
});

const ctx = () => ({ databaseUrl: db.url, log: silentLogger, appliedBy: 'test', backupDir: makeFolder({}) });
const run = (dir: string, raw: RawConfig = {}) =>
  apply(testConfig({ 'migrations-dir': dir, 'database-url': db.url, ...raw }), ctx());
const versions = async () =>
  (await db.query('SELECT version FROM schema_migrations ORDER BY id')).rows.map((r) => r.version);

async function deployed(files: Record<string, string>): Promise<string> {
  const dir = makeFolder(files);
  expect((await applyMigrations(testConfig({ 'migrations-dir': dir, 'database-url': db.url }), ctx())).ok).toBe(true);
  await db.query("INSERT INTO accounts (name) SELECT 'a' || g FROM generate_series(1, 50) g");
  return dir;
}
const base = {
  '001_accounts.sql': 'CREATE TABLE accounts (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL);',
};

describe('the order of a production apply', () => {
  withPgDump.test(
    'backup first (for this plan), then the migrations, the health check, and a post-migration backup',
    async () => {
      const dir = await deployed(base);
      addFile(dir, '002_email.sql', 'ALTER TABLE accounts ADD COLUMN email text;');
      const r = await run(dir, { 'health-check': 'SELECT count(*) = 50 FROM accounts' });
      expect(r.ok).toBe(true);
      expect(r.applied.map((a) => a.version)).toEqual(['002']);
      const before = readMetadata(r.backup!.path);
      expect(before).toMatchObject({ planHash: r.planHash, lastApplied: { version: '001' } });
      expect(r.postBackup!.path).not.toBe(r.backup!.path);
      expect(readMetadata(r.postBackup!.path).lastApplied?.version).toBe('002');
      expect(r.notes).toContain('health check passed');
    },
  );

  withPgDump.test('a failing health check fails the run, and the report names the backup', async () => {
    const dir = await deployed(base);
    addFile(dir, '002_email.sql', 'ALTER TABLE accounts ADD COLUMN email text;');
    const r = await run(dir, { 'health-check': 'SELECT count(*) > 1000 FROM accounts' });
    expect(r.ok).toBe(false);
    expect(r.findings.map((f) => f.rule)).toEqual(['health-check-failed']);
    expect(r.findings[0].message).toMatch(/it returned false, not true/);
    expect(r.postBackup).toBeUndefined();
    expect(r.notes.join('\n')).toContain(`the pre-apply backup is ${r.backup!.path}`);
  });

  // on-failure: restore is tested in on-failure-restore.test.ts, on a server of its own: whether anyone else wrote
  // since the backup is told by server-wide transaction ids, which the tests sharing this server keep spending.

  withPgDump.test('on-failure: rollback (the default) keeps what applied before the failure', async () => {
    const dir = await deployed(base);
    addFile(dir, '002_tags.sql', 'CREATE TABLE tags (id int);');
    addFile(dir, '003_broken.sql', 'SELECT 1/0;');
    const r = await run(dir);
    expect(await versions()).toEqual(['001', '002']);
    expect(r.backup).toBeDefined();
  });

  test('backup: false skips the backup, and says so', async () => {
    const dir = await deployed(base);
    addFile(dir, '002_email.sql', 'ALTER TABLE accounts ADD COLUMN email text;');
    const r = await run(dir, { backup: 'false' });
    expect(r.backup).toBeUndefined();
    expect(r.notes).toContain('backup: false — no backup was taken before applying');
  });

  test('a backup that cannot be taken means no migration runs', async () => {
    const dir = await deployed(base);
    addFile(dir, '002_email.sql', 'ALTER TABLE accounts ADD COLUMN email text;');
    const r = await run(dir, { 'pg-dump-path': '/nonexistent/pg_dump', 'backup-dir': '/dev/null/x' });
    expect(r.findings.map((f) => f.rule)).toEqual(['backup-failed']);
    expect(await versions()).toEqual(['001']);
  });
});

describe('pre-flight', () => {
  test('a session idle in a transaction on a table the migration touches: reported, and fatal with preflight: strict', async () => {
    const dir = await deployed(base);
    addFile(dir, '002_email.sql', 'ALTER TABLE accounts ADD COLUMN email text;');
    const other = new pg.Client({ connectionString: db.url });
    await other.connect();
    try {
      await other.query('BEGIN; SELECT count(*) FROM accounts');
      const strict = await run(dir, { preflight: 'strict', backup: 'false' });
      expect(strict.findings.map((f) => `${f.rule} ${f.severity}`)).toEqual(['blocking-session error']);
      expect(strict.findings[0].message).toMatch(
        /^pid \d+ \(idle in transaction, transaction open \d+ s\) holds AccessShareLock on accounts/,
      );
      expect(await versions()).toEqual(['001']);
    } finally {
      await other.end();
    }
  });

  test('a session holding ACCESS EXCLUSIVE on any table would hold up the backup: reported, fatal with strict, nothing dumped or applied', async () => {
    const dir = await deployed(base);
    await db.query('CREATE TABLE unrelated (id int)');
    addFile(dir, '002_email.sql', 'ALTER TABLE accounts ADD COLUMN email text;');
    const other = new pg.Client({ connectionString: db.url });
    await other.connect();
    try {
      await other.query('BEGIN; LOCK TABLE unrelated IN ACCESS EXCLUSIVE MODE');
      const started = Date.now();
      const strict = await run(dir, { preflight: 'strict' });
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(strict.findings.map((f) => `${f.rule} ${f.severity}`)).toEqual(['blocking-session error']);
      expect(strict.findings[0].message).toMatch(
        /holds ACCESS EXCLUSIVE on public\.unrelated: the backup taken before the migrations would wait behind it/,
      );
      expect(strict.backup).toBeUndefined();
      expect(await versions()).toEqual(['001']);
    } finally {
      await other.end();
    }
  });

  test('an invalid index left by a failed CREATE INDEX CONCURRENTLY is dropped and built again', async () => {
    const dir = await deployed(base);
    await db.query("INSERT INTO accounts (name) VALUES ('a1')");
    // A unique build fails on the duplicate and leaves the index behind, invalid.
    await db.query('CREATE UNIQUE INDEX CONCURRENTLY accounts_name ON accounts (name)').catch(() => {});
    expect(
      (await db.query("SELECT indisvalid FROM pg_index WHERE indexrelid = 'accounts_name'::regclass")).rows[0]
        .indisvalid,
    ).toBe(false);
    addFile(dir, '002_index.sql', 'CREATE INDEX CONCURRENTLY IF NOT EXISTS accounts_name ON accounts (name);');
    const r = await run(dir, { backup: 'false' });
    expect(r.ok).toBe(true);
    expect(r.notes.join('\n')).toMatch(
      /dropped the invalid index public\.accounts_name left by an earlier failed CREATE INDEX CONCURRENTLY/,
    );
    expect(
      (await db.query("SELECT indisvalid FROM pg_index WHERE indexrelid = 'accounts_name'::regclass")).rows[0]
        .indisvalid,
    ).toBe(true);
  });
});
