import { applyMigrations as apply } from '../../src/apply/pipeline.js';
import { silentLogger } from '../../src/logger.js';
import { testConfig } from '../harness/config.js';
import { scratchDb, type ScratchDb } from '../harness/db.js';
import { makeFolder } from '../harness/folders.js';

// Where the runner must do what `psql -X -v ON_ERROR_STOP=1 -f` does per file, or fail saying why. A history row is
// written whole or the migration fails: a trigger that returns NULL, or a rule that does instead, would otherwise
// swallow it, and the next run would apply the migration again.
let db: ScratchDb;
beforeEach(async () => {
  db = await scratchDb();
});
afterEach(async () => {
  await db.drop();
});

const applyDir = (dir: string) => apply(testConfig({ 'migrations-dir': dir, 'database-url': db.url }), { databaseUrl: db.url, log: silentLogger, appliedBy: 'test' });
const history = async () => (await db.query('SELECT migration_name FROM schema_migrations ORDER BY id')).rows.map((r) => r.migration_name);
const files = {
  '001_a.sql': 'CREATE TABLE a (id int);',
  '002_b.sql': 'CREATE TABLE b (id int);',
  '003_100%_c.sql': 'CREATE TABLE c (id int);',
};

test.each([
  ['a BEFORE INSERT trigger returning NULL', "CREATE FUNCTION swallow() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.migration_name <> '001_a.sql' THEN RETURN NULL; END IF; RETURN NEW; END $$;\nCREATE TRIGGER swallow BEFORE INSERT ON schema_migrations FOR EACH ROW EXECUTE FUNCTION swallow();"],
  ['a rule that does nothing instead', "CREATE RULE swallow AS ON INSERT TO schema_migrations WHERE NEW.migration_name <> '001_a.sql' DO INSTEAD NOTHING;"],
])('%s on the history table: the migration fails and rolls back, naming it; nothing is applied twice', async (_what, swallow) => {
  const dir = makeFolder({ '001_a.sql': files['001_a.sql'] });
  expect((await applyDir(dir)).ok).toBe(true);
  await db.query(swallow);
  const next = makeFolder(files);
  const r = await applyDir(next);
  expect(r.applied.map((a) => a.name)).toEqual([]);
  expect(r.findings[0]).toMatchObject({ rule: 'apply-failed', message: expect.stringMatching(/^002_b\.sql failed: recording 002_b\.sql in the history table failed: the history table public\.schema_migrations kept 0 rows of the one recorded for 002_b\.sql — rolled back$/) });
  expect(r.findings[0].help).toMatch(/A trigger \(BEFORE INSERT … RETURN NULL\) or a rule \(DO INSTEAD\)/);
  expect((await db.query("SELECT to_regclass('b') IS NULL AS gone")).rows[0].gone).toBe(true);
  expect(await history()).toEqual(['001_a.sql']);

  await db.query('DROP TRIGGER IF EXISTS swallow ON schema_migrations; DROP RULE IF EXISTS swallow ON schema_migrations');
  expect((await applyDir(next)).applied.map((a) => a.name)).toEqual(['002_b.sql', '003_100%_c.sql']);
  expect(await history()).toEqual(['001_a.sql', '002_b.sql', '003_100%_c.sql']);
});

test("a migration's SET TIME ZONE does not move the time its row records (node-pg-migrate orders by run_on, a timestamp without time zone)", async () => {
  await db.query('CREATE TABLE pgmigrations (id serial PRIMARY KEY, name varchar(255) NOT NULL, run_on timestamp NOT NULL)');
  const dir = makeFolder({ '1700000000000_far_east.sql': "SET TIME ZONE 'Pacific/Kiritimati';\nCREATE TABLE far (id int);" });
  const r = await apply(testConfig({ 'migrations-dir': dir, 'database-url': db.url, 'history-table': 'pgmigrations' }), { databaseUrl: db.url, log: silentLogger, appliedBy: 'test' });
  expect(r.applied.map((a) => a.name)).toEqual(['1700000000000_far_east.sql']);
  // The session's time zone is the server's default here, as it is for node-pg-migrate's own session.
  const drift = (await db.query("SELECT abs(extract(epoch FROM run_on - (now() AT TIME ZONE current_setting('TimeZone'))))::int AS s FROM pgmigrations")).rows[0].s;
  expect(drift).toBeLessThan(60);
});


describe('what one migration leaves in its session, the next does not see (psql runs each file in a process of its own)', () => {
  test('a custom setting it defined: the next reads NULL, as in a new session', async () => {
    const dir = makeFolder({
      '001_tenant.sql': "SET app.tenant = 'acme';\nCREATE TABLE t (id int);",
      '002_read.sql': "CREATE TABLE seen AS SELECT current_setting('app.tenant', true) AS tenant;",
    });
    expect((await applyDir(dir)).ok).toBe(true);
    expect((await db.query('SELECT tenant FROM seen')).rows).toEqual([{ tenant: null }]);
  });

  test('ALTER DATABASE … SET from a DO block (names differ per environment): the next migration starts from it', async () => {
    const dir = makeFolder({
      '001_defaults.sql': "DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET work_mem = %L', current_database(), '7MB'); END $$;",
      '002_read.sql': "CREATE TABLE seen AS SELECT current_setting('work_mem') AS work_mem;",
    });
    expect((await applyDir(dir)).ok).toBe(true);
    expect((await db.query('SELECT work_mem FROM seen')).rows).toEqual([{ work_mem: '7MB' }]);
  });
});

describe('SET TRANSACTION right after the file’s BEGIN means what it means in psql', () => {
  test('ISOLATION LEVEL SERIALIZABLE: the file’s statements run serializable', async () => {
    const dir = makeFolder({ '001_iso.sql': "BEGIN;\nSET TRANSACTION ISOLATION LEVEL SERIALIZABLE;\nCREATE TABLE iso AS SELECT current_setting('transaction_isolation') AS level;\nCOMMIT;" });
    const r = await applyDir(dir);
    expect(r.findings).toEqual([]);
    expect((await db.query('SELECT level FROM iso')).rows).toEqual([{ level: 'serializable' }]);
    expect(await history()).toEqual(['001_iso.sql']);
  });

  test('READ ONLY: the file runs read only, and is recorded after it', async () => {
    const dir = makeFolder({ '001_check.sql': "BEGIN;\nSET TRANSACTION READ ONLY;\nSELECT current_setting('transaction_read_only');\nCOMMIT;", '002_t.sql': 'CREATE TABLE t (id int);' });
    const r = await applyDir(dir);
    expect(r.findings).toEqual([]);
    expect(await history()).toEqual(['001_check.sql', '002_t.sql']);
  });
});
