import pg from 'pg';
import { apply } from '../../src/commands/apply.js';
import { parseConfig } from '../../src/config/config.js';
import type { RawConfig } from '../../src/config/inputs-spec.js';
import { applyMigrations } from '../../src/engine/pipeline.js';
import { silentLogger } from '../../src/foundation/logger.js';
import { renderText } from '../../src/report/text.js';
import { takeSnapshot, type Snapshot } from '../../src/verify/snapshot.js';
import { quietDatabasePerTest } from '../backup/quiet-server.js';
import { withPgDump } from '../harness/backup-tools.js';
import { testConfig } from '../harness/config.js';
import { scratchDb, type ScratchDb } from '../harness/db.js';
import { addFile, makeFolder } from '../harness/folders.js';

// on-failure: undo takes back what the failed run applied with the migrations' own down scripts, newest first,
// each with its history row, and leaves what others wrote meanwhile: that is its point over a restore. The
// migrations are written as users write them with the up-down-files layout: NNN_name.up.sql beside NNN_name.down.sql.

let db: ScratchDb;
const ctx = () => ({ databaseUrl: db.url, log: silentLogger, appliedBy: 'test', backupDir: makeFolder({}) });
// No backup unless a test restores: undo needs none, and pg_dump is not everywhere the tests run.
const run = (dir: string, raw: RawConfig = {}) =>
  apply(
    testConfig({ 'migrations-dir': dir, 'database-url': db.url, 'on-failure': 'undo', backup: 'false', ...raw }),
    ctx(),
  );
const versions = async () =>
  (await db.query('SELECT version, dirty FROM schema_migrations ORDER BY id')).rows.map(
    (r) => `${r.version}${r.dirty ? ' dirty' : ''}`,
  );
const names = async () => (await db.query('SELECT name FROM accounts ORDER BY id')).rows.map((r) => r.name);
const exists = async (name: string) => (await db.query('SELECT to_regclass($1) IS NOT NULL AS e', [name])).rows[0].e;
const notes = (r: { notes: string[] }) => r.notes.join('\n');

async function schema(): Promise<Snapshot> {
  const c = new pg.Client({ connectionString: db.url });
  await c.connect();
  try {
    return await takeSnapshot(c);
  } finally {
    await c.end();
  }
}

/** 001 applied and some rows written, as in production before the run. */
async function deployed(): Promise<string> {
  const dir = makeFolder({
    '001_accounts.up.sql':
      'CREATE TABLE accounts (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL);\nCREATE TABLE audit (id int);',
    '001_accounts.down.sql': 'DROP TABLE audit;\nDROP TABLE accounts;',
  });
  expect((await applyMigrations(testConfig({ 'migrations-dir': dir, 'database-url': db.url }), ctx())).ok).toBe(true);
  await db.query("INSERT INTO accounts (name) SELECT 'a' || g FROM generate_series(1, 5) g");
  return dir;
}

/** A migration that waits for an advisory lock the test holds (so others can work meanwhile), then fails. */
const waitsThenFails =
  'SELECT pg_advisory_xact_lock(4242);\nALTER TABLE accounts ADD CONSTRAINT name_short CHECK (length(name) < 2);';
const tags = {
  up: 'CREATE TABLE tags (id int PRIMARY KEY, account_id bigint REFERENCES accounts);',
  down: 'DROP TABLE tags;',
};
// Its down script cannot run in a transaction (DROP INDEX CONCURRENTLY): it runs statement by statement.
const email = {
  up: 'ALTER TABLE accounts ADD COLUMN email text;\nCREATE INDEX accounts_email ON accounts (email);',
  down: 'DROP INDEX CONCURRENTLY accounts_email;\nALTER TABLE accounts DROP COLUMN email;',
};

function pending(dir: string, files: Record<string, string | undefined>): void {
  for (const [name, sql] of Object.entries(files)) if (sql !== undefined) addFile(dir, name, sql);
}

/** Runs the apply; while its failing migration waits for the test's lock, `meanwhile` runs in another session. */
async function runWhileOthersWork(dir: string, raw: RawConfig, meanwhile: (other: pg.Client) => Promise<void>) {
  const holder = new pg.Client({ connectionString: db.url });
  const other = new pg.Client({ connectionString: db.url });
  await holder.connect();
  await other.connect();
  try {
    await holder.query('SELECT pg_advisory_lock(4242)');
    const running = run(dir, raw);
    for (let i = 0; ; i++) {
      const waiting = await holder.query(
        "SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%pg_advisory_xact_lock(4242)%'",
      );
      if (waiting.rows.length) break;
      if (i > 400) throw new Error('the failing migration never waited for the lock');
      await new Promise((r) => setTimeout(r, 25));
    }
    await meanwhile(other);
    await other.end();
    await holder.query('SELECT pg_advisory_unlock(4242)');
    return await running;
  } finally {
    await holder.end();
    await other.end().catch(() => {});
  }
}

describe('on-failure: undo', () => {
  beforeEach(async () => {
    db = await scratchDb();
  });
  afterEach(async () => {
    await db.drop();
  });

  test('the migrations applied before the failure are undone newest first with their history rows; what another session wrote meanwhile stays', async () => {
    const dir = await deployed();
    const before = await schema();
    pending(dir, {
      '002_tags.up.sql': tags.up,
      '002_tags.down.sql': tags.down,
      '003_email.up.sql': email.up,
      '003_email.down.sql': email.down,
      '004_broken.up.sql': waitsThenFails,
      '004_broken.down.sql': 'ALTER TABLE accounts DROP CONSTRAINT name_short;',
    });
    const r = await runWhileOthersWork(dir, {}, async (other) => {
      // Theirs: a row in a table the run never touched, and one in the table the run changed, using its new column.
      await other.query('INSERT INTO audit VALUES (1)');
      await other.query("INSERT INTO accounts (name, email) VALUES ('theirs', 'them@example.com')");
    });
    expect(r.ok).toBe(false);
    expect(r.findings.map((f) => f.rule)).toEqual(['apply-failed']);
    expect(
      r.undone?.map((u) => `${u.version} ${u.downFile} ${u.transaction ? 'transaction' : 'no transaction'}`),
    ).toEqual(['003 003_email.down.sql no transaction', '002 002_tags.down.sql transaction']);
    expect(r.applied).toEqual([]);
    expect(r.afterFailure).toBe('undone');
    expect(notes(r)).toMatch(
      /on-failure: undo — undone with their down scripts, newest first, each with its history row: 003_email \(003_email\.down\.sql, \d+ ms, no transaction\), 002_tags \(002_tags\.down\.sql, \d+ ms\)/,
    );
    expect(notes(r)).toContain(
      'this run applied 2 migration(s) before it stopped; on-failure: undo undid them all with their down scripts (003_email, 002_tags): none stays applied or recorded',
    );
    expect(await versions()).toEqual(['001']);
    expect(await schema()).toEqual(before);
    expect(await names()).toEqual(['a1', 'a2', 'a3', 'a4', 'a5', 'theirs']);
    expect((await db.query('SELECT count(*)::int AS n FROM audit')).rows[0].n).toBe(1);
  });

  test('the report never says the undone migrations stay applied', async () => {
    const dir = await deployed();
    pending(dir, { '002_tags.up.sql': tags.up, '002_tags.down.sql': tags.down, '003_broken.up.sql': 'SELECT 1/0;' });
    const r = await run(dir);
    expect(r.undone?.map((u) => u.name)).toEqual(['002_tags']);
    // "None stays applied" is what it says instead.
    expect(notes(r)).not.toMatch(/they stay applied|stays? applied and recorded/i);
    const text = renderText(r);
    expect(text).not.toMatch(/they stay applied|stays? applied and recorded/i);
    expect(text).toMatch(/^applied 0 of 2 pending migration\(s\)$/m);
    expect(text).toMatch(/^ {2}✓ 002 002_tags with 002_tags\.down\.sql \(\d+ ms\)$/m);
    expect(await exists('tags')).toBe(false);
  });

  test('a health check that fails after every migration applied: all are undone, though it left our session in an aborted transaction', async () => {
    const dir = await deployed();
    const before = await schema();
    pending(dir, { '002_tags.up.sql': tags.up, '002_tags.down.sql': tags.down });
    const r = await run(dir, { 'health-check': 'BEGIN; SELECT count(*) FROM tags; SELECT 1/0' });
    expect(r.findings.map((f) => f.rule)).toEqual(['health-check-failed']);
    expect(r.undone?.map((u) => u.name)).toEqual(['002_tags']);
    expect(await versions()).toEqual(['001']);
    expect(await schema()).toEqual(before);
  });

  test('a migration without a down script, or with one that cannot be parsed: nothing is undone, and the report names each', async () => {
    const dir = await deployed();
    pending(dir, {
      '002_tags.up.sql': tags.up,
      '002_tags.down.sql': 'DROP TABEL tags;',
      '003_email.up.sql': email.up,
      '004_broken.up.sql': 'SELECT 1/0;',
      '004_broken.down.sql': 'SELECT 1;',
    });
    const r = await run(dir);
    expect(r.findings.map((f) => `${f.rule} ${f.severity}`)).toEqual(['apply-failed error', 'undo-refused error']);
    const refusal = r.findings[1];
    expect(refusal.message).toMatch(
      /^on-failure: undo refused, nothing was undone: 003_email has no down script; 002_tags has a down script that cannot run \(002_tags\.down\.sql:1:6: syntax error: syntax error at or near "TABEL"\)$/,
    );
    expect(refusal).toMatchObject({ file: '002_tags.down.sql', line: 1 });
    expect(refusal.help).toMatch(
      /^The 2 migration\(s\) this run applied stay applied and recorded\. To undo next time, add the missing down scripts/,
    );
    expect(r.undone).toBeUndefined();
    expect(r.applied.map((a) => a.version)).toEqual(['002', '003']);
    expect(r.afterFailure).toBe('kept');
    expect(notes(r)).toContain('this run applied 2 migration(s) before it stopped; they stay applied and recorded');
    expect(await versions()).toEqual(['001', '002', '003']);
    expect(await exists('tags')).toBe(true);
  });

  test('a down script that fails: it rolls back with its row, the undo stops there, and the report says what stays applied and recorded', async () => {
    const dir = await deployed();
    pending(dir, {
      '002_tags.up.sql': tags.up,
      '002_tags.down.sql': 'INSERT INTO audit VALUES (2);\nDROP TABLE tags;\nSELECT 1/0;',
      '003_email.up.sql': 'ALTER TABLE accounts ADD COLUMN email text;',
      '003_email.down.sql': 'ALTER TABLE accounts DROP COLUMN email;',
      '004_broken.up.sql': 'SELECT 1/0;',
    });
    const r = await run(dir);
    expect(r.findings.map((f) => f.rule)).toEqual(['apply-failed', 'undo-failed']);
    const stopped = r.findings[1];
    expect(stopped).toMatchObject({ file: '002_tags.down.sql', line: 3, sqlstate: '22012' });
    expect(stopped.message).toMatch(
      /^on-failure: undo stopped: the down script of 002_tags failed: .*division by zero.* — rolled back with its history row$/,
    );
    expect(stopped.help).toMatch(
      /^Undone: 003_email\. Still applied and recorded: 002_tags\. Fix the down script at the line given/,
    );
    expect(r.undone?.map((u) => u.name)).toEqual(['003_email']);
    expect(r.applied.map((a) => a.name)).toEqual(['002_tags']);
    expect(r.afterFailure).toBe('kept');
    expect(notes(r)).toContain(
      'this run applied 2 migration(s) before it stopped; on-failure: undo undid 1 with their down scripts (003_email) before it stopped; 1 stay applied and recorded (002_tags)',
    );
    expect(await versions()).toEqual(['001', '002']);
    expect(await exists('tags')).toBe(true);
    expect((await db.query('SELECT count(*)::int AS n FROM audit')).rows[0].n).toBe(0);
    expect(
      (
        await db.query(
          "SELECT count(*)::int AS n FROM information_schema.columns WHERE table_name = 'accounts' AND column_name = 'email'",
        )
      ).rows[0].n,
    ).toBe(0);
  });

  test('a failed migration that ran outside a transaction is left dirty: undo refuses entirely, pointing at resolve-dirty', async () => {
    const dir = await deployed();
    pending(dir, {
      '002_tags.up.sql': tags.up,
      '002_tags.down.sql': tags.down,
      '003_index.up.sql': 'CREATE INDEX CONCURRENTLY accounts_name ON accounts (name);\nSELECT 1/0;',
      '003_index.down.sql': 'DROP INDEX CONCURRENTLY accounts_name;',
    });
    const r = await run(dir);
    expect(r.findings.map((f) => f.rule)).toEqual(['apply-failed', 'undo-refused']);
    expect(r.findings[0].message).toMatch(/ran outside a transaction and is marked dirty/);
    expect(r.findings[1].message).toBe(
      'on-failure: undo refused, nothing was undone: 003_index ran outside a transaction and failed part-way (it is marked dirty): what of it ran cannot be known, and undoing the migrations before it under a half-applied one may fail or leave a mix',
    );
    expect(r.findings[1].help).toMatch(/settle 003_index with resolve-dirty: 003=rerun .* or =applied/);
    expect(r.undone).toBeUndefined();
    expect(notes(r)).toContain('this run applied 1 migration(s) before it stopped; they stay applied and recorded');
    expect(await versions()).toEqual(['001', '002', '003 dirty']);
    expect(await exists('tags')).toBe(true);
    expect(await exists('accounts_name')).toBe(true);
  });
});

describe('on-failure: undo-or-restore', () => {
  // The restore's guard tells the run's writes from others' by the statistics, on a server of its own (see
  // on-failure-restore.test.ts).
  const quiet = quietDatabasePerTest();
  beforeEach(() => {
    db = quiet.db;
  });

  withPgDump.test(
    'a migration without a down script: nothing is undone, and the pre-apply backup is restored instead',
    async () => {
      const dir = await deployed();
      const before = await schema();
      pending(dir, {
        '002_tags.up.sql': tags.up,
        '002_tags.down.sql': tags.down,
        '003_email.up.sql': 'ALTER TABLE accounts ADD COLUMN email text;',
        '004_broken.up.sql': 'SELECT 1/0;',
      });
      const r = await run(dir, { 'on-failure': 'undo-or-restore', backup: 'true' });
      expect(r.findings.map((f) => f.rule)).toEqual(['apply-failed']);
      expect(notes(r)).toContain(
        'on-failure: undo-or-restore — nothing was undone: 003_email has no down script; falling back to restoring the pre-apply backup',
      );
      expect(notes(r)).toMatch(/on-failure: restore — the pre-apply backup .* was restored/);
      expect(r.undone).toBeUndefined();
      expect(await versions()).toEqual(['001']);
      expect(await schema()).toEqual(before);
    },
  );

  test('when every migration has a down script it undoes, and restores nothing', async () => {
    const dir = await deployed();
    pending(dir, { '002_tags.up.sql': tags.up, '002_tags.down.sql': tags.down, '003_broken.up.sql': 'SELECT 1/0;' });
    const r = await run(dir, { 'on-failure': 'undo-or-restore' });
    expect(r.findings.map((f) => f.rule)).toEqual(['apply-failed']);
    expect(r.undone?.map((u) => u.name)).toEqual(['002_tags']);
    expect(notes(r)).not.toMatch(/restor/);
    expect(await versions()).toEqual(['001']);
  });
});

test('on-failure takes rollback, undo, restore or undo-or-restore', () => {
  for (const v of ['rollback', 'undo', 'restore', 'undo-or-restore'])
    expect(parseConfig({ 'on-failure': v }).onFailure).toBe(v);
  expect(() => parseConfig({ 'on-failure': 'revert' })).toThrow(
    "on-failure: 'revert' must be rollback, undo, restore or undo-or-restore",
  );
});
