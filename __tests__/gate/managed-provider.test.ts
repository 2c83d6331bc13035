import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { testServerMajor, withPgDump } from '../harness/backup-tools.js';
import { tableChecksums } from '../harness/data.js';
import { queryAt, type ScratchDb } from '../harness/db.js';
import { addFile, makeFolder } from '../harness/folders.js';
import { runActionInProcess, runCliInProcess } from '../harness/in-process.js';
import { startServerOfMajor, type TestServer } from '../harness/server.js';

// A managed PostgreSQL as the migrating role finds it (RDS and Aurora, Cloud SQL, Azure, Supabase, Neon, Crunchy
// Bridge): it owns its database and everything in it, and nothing more. Not a superuser, no REPLICATION, no
// CREATEDB, no CREATEROLE; pg_authid, pg_file_settings and ALTER SYSTEM are out of reach; pgcrypto can be created
// because it is a trusted extension; pg_control_system() is revoked; other roles' sessions show no state and no
// query. The server is this file's own: revoking pg_control_system() on the shared one would change what the tests
// of other workers see.

let server: TestServer;
const OWNER = 'app_owner';
/** Not a superuser either, but may create databases: what verify's scratch databases need. */
const BUILDER = 'app_builder';
/** The application's own role, whose sessions the migrating role cannot look into. */
const APP = 'app_user';

const urlAs = (user: string, database: string) => {
  const u = new URL(server.url);
  u.username = user;
  u.pathname = `/${database}`;
  return u.toString();
};

const sql = queryAt;

const superuser = (database: string, text: string, params?: unknown[]) =>
  sql(urlAs('postgres', database), text, params);

beforeAll(async () => {
  server = await startServerOfMajor(testServerMajor);
  await superuser(
    'postgres',
    `
    CREATE ROLE ${OWNER} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION;
    CREATE ROLE ${BUILDER} LOGIN NOSUPERUSER CREATEDB NOCREATEROLE NOREPLICATION;
    CREATE ROLE app_reader NOLOGIN;
    CREATE ROLE ${APP} LOGIN IN ROLE app_reader;`,
  );
  // Revoked in template1 too, so every database created on this server (verify's scratch ones included) has it so.
  for (const database of ['template1', 'postgres'])
    await superuser(database, 'REVOKE EXECUTE ON FUNCTION pg_catalog.pg_control_system() FROM PUBLIC');
}, 120_000);
afterAll(async () => {
  // The server is this file's own and is removed next; the grant is put back all the same.
  for (const database of ['template1', 'postgres'])
    await superuser(database, 'GRANT EXECUTE ON FUNCTION pg_catalog.pg_control_system() TO PUBLIC').catch(() => {});
  await server?.stop();
});

/** A database the superuser created for the application, owned by the migrating role; `url` connects as that role. */
async function ownedDatabase(): Promise<ScratchDb> {
  const name = `shop_${randomBytes(5).toString('hex')}`;
  await superuser('postgres', `CREATE DATABASE ${name} OWNER ${OWNER}`);
  const url = urlAs(OWNER, name);
  return {
    name,
    url,
    query: (text, params) => sql(url, text, params),
    drop: async () => void (await superuser('postgres', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)),
  };
}

let db: ScratchDb;
beforeEach(async () => {
  db = await ownedDatabase();
});
afterEach(async () => {
  await db.drop();
});

/** What a team migrating on a managed service writes: tables, indexes, a trusted extension, a function, grants. */
const MIGRATIONS = {
  '001_customers_orders.sql': `-- migrate:up
CREATE TABLE customers (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email text NOT NULL);
CREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customers, total numeric(12, 2) NOT NULL);
CREATE INDEX orders_customer_id_idx ON orders (customer_id);
-- migrate:down
DROP TABLE orders;
DROP TABLE customers;
`,
  '002_pgcrypto.sql': `-- migrate:up
CREATE EXTENSION IF NOT EXISTS pgcrypto;
CREATE OR REPLACE FUNCTION email_digest(email text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT encode(digest(lower(email), 'sha256'), 'hex') $$;
-- migrate:down
DROP FUNCTION email_digest(text);
DROP EXTENSION pgcrypto;
`,
  '003_grants.sql': `-- migrate:up
GRANT SELECT ON customers, orders TO app_reader;
GRANT INSERT ON customers TO ${APP};
GRANT EXECUTE ON FUNCTION email_digest(text) TO app_reader;
-- migrate:down
REVOKE EXECUTE ON FUNCTION email_digest(text) FROM app_reader;
REVOKE INSERT ON customers FROM ${APP};
REVOKE SELECT ON customers, orders FROM app_reader;
`,
  '004_orders_total_index.sql': `-- migrate:no-transaction
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_total_idx ON orders (total);
`,
};
const VERSIONS = ['001', '002', '003', '004'];

const SYSTEM_PRIVILEGES_LEFT_OUT =
  "the dump's privileges on 1 object(s) of the server itself were not restored, as only a superuser may set them and the restore leaves those objects as the server has them: FUNCTION pg_catalog.pg_control_system";

const backupDir = () => mkdtempSync(join(tmpdir(), 'pmg-managed-backups-'));

/** The CLI as a user runs it against the database, as the migrating role, its JSON report parsed. */
async function cli(command: string, args: string[], url = db.url) {
  const r = await runCliInProcess([command, '--yes', '--database-url', url, '--format', 'json', ...args]);
  return { ...r, report: JSON.parse(r.stdout) };
}

const rules = (report: { findings: { rule: string; severity: string }[] }) =>
  report.findings.filter((f) => f.severity !== 'info').map((f) => `${f.rule} ${f.severity}`);
const versions = async () =>
  (await db.query('SELECT version FROM schema_migrations ORDER BY id')).rows.map((r) => r.version);

/** Applies the folder without backups: the state later tests start from. */
async function deployed(): Promise<string> {
  const dir = makeFolder(MIGRATIONS);
  const r = await cli('apply', ['--migrations-dir', dir, '--backup', 'false']);
  expect([r.code, rules(r.report)]).toEqual([0, []]);
  await db.query(
    "INSERT INTO customers (email) SELECT 'c' || g || '@example.com' FROM generate_series(1, 20) g; INSERT INTO orders (customer_id, total) SELECT id, id * 1.5 FROM customers",
  );
  return dir;
}

/** A session of the application's role, holding a transaction open after `statements`. */
async function appSession(database: string, statements: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: urlAs(APP, database) });
  await c.connect();
  await c.query(`BEGIN; ${statements}`);
  return c;
}

test('the server is a managed one as the migrating role sees it', async () => {
  const r = await db.query(`SELECT rolsuper, rolcreatedb, rolcreaterole, rolreplication,
      pg_catalog.has_function_privilege('pg_catalog.pg_control_system()', 'EXECUTE') AS control_system,
      (SELECT datdba::regrole::text FROM pg_database WHERE datname = current_database()) AS owner
    FROM pg_roles WHERE rolname = current_user`);
  expect(r.rows[0]).toEqual({
    rolsuper: false,
    rolcreatedb: false,
    rolcreaterole: false,
    rolreplication: false,
    control_system: false,
    owner: OWNER,
  });
  await expect(db.query('SELECT count(*) FROM pg_catalog.pg_authid')).rejects.toThrow(/permission denied/);
  await expect(db.query('SELECT count(*) FROM pg_catalog.pg_file_settings')).rejects.toThrow(/permission denied/);
  await expect(db.query("ALTER SYSTEM SET work_mem = '8MB'")).rejects.toThrow(/permission denied|must be superuser/);
  // What a dump of this database carries for pg_catalog, and a restore by this role would have to replay.
  await expect(db.query('REVOKE ALL ON FUNCTION pg_catalog.pg_control_system() FROM PUBLIC')).rejects.toThrow(
    /permission denied for function pg_control_system/,
  );
});

withPgDump.describe('as the database owner, without superuser, CREATEDB or pg_control_system()', () => {
  test('plan, then the gated apply with its backups: tables, indexes (one CONCURRENTLY), a trusted extension, a function, grants', async () => {
    const dir = makeFolder(MIGRATIONS);
    const plan = await cli('plan', ['--migrations-dir', dir]);
    expect([plan.code, rules(plan.report)]).toEqual([0, []]);
    expect(
      plan.report.pending.map((p: { version: string; transaction: boolean }) => `${p.version} ${p.transaction}`),
    ).toEqual(['001 true', '002 true', '003 true', '004 false']);
    // Without pg_control_system() the plan binds the database by name and oid, and says the server is not bound.
    expect(plan.stdout).toMatch(/may not call pg_control_system\(\)/);

    const backups = backupDir();
    const apply = await cli('apply', [
      '--migrations-dir',
      dir,
      '--backup-dir',
      backups,
      '--expected-plan',
      plan.report.planHash,
    ]);
    expect([apply.code, rules(apply.report)]).toEqual([0, []]);
    expect(apply.report.applied.map((a: { version: string }) => a.version)).toEqual(VERSIONS);
    expect(apply.report.backup.path).toContain(backups);
    expect(apply.report.postBackup.path).toContain(backups);

    expect(await versions()).toEqual(VERSIONS);
    const objects = await db.query(`SELECT
        (SELECT extowner::regrole::text FROM pg_extension WHERE extname = 'pgcrypto') AS extension,
        (SELECT indisvalid FROM pg_index WHERE indexrelid = 'orders_total_idx'::regclass) AS concurrent_index_valid,
        has_table_privilege('app_reader', 'orders', 'SELECT') AS reader_selects,
        has_function_privilege('app_reader', 'email_digest(text)', 'EXECUTE') AS reader_executes,
        email_digest('A@example.com') = encode(digest('a@example.com', 'sha256'), 'hex') AS digest_works`);
    expect(objects.rows[0]).toEqual({
      extension: OWNER,
      concurrent_index_valid: true,
      reader_selects: true,
      reader_executes: true,
      digest_works: true,
    });
  });

  test('backup, then restore of that backup', async () => {
    await deployed();
    const before = await tableChecksums(db);
    const backups = backupDir();
    const backup = await cli('backup', ['--backup-dir', backups]);
    expect([backup.code, rules(backup.report)]).toEqual([0, []]);
    // Changed since: a function and an index dropped, a grant revoked. No row was written, but a restore undoes
    // them all: refused, naming each, until told to discard them.
    await db.query(
      'DROP FUNCTION email_digest(text); DROP INDEX orders_total_idx; REVOKE SELECT ON orders FROM app_reader',
    );
    const refused = await cli('restore', ['--backup-file', backup.report.backup.path]);
    expect([refused.code, rules(refused.report)]).toEqual([1, ['restore-refused error']]);
    expect(refused.report.findings[0].message).toMatch(
      /the catalog changed since the backup: table public\.orders changed, index public\.orders_total_idx removed, function public\.email_digest\(pg_catalog\.text\) removed; set restore-discards-writes/,
    );

    const restore = await cli('restore', [
      '--backup-file',
      backup.report.backup.path,
      '--restore-discards-writes',
      'true',
    ]);
    expect([restore.code, rules(restore.report)]).toEqual([0, []]);
    expect(restore.report.notes.join('\n')).toMatch(/^restored .*\.dump \(sha256 /m);
    // The dump carries the server's REVOKE on pg_control_system(), which only a superuser may replay: left out, and said.
    expect(restore.report.notes).toContain(SYSTEM_PRIVILEGES_LEFT_OUT);
    const back =
      await db.query(`SELECT to_regprocedure('email_digest(text)') IS NOT NULL AS function, to_regclass('orders_total_idx') IS NOT NULL AS index,
        has_table_privilege('app_reader', 'orders', 'SELECT') AS grant, (SELECT relowner::regrole::text FROM pg_class WHERE oid = 'orders'::regclass) AS owner`);
    expect(back.rows[0]).toEqual({ function: true, index: true, grant: true, owner: OWNER });
    expect(
      (await db.query("SELECT has_function_privilege('pg_catalog.pg_control_system()', 'EXECUTE') AS x")).rows[0].x,
    ).toBe(false);
    expect(await tableChecksums(db)).toEqual(before);
    expect(await versions()).toEqual(VERSIONS);
  });

  test('on-failure: restore after a failing migration puts the database back, and the report says so (the action, ungated)', async () => {
    const dir = await deployed();
    const before = await tableChecksums(db);
    addFile(
      dir,
      '005_order_notes.sql',
      'ALTER TABLE orders ADD COLUMN note text;\nCREATE INDEX orders_note_idx ON orders (note);',
    );
    addFile(dir, '006_broken.sql', 'ALTER TABLE orders ADD CONSTRAINT total_small CHECK (total < 2);');
    const r = await runActionInProcess({
      command: 'apply',
      'migrations-dir': dir,
      'database-url': db.url,
      'allow-ungated': 'true',
      'on-failure': 'restore',
      'backup-dir': backupDir(),
    });
    expect(r.code).toBe(1);
    expect(r.summary).toMatch(
      /on-failure: restore — the pre-apply backup .* was restored; the database and its history are as they were before this run/,
    );
    expect(r.summary.replace(/\\_/g, '_')).toContain(`on-failure: restore — ${SYSTEM_PRIVILEGES_LEFT_OUT}`);
    expect(await versions()).toEqual(VERSIONS);
    expect(
      (
        await db.query(
          "SELECT count(*)::int AS n FROM pg_attribute WHERE attrelid = 'orders'::regclass AND attname = 'note'",
        )
      ).rows[0].n,
    ).toBe(0);
    expect(await tableChecksums(db)).toEqual(before);
  });
});

withPgDump.describe("other roles' sessions, whose state and query the migrating role cannot see", () => {
  test('pre-flight names an application session idle in a transaction on a table a migration locks', async () => {
    const dir = await deployed();
    addFile(dir, '005_order_notes.sql', 'ALTER TABLE orders ADD COLUMN note text;');
    const app = await appSession(db.name, 'SELECT count(*) FROM orders;');
    try {
      const pid = (await app.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
      const r = await cli('apply', [
        '--migrations-dir',
        dir,
        '--preflight',
        'strict',
        '--backup',
        'false',
        '--lock-timeout',
        '1s',
        '--lock-retries',
        '0',
      ]);
      expect([r.code, rules(r.report)]).toEqual([1, ['blocking-session error']]);
      expect(r.report.findings[0].message).toBe(
        `pid ${pid} (a session of ${APP}; its state, transaction and query are hidden from this role, which is neither a member of ${APP} nor of pg_read_all_stats) holds AccessShareLock on orders: a migration locking orders would wait behind it, and queries behind the migration`,
      );
      expect(r.report.applied).toEqual([]);
    } finally {
      await app.end();
    }
    expect(await versions()).toEqual(VERSIONS);
  });

  test('restore refuses while an application session has an open transaction that wrote, naming it', async () => {
    await deployed();
    const backup = await cli('backup', ['--backup-dir', backupDir()]);
    expect(backup.code).toBe(0);
    const app = await appSession(db.name, "INSERT INTO customers (email) VALUES ('new@example.com');");
    try {
      const pid = (await app.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
      const r = await cli('restore', ['--backup-file', backup.report.backup.path, '--backup-lock-timeout', '2s']);
      expect([r.code, rules(r.report)]).toEqual([1, ['restore-refused error']]);
      expect(r.report.findings[0].message).toContain(
        `1 session(s) of this database have a transaction open that wrote, and may yet commit: pid ${pid} (a session of ${APP}; its state`,
      );
      // Told to go ahead, pg_restore waits for that session's lock, and is stopped naming it.
      const anyway = await cli('restore', [
        '--backup-file',
        backup.report.backup.path,
        '--backup-lock-timeout',
        '2s',
        '--restore-discards-writes',
        'true',
      ]);
      expect([anyway.code, rules(anyway.report)]).toEqual([1, ['database-state error']]);
      expect(anyway.report.findings[0].message).toMatch(
        new RegExp(
          `^the restore waited longer than 2000 ms \\(backup-lock-timeout\\) for ExclusiveLock on public\\.\\w+, held by pid ${pid} \\(a session of ${APP}; its state, transaction and query are hidden from this role`,
        ),
      );
      await app.query('COMMIT');
    } finally {
      await app.end();
    }
    expect((await db.query("SELECT count(*)::int AS n FROM customers WHERE email = 'new@example.com'")).rows[0].n).toBe(
      1,
    );
  });

  // From PostgreSQL 15 an idle session sends counts it held back within 10 s; before, only at its next report, which
  // an idle session may never make: no wait can see them there.
  (testServerMajor >= 15 ? test : test.skip)(
    'restore waits for the counts an application session holds back, and refuses for the row it just committed (PostgreSQL 15+)',
    async () => {
      await deployed();
      const backup = await cli('backup', ['--backup-dir', backupDir()]);
      expect(backup.code).toBe(0);
      const app = new pg.Client({ connectionString: urlAs(APP, db.name) });
      await app.connect();
      try {
        // The first statement's counts are sent as the session goes idle; those of a commit less than a second later
        // are held back, for up to 10 s, while it stays idle.
        await app.query('SELECT count(*) FROM customers');
        await app.query("INSERT INTO customers (email) VALUES ('late@example.com')");
        const r = await cli('restore', ['--backup-file', backup.report.backup.path]);
        expect([r.code, rules(r.report)]).toEqual([1, ['restore-refused error']]);
        expect(r.report.findings[0].message).toMatch(
          /tables written since, by the statistics \(which count rolled-back writes\): public\.customers \(1 row\)/,
        );
      } finally {
        await app.end();
      }
      expect(
        (await db.query("SELECT count(*)::int AS n FROM customers WHERE email = 'late@example.com'")).rows[0].n,
      ).toBe(1);
    },
    60_000,
  );
});

describe('verify', () => {
  test('without CREATEDB it refuses before anything runs, naming the privilege and the fixes', async () => {
    const dir = makeFolder(MIGRATIONS);
    const r = await cli('verify', ['--migrations-dir', dir]);
    expect([r.code, rules(r.report)]).toEqual([1, ['database-error error']]);
    expect(r.report.findings[0].message).toMatch(
      new RegExp(
        `^verify creates scratch databases, and the role ${OWNER} may not: it has neither CREATEDB nor superuser`,
      ),
    );
    expect(r.report.findings[0].help).toMatch(/service container.*ALTER ROLE app_owner CREATEDB/s);
    expect(r.report.verify).toBeUndefined();
    expect(
      (await superuser('postgres', "SELECT count(*)::int AS n FROM pg_database WHERE datname LIKE 'pmg_verify_%'"))
        .rows[0].n,
    ).toBe(0);
  });

  test('with CREATEDB but not superuser it runs every check, and undoes what the migrations did to the server', async () => {
    const id = randomBytes(4).toString('hex');
    // A database of the migrations' own: a server-wide effect the role may make, and verify must undo as that role.
    const dir = makeFolder({ ...MIGRATIONS, '005_reporting.sql': `CREATE DATABASE reporting_${id};` });
    const r = await cli('verify', ['--migrations-dir', dir], urlAs(BUILDER, 'postgres'));
    expect(r.code).toBe(0);
    expect(r.report.findings.filter((f: { severity: string }) => f.severity === 'error')).toEqual([]);
    type Verified = { apply: string; idempotency: string; reversibility: string; statements: unknown[] };
    const verified: Verified[] = r.report.verify.migrations;
    expect(verified.map((m) => `${m.apply} ${m.reversibility}`)).toEqual([
      'ok ok',
      'ok ok',
      'ok ok',
      'ok no down script',
      'ok no down script',
    ]);
    // Re-run (CREATE TABLE and CREATE DATABASE are not re-runnable: warned), and every statement traced for locks.
    expect(verified.map((m) => m.idempotency)).toEqual(['failed', 'ok', 'ok', 'ok', 'failed']);
    expect(verified.every((m) => m.statements.length > 0)).toBe(true);
    expect(r.report.notes.join('\n')).toContain(
      `verify undid what the migrations changed on the whole server: database reporting_${id} dropped`,
    );
    expect(rules(r.report)).not.toContain('server-side-effect warning');
    const left = await superuser(
      'postgres',
      "SELECT datname FROM pg_database WHERE datname LIKE 'pmg_verify_%' OR datname = $1",
      [`reporting_${id}`],
    );
    expect(left.rows).toEqual([]);
  });
});
