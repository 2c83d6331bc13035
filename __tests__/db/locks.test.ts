import pg from 'pg';
import { applyMigrations as apply } from '../../src/engine/pipeline.js';
import { runCommand } from '../../src/commands/run-command.js';
import type { RawConfig } from '../../src/config/inputs-spec.js';
import { LOCK_NAMESPACE, lockKey } from '../../src/db/session/advisory-lock.js';
import { silentLogger, type Logger } from '../../src/foundation/logger.js';
import { withPgDump } from '../harness/backup-tools.js';
import { testConfig } from '../harness/config.js';
import { scratchDb, type ScratchDb } from '../harness/db.js';
import { addFile, makeFolder } from '../harness/folders.js';

let db: ScratchDb;
let other: pg.Client;
beforeEach(async () => {
  db = await scratchDb();
  other = new pg.Client({ connectionString: db.url, application_name: 'blocker' });
  await other.connect();
});
afterEach(async () => {
  await other.end().catch(() => {});
  await db.drop();
});

const config = (dir: string, raw: RawConfig = {}) =>
  testConfig({ command: 'apply', 'migrations-dir': dir, 'database-url': db.url, ...raw });
const ctx = (log: Logger = silentLogger) => ({
  databaseUrl: db.url,
  log,
  appliedBy: 'test',
  backupDir: '/tmp/pmg-test-backups',
});
const recorder = () => {
  const warnings: string[] = [];
  return { warnings, log: { ...silentLogger, warn: (m: string) => warnings.push(m) } };
};

describe('the advisory lock', () => {
  withPgDump.test(
    'waits up to lock-wait for another run, then fails naming the holder, with nothing applied',
    async () => {
      await other.query('SELECT pg_advisory_lock($1, $2)', [LOCK_NAMESPACE, lockKey('"public"."schema_migrations"')]);
      const dir = makeFolder({ '001_a.sql': 'CREATE TABLE a (id int);' });
      const started = Date.now();
      const r = await runCommand(config(dir, { 'lock-wait': '1s' }), ctx());
      expect(Date.now() - started).toBeGreaterThanOrEqual(900);
      expect(r.ok).toBe(false);
      const blockerPid = (await other.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
      expect(r.findings[0].message).toMatch(
        new RegExp(`another migration run holds the lock .*pid ${blockerPid} \\(blocker`),
      );
      expect((await db.query("SELECT to_regclass('a') AS t")).rows[0].t).toBeNull();

      await other.query('SELECT pg_advisory_unlock_all()');
      expect((await runCommand(config(dir), ctx())).ok).toBe(true);
    },
  );

  test('a cancel while waiting for it ends the wait at once: reported cancelled, nothing planned or written, no wait left on the server', async () => {
    await other.query('SELECT pg_advisory_lock($1, $2)', [LOCK_NAMESPACE, lockKey('"public"."schema_migrations"')]);
    const dir = makeFolder({ '001_a.sql': 'CREATE TABLE a (id int);' });
    const controller = new AbortController();
    const running = apply(config(dir, { 'lock-wait': '60s' }), { ...ctx(), signal: controller.signal }).catch((e) => e);
    for (
      let i = 0;
      i < 200 && !(await db.query("SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")).rowCount;
      i++
    )
      await new Promise((r) => setTimeout(r, 25));
    const started = Date.now();
    controller.abort('SIGINT');
    const err = await running;
    expect(Date.now() - started).toBeLessThan(1000);
    expect(err).toMatchObject({
      name: 'CancelledError',
      reason: 'SIGINT',
      message: 'cancelled (SIGINT) while waiting for the advisory lock; nothing was changed',
    });
    expect(
      (await db.query("SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")).rows[0].n,
    ).toBe(0);
    expect((await db.query("SELECT to_regclass('schema_migrations') AS h, to_regclass('a') AS a")).rows[0]).toEqual({
      h: null,
      a: null,
    });
    // The lock is free for the next run once its holder is done.
    await other.query('SELECT pg_advisory_unlock_all()');
    expect((await apply(config(dir), ctx())).applied.map((m) => m.name)).toEqual(['001_a.sql']);
  });

  test('is released after the run, also after a failure', async () => {
    const dir = makeFolder({ '001_a.sql': 'SELECT 1/0;' });
    expect((await apply(config(dir), ctx())).ok).toBe(false);
    const held = await db.query(
      "SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND classid = $1::bigint::oid",
      [LOCK_NAMESPACE],
    );
    expect(held.rows[0].n).toBe(0);
  });

  test('two applies at once: each migration runs exactly once', async () => {
    const files: Record<string, string> = {};
    for (let i = 1; i <= 5; i++) files[`00${i}_m.sql`] = `CREATE TABLE t${i} (id int); SELECT pg_sleep(0.05);`;
    const dir = makeFolder(files);
    const [a, b] = await Promise.all([apply(config(dir), ctx()), apply(config(dir), ctx())]);
    expect(a.ok && b.ok).toBe(true);
    expect(a.applied.length + b.applied.length).toBe(5);
    const rows = await db.query(
      'SELECT version, count(*)::int AS n FROM schema_migrations GROUP BY version ORDER BY version',
    );
    expect(rows.rows.map((r) => r.n)).toEqual([1, 1, 1, 1, 1]);
  });

  test('runs on different history tables of one database do not block each other', async () => {
    await other.query('SELECT pg_advisory_lock($1, $2)', [LOCK_NAMESPACE, lockKey('"public"."schema_migrations"')]);
    const dir = makeFolder({ '001_a.sql': 'CREATE TABLE a (id int);' });
    const r = await apply(config(dir, { 'history-table': 'tenant_migrations', 'lock-wait': '0' }), ctx());
    expect(r.ok).toBe(true);
  });
});

describe('lock timeouts', () => {
  const dir = () =>
    makeFolder({
      '001_t.sql': 'CREATE TABLE IF NOT EXISTS t (id int);',
      '002_alter.sql': 'ALTER TABLE t ADD COLUMN note text;',
    });

  test('a blocked migration steps aside, waits outside the queue for the blocker naming it, and fails clearly at lock-wait; history stays consistent', async () => {
    const d = dir();
    await apply(config(d), ctx());
    // A new migration arrives while another session holds a conflicting lock on t.
    addFile(d, '003_more.sql', 'ALTER TABLE t ADD COLUMN more text;');
    await other.query('BEGIN; LOCK TABLE t IN ACCESS SHARE MODE');
    const { warnings, log } = recorder();
    const infos: string[] = [];
    const r = await apply(
      config(d, { 'lock-timeout': '100ms', 'lock-wait': '2s' }),
      ctx({ ...log, info: (m: string) => infos.push(m) }),
    );
    expect(r.ok).toBe(false);
    expect(warnings[0]).toMatch(
      /^003_more\.sql: lock timeout after 100 ms, retry 1 in \d+ ms \(\d+ s of lock-wait left\)$/,
    );
    expect(infos.filter((m) => /waiting outside the lock queue/.test(m))).toEqual([
      expect.stringMatching(
        /^003_more\.sql: waiting outside the lock queue for pid \d+ \(idle in transaction, AccessShareLock on t, transaction open \d+ s\)$/,
      ),
    ]);
    expect(r.findings[0]).toMatchObject({ rule: 'apply-failed', sqlstate: '55P03' });
    expect(r.findings[0].message).toMatch(
      /\(after \d+ attempts in [\d.]+ s: lock-wait is 2 s\); blocked by pid \d+ \(idle in transaction, AccessShareLock on t, transaction open \d+ s\): BEGIN; LOCK TABLE t IN ACCESS SHARE MODE — rolled back$/,
    );
    expect(r.findings[0].help).toMatch(/conflicting lock/);
    const cols = await db.query("SELECT count(*)::int AS n FROM information_schema.columns WHERE table_name = 't'");
    expect(cols.rows[0].n).toBe(2);
    expect((await db.query('SELECT version FROM schema_migrations ORDER BY id')).rows.map((x) => x.version)).toEqual([
      '001',
      '002',
    ]);
    await other.query('ROLLBACK');
  });

  test('application writes wait at most about lock-timeout behind a migration blocked by a long reader, and it applies once the reader ends', async () => {
    await other.query('CREATE TABLE hot (id int PRIMARY KEY, n int); INSERT INTO hot VALUES (1, 0)');
    await other.query('BEGIN; SELECT count(*) FROM hot'); // a long reader: ACCESS SHARE until it ends
    const writer = new pg.Client({ connectionString: db.url, application_name: 'writer' });
    await writer.connect();
    let writing = true;
    let longest = 0;
    const writes = (async () => {
      while (writing) {
        const started = performance.now();
        await writer.query('UPDATE hot SET n = n + 1 WHERE id = 1');
        longest = Math.max(longest, performance.now() - started);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const readerEnds = new Promise((r) => setTimeout(r, 3000)).then(() => other.query('COMMIT'));
    const r = await apply(
      config(makeFolder({ '001_note.sql': 'ALTER TABLE hot ADD COLUMN note text;' }), { 'lock-wait': '20s' }),
      ctx(),
    );
    await readerEnds;
    writing = false;
    await writes;
    await writer.end();
    expect(r.findings).toEqual([]);
    expect(r.applied[0].attempts).toBeGreaterThan(1);
    expect(r.lockStallMs).toBeGreaterThan(0);
    // With one long wait in the lock queue (the old 5 s lock-timeout), every write stalled behind it until the reader ended.
    expect(longest).toBeLessThan(1500);
  });

  test.each([
    ['alone', 'CREATE INDEX CONCURRENTLY big_id ON big (id);'],
    [
      "after a SET LOCAL lock_timeout that ended with the file's own transaction",
      "BEGIN;\nSET LOCAL lock_timeout = '50ms';\nSELECT 1;\nCOMMIT;\nCREATE INDEX CONCURRENTLY big_id ON big (id);",
    ],
    [
      'after a \\connect that dropped the file’s own lock_timeout',
      "SET lock_timeout = '50ms';\n\\connect\nCREATE INDEX CONCURRENTLY big_id ON big (id);",
    ],
  ])(
    'CREATE INDEX CONCURRENTLY %s waits for an older transaction with lock-wait, not lock-timeout (which would leave an invalid index)',
    async (_when, sql) => {
      await other.query('CREATE TABLE big (id int); CREATE TABLE elsewhere (id int)');
      // An older transaction, on another table: the index build waits for it to end before it can finish.
      await other.query('BEGIN ISOLATION LEVEL REPEATABLE READ; SELECT count(*) FROM elsewhere'); // holds its snapshot
      const released = new Promise((r) => setTimeout(r, 1500)).then(() => other.query('COMMIT'));
      const r = await apply(
        config(makeFolder({ '001_idx.sql': sql }), { 'lock-timeout': '100ms', 'lock-wait': '20s' }),
        ctx(),
      );
      await released;
      expect(r.findings).toEqual([]);
      expect((await db.query("SELECT indisvalid FROM pg_index WHERE indexrelid = 'big_id'::regclass")).rows).toEqual([
        { indisvalid: true },
      ]);
      expect(r.applied.map((a) => a.name)).toEqual(['001_idx.sql']);
    },
  );

  test('a lock released during the retries lets the migration through', async () => {
    const d = dir();
    await other.query('CREATE TABLE t (id int)');
    await other.query('BEGIN; LOCK TABLE t IN ACCESS SHARE MODE');
    // Released at the first retry, not after a fixed delay: a busy machine can take longer than that to reach 002.
    const { warnings, log } = recorder();
    let released: Promise<unknown> | undefined;
    const warn = (m: string) => {
      log.warn(m);
      released ??= other.query('ROLLBACK');
    };
    const r = await apply(config(d, { 'lock-timeout': '100ms' }), ctx({ ...log, warn }));
    await released;
    expect(r.findings).toEqual([]);
    expect(warnings.length).toBeGreaterThanOrEqual(1);
    expect(r.applied.find((a) => a.version === '002')?.attempts).toBeGreaterThan(1);
  });
});
