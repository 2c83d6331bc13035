import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { verify } from '../../src/commands/verify.js';
import { silentLogger } from '../../src/foundation/logger.js';
import { SCRATCH_PREFIX } from '../../src/verify/scratch.js';
import { testConfig } from '../harness/config.js';
import { adminQuery, scratchDb, serverUrl, type ScratchDb } from '../harness/db.js';
import { makeFolder } from '../harness/folders.js';

/**
 * Verify undoes on the server only what its own sessions did, while other sessions work on the same server: what
 * they create stays, whatever the migrations' text says; a cancelled verify stops and cleans up; a killed one's
 * scratch databases are dropped by the next verify once their creator is gone.
 */
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let db: ScratchDb;
let id: string;
beforeEach(async () => {
  db = await scratchDb();
  id = randomBytes(4).toString('hex');
});
afterEach(async () => {
  await db.drop();
});

const run = (dir: string, o: { signal?: AbortSignal; checks?: string; url?: string } = {}) => {
  const url = o.url ?? db.url;
  return verify(
    testConfig({ command: 'verify', 'migrations-dir': dir, 'database-url': url, checks: o.checks ?? 'apply' }),
    { databaseUrl: url, log: silentLogger, signal: o.signal },
  );
};

/** Waits until a migration of verify runs pg_sleep on a scratch database. */
async function migrationSleeping(): Promise<void> {
  for (let i = 0; i < 400; i++) {
    const r = await adminQuery(
      "SELECT 1 FROM pg_stat_activity WHERE datname LIKE 'pmg\\_verify\\_%' AND query LIKE '%pg_sleep(%' AND state = 'active' AND pid <> pg_backend_pid()",
    );
    if (r.rowCount) return;
    await sleep(25);
  }
  throw new Error('the migration never started');
}

const count = async (sql: string, params: unknown[]) => (await adminQuery(sql, params)).rows[0].n as number;
const databases = (name: string) => count('SELECT count(*)::int AS n FROM pg_database WHERE datname = $1', [name]);
const roles = (name: string) => count('SELECT count(*)::int AS n FROM pg_roles WHERE rolname = $1', [name]);
const scratch = async () =>
  new Set(
    (await adminQuery("SELECT datname FROM pg_database WHERE datname LIKE 'pmg\\_verify\\_%'")).rows.map(
      (r) => r.datname as string,
    ),
  );
const autoConf = async (name: string) =>
  (await adminQuery("SELECT setting FROM pg_file_settings WHERE name = $1 AND sourcefile LIKE '%auto.conf'", [name]))
    .rows[0]?.setting as string | undefined;

describe('verify undoes what its own sessions did, and nothing else', () => {
  test("another session's database and role, named like the migrations' objects, survive verify", async () => {
    const dir = makeFolder({
      '001_orders.sql': `-- read by reporting_${id} later\nCREATE TABLE orders_${id} (id int);\nSELECT pg_sleep(1);`,
    });
    const verifying = run(dir, { checks: 'apply,reversibility' });
    await migrationSleeping();
    await adminQuery(`CREATE DATABASE orders_${id}`);
    await adminQuery(`CREATE ROLE reporting_${id} NOLOGIN`);
    try {
      const r = await verifying;
      expect(r.findings.filter((f) => f.severity !== 'info')).toEqual([]);
      expect(await databases(`orders_${id}`)).toBe(1);
      expect(await roles(`reporting_${id}`)).toBe(1);
      expect(r.notes.join('\n')).toMatch(
        new RegExp(`left alone, created on the server by other sessions.*database orders_${id}.*role reporting_${id}`),
      );
      expect(r.notes.join('\n')).not.toMatch(/verify undid/);
    } finally {
      await adminQuery(`DROP DATABASE IF EXISTS orders_${id}`);
      await adminQuery(`DROP ROLE IF EXISTS reporting_${id}`);
    }
  });

  test("a role another session's open transaction created while verify's migration created and committed its own stays", async () => {
    const other = new pg.Client({ connectionString: serverUrl() });
    await other.connect();
    const dir = makeFolder({
      '001_roles.sql': `CREATE ROLE own_${id} NOLOGIN;\nSELECT pg_sleep(1); -- grants to reporting_${id} come later`,
    });
    try {
      // Its transaction is assigned an id before verify's, and commits after verify's migration has committed.
      await other.query(`BEGIN; CREATE ROLE reporting_${id} NOLOGIN`);
      const verifying = run(dir);
      await migrationSleeping();
      while (
        await count(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname LIKE 'pmg\\_verify\\_%' AND query LIKE '%pg_sleep(%' AND state = 'active'",
          [],
        )
      )
        await sleep(10);
      await other.query('COMMIT');
      const r = await verifying;
      expect(await roles(`own_${id}`)).toBe(0);
      expect(await roles(`reporting_${id}`)).toBe(1);
      expect(r.notes.join('\n')).toMatch(
        new RegExp(`left alone, created on the server by other sessions.*role reporting_${id}`),
      );
    } finally {
      await other.end();
      await adminQuery(`DROP ROLE IF EXISTS reporting_${id}`);
    }
  });

  test("the migrations' own databases and roles are undone: plain, in a PL/pgSQL EXCEPTION block, outside a transaction", async () => {
    const dir = makeFolder({
      '001_roles.sql': `CREATE ROLE own_a_${id} NOLOGIN;\nDO $$ BEGIN CREATE ROLE own_b_${id} NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;\nCREATE TABLE t (id int);`,
      '002_outside.sql': `-- migrate:no-transaction\nCREATE ROLE own_c_${id} NOLOGIN;\nCREATE DATABASE own_db_${id};`,
    });
    const r = await run(dir, { checks: 'apply,locks' });
    expect(r.verify!.migrations.map((m) => m.apply)).toEqual(['ok', 'ok']);
    for (const role of ['a', 'b', 'c']) expect([role, await roles(`own_${role}_${id}`)]).toEqual([role, 0]);
    expect(await databases(`own_db_${id}`)).toBe(0);
    expect(r.notes.join('\n')).toMatch(new RegExp(`database own_db_${id} dropped`));
  });

  test('an ALTER SYSTEM of the migrations is put back; one another session also changed is left, and said so', async () => {
    const dir = makeFolder({
      '001_system.sql':
        "-- migrate:no-transaction\nALTER SYSTEM SET log_min_duration_statement = '4321';\nALTER SYSTEM SET log_autovacuum_min_duration = '1234';\nSELECT pg_sleep(1);",
    });
    const verifying = run(dir);
    await migrationSleeping();
    await adminQuery("ALTER SYSTEM SET log_autovacuum_min_duration = '999'");
    try {
      const r = await verifying;
      expect(await autoConf('log_min_duration_statement')).toBeUndefined();
      expect(await autoConf('log_autovacuum_min_duration')).toBe('999');
      expect(r.findings.map((f) => [f.rule, f.message])).toEqual([
        [
          'server-side-effect',
          expect.stringMatching(
            /ALTER SYSTEM log_autovacuum_min_duration left as it is: another session changed it too/,
          ),
        ],
      ]);
    } finally {
      await adminQuery('ALTER SYSTEM RESET log_autovacuum_min_duration');
      await adminQuery('ALTER SYSTEM RESET log_min_duration_statement');
    }
  });
});

describe('verify as a role that is not superuser (CREATEDB, CREATEROLE)', () => {
  test("PostgreSQL 16+: its own roles are dropped and another session's stay; before 16 neither is dropped, and its own is reported", async () => {
    const major = Math.floor(Number((await adminQuery('SHOW server_version_num')).rows[0].server_version_num) / 10000);
    await adminQuery(`CREATE ROLE mig_${id} LOGIN CREATEDB CREATEROLE`);
    const url = new URL(db.url);
    url.username = `mig_${id}`;
    const dir = makeFolder({
      '001_roles.sql': `CREATE ROLE own_${id} NOLOGIN;\nCREATE TABLE t (id int); -- for reporting_${id}\nSELECT pg_sleep(1);`,
    });
    try {
      const verifying = run(dir, { url: url.toString() });
      await migrationSleeping();
      await adminQuery(`CREATE ROLE reporting_${id} NOLOGIN`);
      const r = await verifying;
      expect(await roles(`reporting_${id}`)).toBe(1);
      if (major >= 16) {
        expect(r.findings.filter((f) => f.severity !== 'info')).toEqual([]);
        expect(await roles(`own_${id}`)).toBe(0);
      } else {
        expect(await roles(`own_${id}`)).toBe(1);
        expect(r.findings.map((f) => f.rule)).toEqual(['server-side-effect', 'server-side-effect']);
      }
    } finally {
      for (const role of [`own_${id}`, `reporting_${id}`, `mig_${id}`]) await adminQuery(`DROP ROLE IF EXISTS ${role}`);
    }
  });
});

describe('a cancelled verify', () => {
  test('stops at the running statement, drops its scratch databases, undoes its server changes and says it was cancelled', async () => {
    const dir = makeFolder({
      '001_role.sql': `CREATE ROLE cancelled_${id} NOLOGIN;`,
      '002_slow.sql': 'CREATE TABLE b (id int);\nSELECT pg_sleep(30);',
      '003_c.sql': 'CREATE TABLE c (id int);',
    });
    const before = await scratch();
    const controller = new AbortController();
    const started = performance.now();
    const verifying = run(dir, { signal: controller.signal });
    await migrationSleeping();
    controller.abort('SIGTERM');
    const r = await verifying;
    expect(performance.now() - started).toBeLessThan(15_000);
    expect(r.cancelled).toBe('SIGTERM');
    expect(r.ok).toBe(false);
    expect(r.findings.map((f) => f.rule)).toEqual(['cancelled']);
    expect(r.verify!.migrations.map((m) => m.apply)).toEqual(['ok', 'not run', 'not run']);
    expect([...(await scratch())].filter((d) => !before.has(d))).toEqual([]);
    expect(await roles(`cancelled_${id}`)).toBe(0);
  });
});

describe('scratch databases of a verify that was killed', () => {
  /** A scratch database as a verify run makes it, created and labelled by `creator`'s session. */
  async function leftover(creator: pg.Client): Promise<string> {
    const name = `${SCRATCH_PREFIX}${id}${randomBytes(2).toString('hex')}_0_work`;
    await creator.query(`CREATE DATABASE ${name}`);
    const me = (
      await creator.query(
        `SELECT pid, to_char(backend_start AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS since FROM pg_stat_activity WHERE pid = pg_backend_pid()`,
      )
    ).rows[0];
    await creator.query(
      `COMMENT ON DATABASE ${name} IS 'pg-migration-gate verify scratch database; created by pid ${me.pid} connected at ${me.since}'`,
    );
    return name;
  }

  test('are dropped by the next verify once their creating session is gone; a live run keeps its own', async () => {
    const dead = new pg.Client({ connectionString: serverUrl() });
    const live = new pg.Client({ connectionString: serverUrl() });
    await Promise.all([dead.connect(), live.connect()]);
    const unlabelled = `${SCRATCH_PREFIX}${id}_0_work`;
    try {
      const gone = await leftover(dead);
      const kept = await leftover(live);
      await adminQuery(`CREATE DATABASE ${unlabelled}`);
      const deadPid = (await dead.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
      await dead.end();
      // The server ends a closed session's backend a moment later.
      while (await count('SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid = $1', [deadPid])) await sleep(20);
      const r = await run(makeFolder({ '001_a.sql': 'CREATE TABLE a (id int);' }));
      expect(r.findings.filter((f) => f.severity !== 'info')).toEqual([]);
      expect(await databases(gone)).toBe(0);
      expect(await databases(kept)).toBe(1);
      expect(await databases(unlabelled)).toBe(1);
      expect(r.notes.join('\n')).toContain(
        `verify dropped ${gone}, left behind by an earlier verify whose process was killed`,
      );
    } finally {
      await live.end();
      for (const d of await scratch())
        if (d.includes(id)) await adminQuery(`DROP DATABASE IF EXISTS ${d} WITH (FORCE)`);
    }
  });
});
