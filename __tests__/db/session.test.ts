import { applyMigrations as apply } from '../../src/engine/pipeline.js';
import { verify } from '../../src/commands/verify.js';
import type { RawConfig } from '../../src/config/inputs-spec.js';
import { silentLogger } from '../../src/foundation/logger.js';
import { discover } from '../../src/migrations/discover.js';
import { testConfig } from '../harness/config.js';
import { adminQuery, scratchDb, type ScratchDb } from '../harness/db.js';
import { makeFolder } from '../harness/folders.js';
import { psqlApply } from '../harness/psql.js';

/**
 * Every migration runs in a session as fresh as `psql -f`'s own process: nothing one migration does to its
 * session reaches the next, nor the history row. Each case is applied by apply, by verify, and by psql per file,
 * and what the migrations observed (written to a table `seen`) must be the same.
 */
let db: ScratchDb;
let ref: ScratchDb;
beforeAll(async () => {
  await adminQuery(
    "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'pmg_app_owner') THEN CREATE ROLE pmg_app_owner NOLOGIN; END IF; END $$",
  );
});
beforeEach(async () => {
  db = await scratchDb();
  ref = await scratchDb();
});
afterEach(async () => {
  await db.drop();
  await ref.drop();
});

const raw = (dir: string, extra: RawConfig = {}): RawConfig => ({
  'migrations-dir': dir,
  'database-url': db.url,
  ...extra,
});
const applyDir = (dir: string, extra: RawConfig = {}) =>
  apply(testConfig(raw(dir, extra)), { databaseUrl: db.url, log: silentLogger, appliedBy: 'test' });
const verifyDir = (dir: string) =>
  verify(testConfig({ ...raw(dir), command: 'verify', checks: 'apply,locks' }), {
    databaseUrl: db.url,
    log: silentLogger,
  });
const seen = async (d: ScratchDb) =>
  (await d.query('SELECT k, v FROM seen ORDER BY n')).rows.map((r) => `${r.k}=${r.v}`);

/** Applies with apply and with psql per file; both must succeed and have seen the same; returns what they saw. */
async function sameAsPsql(dir: string): Promise<string[]> {
  const r = await applyDir(dir);
  expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
  const psql = psqlApply(ref.url, discover(dir).migrations);
  expect(psql.filter((p) => !p.ok)).toEqual([]);
  const ours = await seen(db);
  expect(ours).toEqual(await seen(ref));
  const v = await verifyDir(dir);
  expect(v.verify!.migrations.map((m) => m.apply)).toEqual(discover(dir).migrations.map(() => 'ok'));
  return ours;
}

const SEEN = 'CREATE TABLE seen (n serial, k text, v text);';
const see = (k: string, expr: string) => `INSERT INTO public.seen (k, v) VALUES ('${k}', (${expr})::text);`;

describe('each migration starts from a fresh session, as psql -f per file', () => {
  test('temp tables, settings, prepared statements, LISTEN, cursors and advisory locks do not leak', async () => {
    const dir = makeFolder({
      '001_seen.sql': SEEN,
      '002_dirty.sql': [
        'CREATE TEMP TABLE IF NOT EXISTS staging (x int);',
        'INSERT INTO staging VALUES (1), (2);',
        see('staged', 'SELECT count(*) FROM staging'),
        "SET timezone = 'Asia/Tokyo';",
        'SET statement_timeout = 12345;',
        'PREPARE p AS SELECT 1;',
        'LISTEN pmg_channel;',
        'SELECT pg_advisory_lock(4242);',
        'DECLARE c CURSOR WITH HOLD FOR SELECT 1;',
      ].join('\n'),
      '003_fresh.sql': [
        'CREATE TEMP TABLE IF NOT EXISTS staging (x int);',
        'INSERT INTO staging VALUES (3);',
        see('staged', 'SELECT count(*) FROM staging'),
        see('timezone', "current_setting('TimeZone') <> 'Asia/Tokyo'"),
        see('statement_timeout', "current_setting('statement_timeout') <> '12345ms'"),
        see('prepared', 'SELECT count(*) FROM pg_prepared_statements'),
        see('listening', 'SELECT count(*) FROM pg_listening_channels()'),
        see(
          'advisory',
          "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND objid = 4242",
        ),
        see('cursors', 'SELECT count(*) FROM pg_cursors'),
      ].join('\n'),
    });
    expect(await sameAsPsql(dir)).toEqual([
      'staged=2',
      'staged=1',
      'timezone=true',
      'statement_timeout=true',
      'prepared=0',
      'listening=0',
      'advisory=0',
      'cursors=0',
    ]);
  });

  test('SET ROLE does not reach the next migration, nor the history row', async () => {
    const dir = makeFolder({
      '001_seen.sql': `${SEEN}\nGRANT ALL ON SCHEMA public TO pmg_app_owner;\nGRANT ALL ON seen, seen_n_seq TO pmg_app_owner;`,
      '002_as_owner.sql': 'SET ROLE pmg_app_owner;\nCREATE TABLE owned_by_app (id int);',
      '003_next.sql': `CREATE TABLE owned_by_us (id int);\n${see('role', 'current_user')}`,
    });
    const saw = await sameAsPsql(dir);
    expect(saw).toEqual([`role=${(await db.query('SELECT session_user AS u')).rows[0].u}`]);
    const owners = await db.query(
      "SELECT relname, pg_get_userbyid(relowner) AS owner FROM pg_class WHERE relname LIKE 'owned_by_%' ORDER BY 1",
    );
    expect(owners.rows.map((r) => `${r.relname}:${r.owner === 'pmg_app_owner'}`)).toEqual([
      'owned_by_app:true',
      'owned_by_us:false',
    ]);
    expect((await db.query('SELECT count(*)::int AS n FROM public.schema_migrations')).rows[0].n).toBe(3);
  });

  test('a pg_dump header (empty search_path) and a tenant search_path cannot move or refuse the history row', async () => {
    const dir = makeFolder({
      '001_dump_header.sql':
        "SELECT pg_catalog.set_config('search_path', '', false);\nCREATE TABLE public.seen (n serial, k text, v text);",
      '002_tenant.sql': 'CREATE SCHEMA tenant_a;\nSET search_path TO tenant_a;\nCREATE TABLE accounts (id int);',
      '003_index.sql':
        "SELECT pg_catalog.set_config('search_path', '', false);\nCREATE INDEX CONCURRENTLY accounts_id ON tenant_a.accounts (id);",
      '004_default_path.sql': see('search_path', "current_setting('search_path')"),
    });
    expect(await sameAsPsql(dir)).toEqual(['search_path="$user", public']);
    const rows = await db.query('SELECT migration_name, dirty FROM public.schema_migrations ORDER BY id');
    expect(rows.rows.map((r) => `${r.migration_name}:${r.dirty}`)).toEqual([
      '001_dump_header.sql:false',
      '002_tenant.sql:false',
      '003_index.sql:false',
      '004_default_path.sql:false',
    ]);
    expect((await db.query("SELECT to_regclass('tenant_a.schema_migrations') AS t")).rows[0].t).toBeNull();
  });

  test('ALTER DATABASE … SET reaches the next migration, as a new psql session would see it', async () => {
    const folder = (name: string) =>
      makeFolder({
        '001_seen.sql': SEEN,
        '002_defaults.sql': `ALTER DATABASE ${name} SET timezone = 'Asia/Tokyo';`,
        '003_next.sql': see('timezone', "current_setting('TimeZone')"),
      });
    const r = await applyDir(folder(db.name));
    expect(r.ok).toBe(true);
    expect(psqlApply(ref.url, discover(folder(ref.name)).migrations).every((p) => p.ok)).toBe(true);
    expect(await seen(db)).toEqual(['timezone=Asia/Tokyo']);
    expect(await seen(ref)).toEqual(await seen(db));
  });

  test("the file's own BEGIN keeps its isolation level and READ ONLY", async () => {
    const dir = makeFolder({
      '001_seen.sql': SEEN,
      '002_serializable.sql': `BEGIN ISOLATION LEVEL SERIALIZABLE;\n${see('isolation', "current_setting('transaction_isolation')")}\nCOMMIT;`,
      '003_read_only_check.sql':
        "START TRANSACTION READ ONLY;\nSELECT 1 / (CASE WHEN current_setting('transaction_read_only') = 'on' THEN 1 ELSE 0 END);\nCOMMIT;",
    });
    expect(await sameAsPsql(dir)).toEqual(['isolation=serializable']);
    expect((await db.query('SELECT count(*)::int AS n FROM schema_migrations WHERE NOT dirty')).rows[0].n).toBe(3);

    const writes = makeFolder({ '001_writes.sql': 'BEGIN READ ONLY;\nCREATE TABLE nope (id int);\nCOMMIT;' });
    const r = await applyDir(writes, { 'history-table': 'other_history' });
    expect(r.ok).toBe(false);
    expect(r.findings[0]).toMatchObject({ rule: 'apply-failed', file: '001_writes.sql', line: 2, sqlstate: '25006' });
  });
});
