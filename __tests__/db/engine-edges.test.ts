import { applyMigrations as apply } from '../../src/engine/pipeline.js';
import { verify } from '../../src/commands/verify.js';
import { LOCK_NAMESPACE } from '../../src/db/session/advisory-lock.js';
import type { RawConfig } from '../../src/config/inputs-spec.js';
import { silentLogger } from '../../src/foundation/logger.js';
import { testConfig } from '../harness/config.js';
import { adminQuery, scratchDb, type ScratchDb } from '../harness/db.js';
import { makeFolder } from '../harness/folders.js';

/** Where a runner that batches statements could drift from psql: each case is held to what psql does. */
let db: ScratchDb;
beforeEach(async () => {
  db = await scratchDb();
});
afterEach(async () => {
  await db.drop();
});

const applyDir = (dir: string, raw: RawConfig = {}) =>
  apply(testConfig({ 'migrations-dir': dir, 'database-url': db.url, ...raw }), {
    databaseUrl: db.url,
    log: silentLogger,
    appliedBy: 'test',
  });
const verifyDir = (dir: string) =>
  verify(testConfig({ command: 'verify', 'migrations-dir': dir, 'database-url': db.url, checks: 'apply,locks' }), {
    databaseUrl: db.url,
    log: silentLogger,
  });
const history = async () =>
  (await db.query('SELECT migration_name FROM schema_migrations ORDER BY id')).rows.map((r) => r.migration_name);

describe('statements as psql sends them', () => {
  test('a file ending in a -- comment with no newline runs', async () => {
    const r = await applyDir(makeFolder({ '001_a.sql': 'CREATE TABLE a (id int) -- done' }));
    expect(r.findings).toEqual([]);
    expect(await history()).toEqual(['001_a.sql']);
  });

  test("an error the server's own parser finds is reported at its statement, not at our BEGIN", async () => {
    const major = Math.floor(Number((await db.query('SHOW server_version_num')).rows[0].server_version_num) / 10000);
    const dir = makeFolder({
      '001_json.sql':
        "CREATE TABLE t (j jsonb);\n\nSELECT * FROM JSON_TABLE('[]'::jsonb, '$[*]' COLUMNS (a int PATH '$.a')) AS jt;",
    });
    const r = await applyDir(dir);
    if (major >= 17) expect(r.ok).toBe(true);
    else
      expect(r.findings[0]).toMatchObject({ rule: 'apply-failed', file: '001_json.sql', line: 3, sqlstate: '42601' });
  });

  test('\\connect to another database or as another user is refused before anything runs', async () => {
    for (const line of ['\\connect other_db', '\\connect - some_other_user']) {
      const dir = makeFolder({
        '001_a.sql': 'CREATE TABLE a (id int);',
        '002_b.sql': `CREATE TABLE b (id int);\n${line}\nCREATE TABLE c (id int);`,
      });
      const r = await applyDir(dir);
      expect(r.findings).toEqual([
        expect.objectContaining({
          file: '002_b.sql',
          line: 2,
          message: expect.stringMatching(
            /^\\connect to (database other_db|user some_other_user): this migration runs on database/,
          ),
        }),
      ]);
      expect((await db.query("SELECT to_regclass('a') AS t")).rows[0].t).toBeNull();
      const v = await verifyDir(dir);
      expect(v.findings.map((f) => `${f.file}:${f.line}`)).toContain('002_b.sql:2');
    }
  });
});

describe('verify observes a statement-by-statement file without changing what it does', () => {
  test("LOCK outside a transaction block fails in verify as in apply; a savepoint keeps the file's block open", async () => {
    const lock = makeFolder({
      '001_a.sql': 'CREATE TABLE a (id int);',
      '002_lock.sql': 'BEGIN;\nCOMMIT;\nLOCK TABLE a;',
    });
    const applied = await applyDir(lock);
    expect(applied.findings.map((f) => `${f.rule} ${f.line}`)).toEqual(['apply-failed 3']);
    const verified = await verifyDir(lock);
    expect(verified.verify!.migrations.map((m) => m.apply)).toEqual(['ok', 'failed']);

    const savepoint = makeFolder({
      '001_s.sql': 'CREATE SCHEMA other;',
      '002_sp.sql':
        'BEGIN;\nSAVEPOINT s;\nSET LOCAL search_path = other;\nCREATE TABLE t (id int);\nCOMMIT;\nBEGIN;\nCOMMIT;',
    });
    const v = await verifyDir(savepoint);
    expect(v.verify!.migrations.map((m) => m.apply)).toEqual(['ok', 'ok']);
    expect(v.verify!.schemaChange).toContain('+ table other.t (1 column)');
  });

  test("a deferred constraint failing at the file's COMMIT is a finding at its line, and locks of a second block are traced", async () => {
    const dir = makeFolder({
      '001_t.sql':
        'CREATE TABLE p (id int PRIMARY KEY);\nCREATE TABLE c (p int REFERENCES p DEFERRABLE INITIALLY DEFERRED);\nCREATE TABLE w (x int);',
      '002_two_blocks.sql':
        'BEGIN;\nINSERT INTO w VALUES (1);\nCOMMIT;\nBEGIN;\nALTER TABLE w ADD COLUMN y int;\nCOMMIT;',
      '003_deferred.sql': 'BEGIN;\nINSERT INTO c VALUES (42);\nCOMMIT;\nBEGIN;\nCOMMIT;',
    });
    const v = await verifyDir(dir);
    expect(v.verify!.migrations.map((m) => m.apply)).toEqual(['ok', 'ok', 'failed']);
    expect(v.findings).toContainEqual(
      expect.objectContaining({ rule: 'apply-failed', file: '003_deferred.sql', line: 3, sqlstate: '23503' }),
    );
    expect(v.findings).toContainEqual(
      expect.objectContaining({ rule: 'blocking-lock', file: '002_two_blocks.sql', line: 5 }),
    );
  });
});

describe('a run that lost its lock stops', () => {
  test('when the connection holding the advisory lock is gone, the next migration does not start', async () => {
    const dir = makeFolder({
      '001_slow.sql': 'CREATE TABLE a (id int);\nSELECT pg_sleep(1.5);',
      '002_next.sql': 'CREATE TABLE b (id int);',
    });
    const running = applyDir(dir);
    let holder: number | undefined;
    for (let i = 0; i < 100 && !holder; i++) {
      await new Promise((r) => setTimeout(r, 50));
      const r = await adminQuery(
        "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND classid = $1::bigint::oid AND granted AND database = (SELECT oid FROM pg_database WHERE datname = $2)",
        [LOCK_NAMESPACE, db.name],
      );
      holder = r.rows[0]?.pid;
    }
    // Gone while 001 runs, not while the run still sets up its history table on that connection: under load the
    // lock can be seen before 001 starts.
    for (let i = 0; i < 100; i++) {
      const r = await adminQuery(
        "SELECT 1 FROM pg_stat_activity WHERE datname = $1 AND state = 'active' AND query LIKE '%pg_sleep(1.5)%' AND pid <> pg_backend_pid()",
        [db.name],
      );
      if (r.rowCount) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    await adminQuery('SELECT pg_terminate_backend($1)', [holder]);
    const r = await running;
    expect(r.ok).toBe(false);
    expect(r.findings.map((f) => f.message).join('\n')).toMatch(/no longer holds its advisory lock/);
    expect((await db.query("SELECT to_regclass('b') AS t")).rows[0].t).toBeNull();
  });
});
