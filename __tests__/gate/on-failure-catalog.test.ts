import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { applyMigrations } from '../../src/engine/pipeline.js';
import { apply } from '../../src/commands/apply.js';
import type { RawConfig } from '../../src/config/inputs-spec.js';
import { silentLogger } from '../../src/foundation/logger.js';
import { quietDatabasePerTest } from '../backup/quiet-server.js';
import { withPgDump } from '../harness/backup-tools.js';
import { testConfig } from '../harness/config.js';
import { tableChecksums } from '../harness/data.js';
import { queryAt } from '../harness/db.js';
import { addFile, makeFolder } from '../harness/folders.js';

// on-failure: restore tells the run's catalog changes from others' by what its own transactions saw before their
// COMMIT (their ids, the objects they held locked), never by the migrations' text: another session's index or
// sequence advance during the run refuses the restore and survives; the run's own drops do not; and what a backup
// does not hold (the database's settings, an extension, a role) is put back or named, never claimed as before.
const { db, server } = quietDatabasePerTest();

const ctx = () => ({ databaseUrl: db.url, log: silentLogger, appliedBy: 'test', backupDir: makeFolder({}) });
const run = (dir: string, raw: RawConfig = {}) =>
  apply(testConfig({ 'migrations-dir': dir, 'database-url': db.url, 'on-failure': 'restore', ...raw }), ctx());
const notes = (r: { notes: string[] }) => r.notes.join('\n');
const one = async (sql: string) => Object.values((await db.query(sql)).rows[0])[0];
const broken = 'ALTER TABLE accounts ADD CONSTRAINT name_short CHECK (length(name) < 2);';

async function deployed(): Promise<string> {
  const dir = makeFolder({
    '001_accounts.sql':
      "CREATE TABLE accounts (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL, note text);\nCREATE INDEX accounts_note ON accounts (note);\nCREATE SEQUENCE invoice_no;\nCOMMENT ON COLUMN accounts.note IS 'free text';",
  });
  expect((await applyMigrations(testConfig({ 'migrations-dir': dir, 'database-url': db.url }), ctx())).ok).toBe(true);
  await db.query("INSERT INTO accounts (name) SELECT 'a' || g FROM generate_series(1, 5) g");
  return dir;
}

/** Runs the apply while another session changes the catalog: 002 waits for a lock the test holds, after the backup. */
async function runWhileOthersChange(dir: string, meanwhile: (other: pg.Client) => Promise<void>) {
  const holder = new pg.Client({ connectionString: db.url });
  const other = new pg.Client({ connectionString: db.url });
  await holder.connect();
  await other.connect();
  try {
    await holder.query('SELECT pg_advisory_lock(4343)');
    const running = run(dir);
    for (
      let i = 0;
      !(
        await holder.query(
          "SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%pg_advisory_xact_lock(4343)%'",
        )
      ).rows.length;
      i++
    ) {
      if (i > 400) throw new Error('migration 002 never waited for the lock');
      await new Promise((r) => setTimeout(r, 25));
    }
    await meanwhile(other);
    await holder.query('SELECT pg_advisory_unlock(4343)');
    return await running;
  } finally {
    await holder.end();
    await other.end();
  }
}

withPgDump.describe('on-failure: restore and another session’s catalog changes during the run', () => {
  test('their new index on a table of the dump and their sequence advance: refused, both survive', async () => {
    const dir = await deployed();
    addFile(dir, '002_wait.sql', 'SELECT pg_advisory_xact_lock(4343);\nALTER TABLE accounts ADD COLUMN email text;');
    addFile(dir, '003_broken.sql', broken);
    const r = await runWhileOthersChange(dir, async (other) => {
      await other.query('CREATE INDEX accounts_name ON accounts (name)');
      await other.query("SELECT setval('invoice_no', 100)");
    });
    expect(r.findings.map((f) => f.rule)).toEqual(['apply-failed', 'restore-refused']);
    expect(r.findings[1].message).toMatch(
      /the catalog changed since the backup, not by this run: .*index public\.accounts_name added/,
    );
    expect(r.findings[1].message).toMatch(/value of sequence public\.invoice_no moved/);
    expect(r.findings[1].message).not.toMatch(/email/);
    expect(await one("SELECT to_regclass('accounts_name') IS NOT NULL")).toBe(true);
    expect(await one('SELECT last_value FROM invoice_no')).toBe('100');
    expect(
      await one("SELECT count(*)::int FROM pg_attribute WHERE attrelid = 'accounts'::regclass AND attname = 'email'"),
    ).toBe(1);
  });
});

withPgDump.describe('on-failure: restore and the run’s own changes', () => {
  test('what its transactions removed (a column, an index, a comment) is told as its own: restored', async () => {
    const dir = await deployed();
    const before = await tableChecksums(db);
    addFile(
      dir,
      '002_tidy.sql',
      'DROP INDEX accounts_note;\nCOMMENT ON COLUMN accounts.note IS NULL;\nALTER TABLE accounts DROP COLUMN note;',
    );
    addFile(dir, '003_broken.sql', broken);
    const r = await run(dir);
    expect(r.findings.map((f) => f.rule)).toEqual(['apply-failed']);
    expect(notes(r)).toMatch(
      /this run’s own catalog changes, which a restore takes back: .*index public\.accounts_note removed/,
    );
    expect(notes(r)).toMatch(/the database and its history are as they were before this run$/m);
    expect(await tableChecksums(db)).toEqual(before);
    expect(await one("SELECT col_description('accounts'::regclass, 3)")).toBe('free text');
    expect(await one("SELECT to_regclass('accounts_note') IS NOT NULL")).toBe(true);
  });

  test('what a backup does not hold: its database setting is reset and its extension dropped; a new role is named, not claimed gone', async () => {
    const dir = await deployed();
    const role = `pmg_role_${randomBytes(4).toString('hex')}`;
    addFile(
      dir,
      '002_settings.sql',
      "DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET statement_timeout = %L', current_database(), '5s'); END $$;\nCREATE EXTENSION citext;",
    );
    addFile(dir, '003_role.sql', `CREATE ROLE ${role};`);
    addFile(dir, '004_broken.sql', broken);
    try {
      const r = await run(dir);
      expect(r.findings.map((f) => f.rule)).toEqual(['apply-failed']);
      const said = notes(r);
      expect(said).toMatch(
        /was restored and extension citext dropped; the database's setting statement_timeout reset; the database and its history are as they were before this run, except what a backup does not hold and was left: role pmg_role_\w+, new since the backup \(a backup holds no roles: the restore leaves them\)$/m,
      );
      expect(said).toMatch(
        /on-failure: restore took them back with the pre-apply backup: none stays applied or recorded/,
      );
      expect(said).not.toMatch(/stay applied and recorded/);
      expect(
        await one(
          'SELECT count(*)::int FROM pg_db_role_setting s JOIN pg_database d ON d.oid = s.setdatabase WHERE d.datname = current_database()',
        ),
      ).toBe(0);
      expect(await one("SELECT count(*)::int FROM pg_extension WHERE extname = 'citext'")).toBe(0);
      expect(await one(`SELECT count(*)::int FROM pg_roles WHERE rolname = '${role}'`)).toBe(1);
    } finally {
      await queryAt(server().url, `DROP ROLE IF EXISTS ${role}`);
    }
  });
});
