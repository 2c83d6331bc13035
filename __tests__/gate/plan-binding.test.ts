import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { adminQuery, queryAt, scratchDb, type ScratchDb } from '../harness/db.js';
import { example, makeFolder } from '../harness/folders.js';
import { runActionInProcess } from '../harness/in-process.js';
import { freePort, requestedMajor, serverBinaries, startServerOfMajor, type TestServer } from '../harness/server.js';

/**
 * The approved plan is bound to the database as the server knows it (its system identifier, the database's oid
 * and name), never to the spelling of the URL that reached it.
 */

const withHost = (url: string, host: string, user?: string) => {
  const u = new URL(url);
  u.hostname = host;
  if (user) u.username = user;
  return u.toString();
};
const onDatabase = (url: string, database: string) => {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
};

const query = (url: string, sql: string) => queryAt(url, sql);
const systemIdentifier = async (url: string) =>
  (await query(url, 'SELECT system_identifier::text AS s FROM pg_control_system()')).rows[0].s as string;
const oidOf = async (url: string) =>
  Number((await query(url, 'SELECT oid FROM pg_database WHERE datname = current_database()')).rows[0].oid);

/** A copy of the example migrations that a test may edit. */
const editableCopy = () =>
  makeFolder(
    Object.fromEntries(
      readdirSync(example('numbered')).map((f) => [f, readFileSync(join(example('numbered'), f), 'utf8')]),
    ),
  );

const plan = (url: string, dir = 'examples/numbered') =>
  runActionInProcess({ command: 'plan', 'migrations-dir': dir, 'database-url': url });
const apply = (url: string, expected: string, dir = 'examples/numbered') =>
  runActionInProcess({
    command: 'apply',
    'migrations-dir': dir,
    'database-url': url,
    'expected-plan': expected,
    'allow-ungated': 'true',
    backup: 'false',
  });
const findings = (run: { outputs: Record<string, string> }) =>
  JSON.parse(readFileSync(run.outputs['report-path'], 'utf8')).findings as { rule: string; message: string }[];
const notes = (run: { outputs: Record<string, string> }) =>
  JSON.parse(readFileSync(run.outputs['report-path'], 'utf8')).notes as string[];
const nothingApplied = async (url: string) =>
  expect((await query(url, "SELECT to_regclass('schema_migrations') AS h, to_regclass('users') AS u")).rows[0]).toEqual(
    { h: null, u: null },
  );

let db: ScratchDb;
beforeEach(async () => {
  db = await scratchDb();
});
afterEach(async () => {
  await db.drop();
});

describe('the plan hash names the database, not the URL', () => {
  test('a plan made through 127.0.0.1 is applied through localhost', async () => {
    const planned = await plan(withHost(db.url, '127.0.0.1'));
    expect(planned.code).toBe(0);
    const hash = planned.outputs['plan-hash'];
    expect(hash).toBe(`${hash.slice(0, 71)}@${await systemIdentifier(db.url)}/${await oidOf(db.url)}/${db.name}`);
    const applied = await apply(withHost(db.url, 'localhost'), hash);
    expect(findings(applied)).toEqual([]);
    expect(applied.code).toBe(0);
    expect(applied.outputs).toMatchObject({ applied: '3', 'plan-hash': hash });
  });

  test('a plan made on another database of the same server is refused, naming both', async () => {
    const other = await scratchDb();
    try {
      const hash = (await plan(other.url)).outputs['plan-hash'];
      const refused = await apply(db.url, hash);
      expect(refused.code).toBe(1);
      const [f] = findings(refused);
      expect(f.rule).toBe('plan-target-mismatch');
      expect(f.message).toBe(
        `the plan was approved on the database ${other.name} (oid ${await oidOf(other.url)}) of this server (system identifier ${await systemIdentifier(db.url)}), not on ${db.name} (oid ${await oidOf(db.url)}); nothing was changed`,
      );
      await nothingApplied(db.url);
    } finally {
      await other.drop();
    }
  });

  test('a migration edited after approval is refused as a changed plan', async () => {
    const dir = editableCopy();
    const hash = (await plan(db.url, dir)).outputs['plan-hash'];
    writeFileSync(
      join(dir, '003_add_ticket_escalation.sql'),
      `${readFileSync(join(dir, '003_add_ticket_escalation.sql'), 'utf8')}\n-- reviewed again\n`,
    );
    const refused = await apply(db.url, hash, dir);
    expect(refused.code).toBe(1);
    const [f] = findings(refused);
    expect(f.rule).toBe('plan-mismatch');
    expect(f.message).toMatch(
      new RegExp(
        `^the plan is sha256:[0-9a-f]{64}@.*, not the approved ${hash.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: a migration was added or edited after approval, or the database moved on \\(newest applied now: none\\); nothing was changed$`,
      ),
    );
    await nothingApplied(db.url);
  });
});

const run = promisify(execFile);

/**
 * A pg_basebackup that can copy a server of `major`: its own major's or a newer one (it refuses newer servers).
 * The npm registry's server packages ship none, so where only those serve a major the replica test is skipped.
 */
function basebackupFor(major: number): string | undefined {
  const dirs = [
    serverBinaries(major).bin,
    ...(existsSync('/usr/lib/postgresql')
      ? readdirSync('/usr/lib/postgresql')
          .filter((v) => Number(v) >= major)
          .map((v) => `/usr/lib/postgresql/${v}/bin`)
      : []),
  ];
  return dirs.map((d) => join(d, 'pg_basebackup')).find((f) => existsSync(f));
}

/** The major the tests run on: PG_MAJOR's, else the system's newest (the default test server). */
const testMajor =
  requestedMajor() ??
  Math.max(
    ...(existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql').map(Number).filter(Boolean) : [0]),
  );
const replicaTest = basebackupFor(testMajor)
  ? test
  : (name: string, fn: () => Promise<void>, timeout?: number) =>
      test.skip(
        `${name} (skipped: no pg_basebackup ${testMajor} or newer on this machine to make the replica)`,
        fn,
        timeout,
      );

/**
 * A streaming read replica of a throwaway server (pg_basebackup -R): the same cluster, so the same system
 * identifier and database oids, reached at another port. As root it runs as the postgres user, as the server does.
 */
async function startReplica(major: number, primary: TestServer): Promise<TestServer> {
  const { bin } = serverBinaries(major);
  const root = userInfo().uid === 0;
  const path = (name: string) => (name === 'pg_basebackup' ? basebackupFor(major)! : join(bin, name));
  const tool = (name: string, args: string[]) =>
    root ? run('runuser', ['-u', 'postgres', '--', path(name), ...args]) : run(path(name), args);
  const dir = mkdtempSync(join(tmpdir(), 'pmg-test-replica-'));
  if (root) {
    const id = async (flag: string) => Number((await run('id', [flag, 'postgres'])).stdout.trim());
    chownSync(dir, await id('-u'), await id('-g'));
  }
  const data = join(dir, 'data');
  const from = new URL(primary.url);
  const port = await freePort();
  const stop = async () => {
    await tool('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await tool('pg_basebackup', [
      '-D',
      data,
      '-h',
      from.hostname,
      '-p',
      from.port,
      '-U',
      'postgres',
      '-R',
      '-X',
      'stream',
      '--no-sync',
    ]);
    // A hot standby needs at least the primary's max_connections, which the primary got on its command line.
    const connections = (await query(primary.url, 'SHOW max_connections')).rows[0].max_connections;
    const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c hot_standby=on -c max_connections=${connections}`;
    await tool('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-o', opts, '-w', '-t', '60', 'start']);
    return {
      url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
      description: `replica of ${primary.description}`,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** Waits until the replica has replayed the creation of `database`. */
async function replayed(replica: TestServer, database: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if ((await query(replica.url, `SELECT 1 FROM pg_database WHERE datname = '${database}'`)).rowCount) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the replica did not replay CREATE DATABASE ${database} within 10 s`);
}

describe('another cluster, and a replica of the same one', () => {
  let server: TestServer;
  let major: number;
  beforeAll(async () => {
    major = Math.floor(
      Number((await adminQuery("SELECT current_setting('server_version_num') AS v")).rows[0].v) / 10000,
    );
    server = await startServerOfMajor(major);
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });

  replicaTest(
    'a plan made on a read replica is applied on the primary',
    async () => {
      const replica = await startReplica(major, server);
      const name = 'pmg_replicated';
      await query(server.url, `CREATE DATABASE ${name}`);
      try {
        await replayed(replica, name);
        const onReplica = onDatabase(replica.url, name);
        expect((await query(onReplica, 'SELECT pg_is_in_recovery() AS r')).rows[0].r).toBe(true);
        const planned = await plan(onReplica);
        expect(planned.code).toBe(0);
        const applied = await apply(onDatabase(server.url, name), planned.outputs['plan-hash']);
        expect(findings(applied)).toEqual([]);
        expect(applied.outputs).toMatchObject({ applied: '3', 'plan-hash': planned.outputs['plan-hash'] });
      } finally {
        await replica.stop();
        await query(server.url, `DROP DATABASE ${name} WITH (FORCE)`);
      }
    },
    60_000,
  );

  test('a plan made on a database of the same name on another server is refused, naming both servers', async () => {
    await query(server.url, `CREATE DATABASE ${db.name}`);
    const there = onDatabase(server.url, db.name);
    try {
      const hash = (await plan(there)).outputs['plan-hash'];
      const [theirs, ours] = [await systemIdentifier(there), await systemIdentifier(db.url)];
      expect(theirs).not.toBe(ours);
      const refused = await apply(db.url, hash);
      expect(refused.code).toBe(1);
      const [f] = findings(refused);
      expect(f.rule).toBe('plan-target-mismatch');
      expect(f.message).toBe(
        `the plan was approved on the database ${db.name} of another server: that server's system identifier is ${theirs}, this one's is ${ours}; nothing was changed`,
      );
      await nothingApplied(db.url);
    } finally {
      await query(server.url, `DROP DATABASE ${db.name} WITH (FORCE)`);
    }
  });

  test('a role that may not read the system identifier gets a stable hash of the database alone, and a note', async () => {
    const name = 'pmg_binding';
    await query(server.url, `CREATE DATABASE ${name}`);
    await query(server.url, 'CREATE ROLE pmg_planner LOGIN');
    const url = onDatabase(server.url, name);
    // A function's privileges are kept in each database's own catalog: revoked where the plan looks.
    await query(url, 'REVOKE EXECUTE ON FUNCTION pg_catalog.pg_control_system() FROM PUBLIC');
    try {
      const asPlanner = withHost(url, '127.0.0.1', 'pmg_planner');
      const first = await plan(asPlanner);
      const second = await plan(withHost(url, 'localhost', 'pmg_planner'));
      expect(first.code).toBe(0);
      const hash = first.outputs['plan-hash'];
      expect(hash).toMatch(new RegExp(`^sha256:[0-9a-f]{64}@${await oidOf(url)}/${name}$`));
      expect(second.outputs['plan-hash']).toBe(hash);
      expect(notes(first)).toContainEqual(
        expect.stringMatching(
          /^the plan hash cannot name the server of the database pmg_binding \(oid \d+\): this role may not call pg_control_system\(\)/,
        ),
      );
      // The owner, who reads the system identifier, applies that plan: the database matches by its oid and name.
      const applied = await apply(url, hash);
      expect(findings(applied)).toEqual([]);
      expect(applied.outputs.applied).toBe('3');
      expect(notes(applied)).toContain(
        "the approved plan does not name its server (the plan's role may not call pg_control_system()): the database was matched by its name and oid, and the history by when each migration was applied",
      );
    } finally {
      await query(url, 'GRANT EXECUTE ON FUNCTION pg_catalog.pg_control_system() TO PUBLIC');
      await query(server.url, `DROP DATABASE ${name} WITH (FORCE)`);
      await query(server.url, 'DROP ROLE pmg_planner');
    }
  });

  test('a plan that names its server is refused where the applying role cannot tell the server: it fails closed', async () => {
    const name = 'pmg_unchecked';
    await query(server.url, 'CREATE ROLE pmg_applier LOGIN');
    await query(server.url, `CREATE DATABASE ${name} OWNER pmg_applier`);
    const url = onDatabase(server.url, name);
    await query(url, 'REVOKE EXECUTE ON FUNCTION pg_catalog.pg_control_system() FROM PUBLIC');
    try {
      const planned = await plan(url);
      expect(planned.outputs['plan-hash']).toMatch(
        new RegExp(`^sha256:[0-9a-f]{64}@${await systemIdentifier(server.url)}/\\d+/${name}$`),
      );
      const applied = await apply(withHost(url, 'localhost', 'pmg_applier'), planned.outputs['plan-hash']);
      expect(applied.code).not.toBe(0);
      expect(findings(applied)).toEqual([
        expect.objectContaining({
          rule: 'plan-target-mismatch',
          message: expect.stringMatching(
            /this role may not call pg_control_system\(\) to show this is that server; GRANT EXECUTE/,
          ),
        }),
      ]);
      await nothingApplied(url);
    } finally {
      await query(server.url, `DROP DATABASE ${name} WITH (FORCE)`);
      await query(server.url, 'DROP ROLE pmg_applier');
    }
  });
});
