import pg from 'pg';
import { apply } from '../../src/commands/apply.js';
import type { RawConfig } from '../../src/config/inputs-spec.js';
import { applyMigrations } from '../../src/engine/pipeline.js';
import { silentLogger } from '../../src/foundation/logger.js';
import { quietDatabasePerTest } from '../backup/quiet-server.js';
import { withPgDump } from '../harness/backup-tools.js';
import { testConfig } from '../harness/config.js';
import { tableChecksums } from '../harness/data.js';
import { addFile, makeFolder } from '../harness/folders.js';

// on-failure: restore must never discard what others wrote, and must not refuse for what only looks like others'
// writes. What was written is told by the tables' write counters, less what the run's transactions counted as
// their own. These tests run on a server of their own with autovacuum on, every second: its auto-ANALYZE commits
// transactions of its own, as on any busy server.
const { db } = quietDatabasePerTest();

const ctx = () => ({ databaseUrl: db.url, log: silentLogger, appliedBy: 'test', backupDir: makeFolder({}) });
const run = (dir: string, raw: RawConfig = {}) =>
  apply(testConfig({ 'migrations-dir': dir, 'database-url': db.url, 'on-failure': 'restore', ...raw }), ctx());
const versions = async () =>
  (await db.query('SELECT version, dirty FROM schema_migrations ORDER BY id')).rows.map(
    (r) => `${r.version}${r.dirty ? ' dirty' : ''}`,
  );
const names = async () => (await db.query('SELECT name FROM accounts ORDER BY id')).rows.map((r) => r.name);
const exists = async (name: string) => (await db.query('SELECT to_regclass($1) IS NOT NULL AS e', [name])).rows[0].e;
const notes = (r: { notes: string[] }) => r.notes.join('\n');

async function deployed(): Promise<string> {
  const dir = makeFolder({
    '001_accounts.sql':
      'CREATE TABLE accounts (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL);',
  });
  expect((await applyMigrations(testConfig({ 'migrations-dir': dir, 'database-url': db.url }), ctx())).ok).toBe(true);
  await db.query("INSERT INTO accounts (name) SELECT 'a' || g FROM generate_series(1, 5) g");
  return dir;
}

/** A session of someone else's, connected to the test's database. */
async function session(): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: db.url });
  await c.connect();
  return c;
}

/**
 * Runs the apply while someone else works: its migration 002 waits for an advisory lock the test holds, after the
 * backup was taken; meanwhile `meanwhile` runs in another session, then the lock is let go and the run goes on.
 */
async function runWhileOthersWork(
  dir: string,
  raw: RawConfig,
  meanwhile: (other: pg.Client) => Promise<void>,
  o: { staysConnected?: boolean } = {},
) {
  const holder = await session();
  const other = await session();
  try {
    await holder.query('SELECT pg_advisory_lock(4242)');
    const running = run(dir, raw);
    for (let i = 0; ; i++) {
      const waiting = await holder.query(
        "SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%pg_advisory_xact_lock(4242)%'",
      );
      if (waiting.rows.length) break;
      if (i > 400) throw new Error('migration 002 never waited for the lock');
      await new Promise((r) => setTimeout(r, 25));
    }
    await meanwhile(other);
    // A session that ends reports its statistics at once; one that stays idle may hold them back for seconds.
    if (!o.staysConnected) await other.end();
    await holder.query('SELECT pg_advisory_unlock(4242)');
    return await running;
  } finally {
    await holder.end();
    await other.end().catch(() => {});
  }
}

const waitsThenCreates =
  'SELECT pg_advisory_xact_lock(4242);\nCREATE TABLE tags (id int, account_id bigint REFERENCES accounts);';
const broken = 'ALTER TABLE accounts ADD CONSTRAINT name_short CHECK (length(name) < 2);';

withPgDump.describe('on-failure: restore, when nobody else wrote', () => {
  test('the database and its history are as before the run; what the run created is dropped, even when it references the dump’s tables', async () => {
    const dir = await deployed();
    const before = await tableChecksums(db);
    addFile(
      dir,
      '002_tags.sql',
      'CREATE TABLE tags (id int, account_id bigint REFERENCES accounts);\nCREATE VIEW tag_names AS SELECT t.id, a.name FROM tags t JOIN accounts a ON a.id = t.account_id;',
    );
    addFile(dir, '003_broken.sql', broken);
    const r = await run(dir);
    expect(r.ok).toBe(false);
    expect(r.applied.map((a) => a.version)).toEqual(['002']);
    expect(r.findings.map((f) => f.rule)).toEqual(['apply-failed']);
    expect(notes(r)).toMatch(
      /on-failure: restore — the pre-apply backup .* was restored and the 2 object\(s\) this run had created were dropped \(DROP TABLE IF EXISTS public\.tags; DROP VIEW IF EXISTS public\.tag_names\); the database and its history are as they were before this run/,
    );
    expect(notes(r)).toContain(
      'on-failure: restore — no table of this database was written since the backup but by this run, by the statistics',
    );
    expect(await versions()).toEqual(['001']);
    expect(await tableChecksums(db)).toEqual(before);
  });

  test('the first run on a database: the history table it created goes too', async () => {
    await db.query("CREATE TABLE accounts (id int PRIMARY KEY, name text); INSERT INTO accounts VALUES (1, 'a')");
    const before = await tableChecksums(db);
    const dir = makeFolder({ '001_tags.sql': 'CREATE TABLE tags (id int);', '002_broken.sql': 'SELECT 1/0;' });
    const r = await run(dir);
    expect(r.findings.map((f) => f.rule)).toEqual(['apply-failed']);
    expect(notes(r)).toMatch(
      /was restored and the 2 object\(s\) this run had created were dropped \((DROP TABLE IF EXISTS public\.(tags|schema_migrations)(; )?){2}\); the database and its history are as they were before this run/,
    );
    expect(await exists('schema_migrations')).toBe(false);
    expect(await tableChecksums(db)).toEqual(before);
  });

  test('a failing health check that leaves our session in an aborted transaction does not stop the restore', async () => {
    const dir = await deployed();
    const before = await tableChecksums(db);
    addFile(dir, '002_email.sql', 'ALTER TABLE accounts ADD COLUMN email text;');
    const r = await run(dir, { 'health-check': 'BEGIN; SELECT 1/0' });
    expect(r.findings.map((f) => f.rule)).toEqual(['health-check-failed']);
    expect(notes(r)).toMatch(
      /the pre-apply backup .* was restored; the database and its history are as they were before this run/,
    );
    expect(await versions()).toEqual(['001']);
    expect(await tableChecksums(db)).toEqual(before);
  });
});

withPgDump.describe('on-failure: restore never discards what others wrote', () => {
  test('a row another session inserted during the run: nothing is restored, and the report says what would have been lost', async () => {
    const dir = await deployed();
    addFile(dir, '002_tags.sql', waitsThenCreates);
    addFile(dir, '003_broken.sql', broken);
    // Their session stays connected and idle: its statistics arrive late, and the report waits for them.
    const r = await runWhileOthersWork(
      dir,
      {},
      async (other) => void (await other.query("INSERT INTO accounts (name) VALUES ('theirs')")),
      { staysConnected: true },
    );
    expect(r.findings.map((f) => `${f.rule} ${f.severity}`)).toEqual(['apply-failed error', 'restore-refused error']);
    const refusal = r.findings[1];
    expect(refusal.message).toMatch(
      /^on-failure: restore refused, nothing was restored: restoring would discard what others wrote since the backup: \d+ transaction\(s\) not this run’s committed since the backup was taken; tables written since, by the statistics \(which count rolled-back writes\), less this run’s own: public\.accounts \(1 row\); .*; set restore-discards-writes: true to restore anyway$/,
    );
    expect(refusal.help).toMatch(
      /^The database is as the failure left it \(the migrations applied before the failure stay applied\)\. .*restore-discards-writes: true/,
    );
    expect(notes(r)).not.toMatch(/was restored/);
    // As the failure left it: their row, and what the run applied before the failure.
    expect(await names()).toContain('theirs');
    expect(await versions()).toEqual(['001', '002']);
    expect(await exists('tags')).toBe(true);
  });

  test('restore-discards-writes: true restores anyway, and says what it discarded', async () => {
    const dir = await deployed();
    const before = await tableChecksums(db);
    addFile(dir, '002_tags.sql', waitsThenCreates);
    addFile(dir, '003_broken.sql', broken);
    const r = await runWhileOthersWork(
      dir,
      { 'restore-discards-writes': 'true' },
      async (other) => void (await other.query("INSERT INTO accounts (name) VALUES ('theirs')")),
    );
    expect(r.findings.map((f) => f.rule)).toEqual(['apply-failed']);
    expect(notes(r)).toMatch(
      /the pre-apply backup .* was restored and the 1 object\(s\) this run had created were dropped \(DROP TABLE IF EXISTS public\.tags\); the database and its history are as they were when the backup was taken: what others wrote since is gone/,
    );
    expect(notes(r)).toMatch(
      /on-failure: restore — restore-discards-writes: true — restoring discards what was written since the backup: .*tables written since, by the statistics .*: public\.accounts \(1 row\)/,
    );
    expect(await names()).not.toContain('theirs');
    expect(await tableChecksums(db)).toEqual(before);
  });

  test('objects another session created during the run stay; only the run’s own are dropped', async () => {
    const dir = await deployed();
    addFile(dir, '002_tags.sql', waitsThenCreates);
    addFile(dir, '003_broken.sql', broken);
    const r = await runWhileOthersWork(dir, { 'restore-discards-writes': 'true' }, async (other) => {
      // Theirs: a table of their own, and one of the run's names in another schema.
      await other.query(
        "CREATE TABLE audit (id int); INSERT INTO audit VALUES (1); CREATE SCHEMA other; CREATE TABLE other.tags (id int); INSERT INTO accounts (name) VALUES ('theirs')",
      );
    });
    expect(r.findings.map((f) => f.rule)).toEqual(['apply-failed']);
    expect(notes(r)).toMatch(
      /the 1 object\(s\) this run had created were dropped \(DROP TABLE IF EXISTS public\.tags\)/,
    );
    expect(notes(r)).toMatch(
      /on-failure: restore left 3 object\(s\) created since the backup in place: .*public\.audit \(not created by this run\)/,
    );
    expect(notes(r)).toMatch(/other\.tags \(not created by this run\)/);
    expect(notes(r)).toMatch(/schema other \(not created by this run\)/);
    expect(await exists('public.tags')).toBe(false);
    expect((await db.query('SELECT count(*)::int AS n FROM audit')).rows[0].n).toBe(1);
    expect(await exists('other.tags')).toBe(true);
  });
});

withPgDump.describe('a failing migration that manages its own transactions', () => {
  // Several BEGIN … COMMIT blocks: it runs outside our transaction, on its own session; the first block commits,
  // the second fails.
  const selfManaged =
    "BEGIN;\nINSERT INTO accounts (name) VALUES ('from 003');\nCOMMIT;\nBEGIN;\nUPDATE accounts SET name = name || '!';\nSELECT 1/0;\nCOMMIT;";

  test('its own blocks are witnessed before their COMMIT: with nobody else committing, restored', async () => {
    const dir = await deployed();
    const before = await tableChecksums(db);
    addFile(dir, '002_email.sql', 'ALTER TABLE accounts ADD COLUMN email text;');
    addFile(dir, '003_blocks.sql', selfManaged);
    const r = await run(dir);
    expect(r.findings.map((f) => f.rule)).toEqual(['apply-failed']);
    expect(r.findings[0].message).toMatch(/ran outside a transaction and is marked dirty/);
    expect(notes(r)).toMatch(
      /public\.accounts \(7 rows\); but no transaction not this run’s committed on the server since the backup was taken, so those writes were rolled back/,
    );
    expect(await versions()).toEqual(['001']);
    expect(await tableChecksums(db)).toEqual(before);
  });

  test('its own blocks and another session’s commit: refused, naming what could not be measured', async () => {
    const dir = await deployed();
    addFile(dir, '002_email.sql', 'ALTER TABLE accounts ADD COLUMN email text;');
    addFile(dir, '003_blocks.sql', `SELECT pg_advisory_xact_lock(4242);\n${selfManaged}`);
    const r = await runWhileOthersWork(dir, {}, async (other) => {
      await other.query("INSERT INTO accounts (name) VALUES ('theirs')");
    });
    expect(r.findings.map((f) => f.rule)).toEqual(['apply-failed', 'restore-refused']);
    expect(r.findings[1].message).toMatch(
      /tables written since, by the statistics .*: public\.accounts \(9 rows\); .*they may include this run’s own writes, which could not be measured: 003_blocks\.sql ran outside a transaction/,
    );
    expect(await versions()).toEqual(['001', '002', '003 dirty']);
    expect((await db.query("SELECT count(*)::int AS n FROM accounts WHERE name = 'theirs'")).rows[0].n).toBe(1);
  });

  test('with restore-discards-writes: true the restore runs on our session, unharmed by the failure', async () => {
    const dir = await deployed();
    const before = await tableChecksums(db);
    addFile(dir, '002_email.sql', 'ALTER TABLE accounts ADD COLUMN email text;');
    addFile(dir, '003_blocks.sql', selfManaged);
    const r = await run(dir, { 'restore-discards-writes': 'true' });
    expect(r.findings.map((f) => f.rule)).toEqual(['apply-failed']);
    expect(notes(r)).toMatch(/the pre-apply backup .* was restored/);
    expect(await versions()).toEqual(['001']);
    expect(await tableChecksums(db)).toEqual(before);
  });

  test('when its blocks wrote nothing, nothing unmeasured happened: restored without being told', async () => {
    const dir = await deployed();
    const before = await tableChecksums(db);
    addFile(dir, '002_tags.sql', 'CREATE TABLE tags (id int);');
    addFile(dir, '003_blocks.sql', 'BEGIN;\nSELECT count(*) FROM accounts;\nCOMMIT;\nBEGIN;\nSELECT 1/0;\nCOMMIT;');
    const r = await run(dir);
    expect(r.findings.map((f) => f.rule)).toEqual(['apply-failed']);
    expect(notes(r)).toMatch(
      /the pre-apply backup .* was restored and the 1 object\(s\) this run had created were dropped \(DROP TABLE IF EXISTS public\.tags\)/,
    );
    expect(await versions()).toEqual(['001']);
    expect(await tableChecksums(db)).toEqual(before);
  });
});

withPgDump.describe('the run’s own writes are told from others’ by the table counters, not by transaction ids', () => {
  test('5000 rows inserted, then a failure after auto-ANALYZE had time to run: restored', async () => {
    const dir = await deployed();
    const before = await tableChecksums(db);
    addFile(dir, '002_more.sql', "INSERT INTO accounts (name) SELECT 'n' || g FROM generate_series(1, 5000) g;");
    addFile(dir, '003_broken.sql', 'SELECT pg_sleep(3);\nSELECT 1/0;');
    const r = await run(dir);
    expect(r.findings.map((f) => f.rule)).toEqual(['apply-failed']);
    expect(notes(r)).toMatch(
      /the pre-apply backup .* was restored; the database and its history are as they were before this run/,
    );
    expect(notes(r)).toContain(
      'on-failure: restore — no table of this database was written since the backup but by this run (public.accounts (5000 rows)), by the statistics',
    );
    expect(await versions()).toEqual(['001']);
    expect(await tableChecksums(db)).toEqual(before);
  });

  test('writes in subtransactions (a PL/pgSQL EXCEPTION block, a savepoint rolled back to): counted as the run’s own, restored', async () => {
    const dir = await deployed();
    const before = await tableChecksums(db);
    addFile(
      dir,
      '002_block.sql',
      "DO $$\nBEGIN\n  BEGIN\n    INSERT INTO accounts (name) VALUES ('tried');\n    PERFORM 1/0;\n  EXCEPTION WHEN division_by_zero THEN\n    INSERT INTO accounts (name) VALUES ('handled');\n  END;\nEND\n$$;",
    );
    addFile(
      dir,
      '003_savepoint.sql',
      "SAVEPOINT s;\nUPDATE accounts SET name = name || '?';\nROLLBACK TO SAVEPOINT s;\nUPDATE accounts SET name = name || '!' WHERE id = 1;",
    );
    addFile(dir, '004_broken.sql', broken);
    const r = await run(dir);
    expect(r.applied.map((a) => a.version)).toEqual(['002', '003']);
    expect(r.findings.map((f) => f.rule)).toEqual(['apply-failed']);
    // 2 inserts (one rolled back with its block), 6 rows updated then rolled back to the savepoint, 1 updated.
    expect(notes(r)).toContain(
      'on-failure: restore — no table of this database was written since the backup but by this run (public.accounts (9 rows)), by the statistics',
    );
    expect(notes(r)).toMatch(
      /the pre-apply backup .* was restored; the database and its history are as they were before this run/,
    );
    expect(await versions()).toEqual(['001']);
    expect(await tableChecksums(db)).toEqual(before);
  });

  test('another session writes a table the run never touched: refused, naming that table', async () => {
    const dir = await deployed();
    await db.query('CREATE TABLE audit (id int)');
    addFile(
      dir,
      '002_tags.sql',
      `INSERT INTO accounts (name) SELECT 'n' || g FROM generate_series(1, 10) g;\n${waitsThenCreates}`,
    );
    addFile(dir, '003_broken.sql', broken);
    const r = await runWhileOthersWork(
      dir,
      {},
      async (other) => void (await other.query('INSERT INTO audit VALUES (1)')),
    );
    expect(r.findings.map((f) => f.rule)).toEqual(['apply-failed', 'restore-refused']);
    expect(r.findings[1].message).toMatch(
      /restoring would discard what others wrote since the backup: .*tables written since, by the statistics \(which count rolled-back writes\), less this run’s own: public\.audit \(1 row\);/,
    );
    expect(r.findings[1].message).not.toMatch(/public\.accounts/);
    expect((await db.query('SELECT count(*)::int AS n FROM audit')).rows[0].n).toBe(1);
    expect(await versions()).toEqual(['001', '002']);
  });

  test('another session writes the table the run wrote: refused, counting only theirs', async () => {
    const dir = await deployed();
    addFile(
      dir,
      '002_tags.sql',
      `INSERT INTO accounts (name) SELECT 'n' || g FROM generate_series(1, 10) g;\n${waitsThenCreates}`,
    );
    addFile(dir, '003_broken.sql', broken);
    const r = await runWhileOthersWork(
      dir,
      {},
      async (other) => void (await other.query("INSERT INTO accounts (name) VALUES ('theirs')")),
    );
    expect(r.findings.map((f) => f.rule)).toEqual(['apply-failed', 'restore-refused']);
    expect(r.findings[1].message).toMatch(
      /tables written since, by the statistics \(which count rolled-back writes\), less this run’s own: public\.accounts \(1 row, besides this run’s 10\);/,
    );
    expect(await names()).toContain('theirs');
    expect(await versions()).toEqual(['001', '002']);
  });
});
