import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { crc32 } from 'node:zlib';
import pg from 'pg';
import Postgrator from 'postgrator';
import { applyMigrations } from '../../src/engine/pipeline.js';
import { runCommand } from '../../src/commands/run-command.js';
import { silentLogger } from '../../src/foundation/logger.js';
import { discover } from '../../src/migrations/discover.js';
import type { Report } from '../../src/model/report.js';
import { testConfig } from '../harness/config.js';
import { scratchDb, type ScratchDb } from '../harness/db.js';
import { example, fixture } from '../harness/folders.js';
import { psqlApply } from '../harness/psql.js';
import { TOOL_TABLES } from '../harness/tool-tables.js';

/**
 * Each tool's history table, built as the tool leaves it: its own DDL and rows for the migrations it applied (their
 * SQL run by psql, as the tool would have run it). The gate then applies the rest, and the tool's own view, its
 * documented queries over its table, must agree: every migration applied, rows in the tool's format.
 */

/** Each tool's table as the tool creates it. */
const DDL = {
  golang: TOOL_TABLES['golang-migrate'].ddl,
  flyway: TOOL_TABLES.flyway.ddl,
  sqlx: TOOL_TABLES.sqlx.ddl,
  prisma: TOOL_TABLES.prisma.ddl,
};

let db: ScratchDb;
beforeEach(async () => {
  db = await scratchDb();
});
afterEach(async () => {
  await db.drop();
});

const ctx = () => ({
  databaseUrl: db.url,
  log: silentLogger,
  appliedBy: 'test',
  backupDir: join(tmpdir(), 'pmg-test-backups'),
});
const apply = (dir: string, table: string, extra: Record<string, string> = {}) =>
  applyMigrations(
    testConfig({ 'migrations-dir': dir, 'database-url': db.url, 'history-table': table, ...extra }),
    ctx(),
  );
const plan = (dir: string, table: string) =>
  runCommand(
    testConfig({ command: 'plan', 'migrations-dir': dir, 'database-url': db.url, 'history-table': table }),
    ctx(),
  );
const rows = async (sql: string) => (await db.query(sql)).rows;

/** A copy of a fixture folder, to edit or extend. */
function copyOf(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `pmg-${name}-`));
  cpSync(fixture(name), dir, { recursive: true });
  return dir;
}

/** Runs the first n migrations of a folder with psql, as the tool would have, before its rows are written. */
function applyFirst(dir: string, n: number): void {
  const outcome = psqlApply(db.url, discover(dir).migrations.slice(0, n));
  expect(outcome.every((o) => o.ok)).toBe(true);
}

const bytes = (dir: string, file: string) => readFileSync(join(dir, file));
const sha = (algorithm: string, data: Buffer) => createHash(algorithm).update(data).digest('hex');

/** Flyway's checksum as its ChecksumCalculator computes it: CRC32 updated line by line, line breaks left out. */
function flywayChecksum(data: Buffer): number {
  const lines = data
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/);
  return lines.reduce((crc, line) => crc32(Buffer.from(line, 'utf8'), crc), 0) | 0;
}

function expectClean(r: Report, applied: string[]): void {
  expect(r.findings).toEqual([]);
  expect(r.applied.map((a) => a.version)).toEqual(applied);
}

describe("another tool's history table, read in place and written in the tool's format", () => {
  test('golang-migrate: the one row moves to the newest version, clean; migrate would report 10 and not dirty', async () => {
    const dir = fixture('up-down-pairs');
    await db.query(DDL.golang);
    applyFirst(dir, 2);
    await db.query('INSERT INTO schema_migrations (version, dirty) VALUES (2, false)');

    const r = await apply(dir, 'schema_migrations');
    expectClean(r, ['9', '10']);
    expect(r.notes.join('\n')).toMatch(/is golang-migrate's/);
    expect(await rows('SELECT version::int, dirty FROM schema_migrations')).toEqual([{ version: 10, dirty: false }]);
    expectClean(await apply(dir, 'schema_migrations'), []);
  });

  test("goose: a row per migration with is_applied, after goose's version-0 row; goose version would be the newest", async () => {
    const dir = fixture('goose');
    await db.query(TOOL_TABLES.goose.ddl);
    await db.query('INSERT INTO goose_db_version (version_id, is_applied) VALUES (0, true)');
    applyFirst(dir, 2);
    await db.query('INSERT INTO goose_db_version (version_id, is_applied) VALUES (1, true), (2, true)');

    const r = await apply(dir, 'goose_db_version');
    expectClean(r, ['00003', '20240119143000']);
    expect(await rows('SELECT version_id::text, is_applied FROM goose_db_version ORDER BY id')).toEqual(
      [
        ['0', true],
        ['1', true],
        ['2', true],
        ['3', true],
        ['20240119143000', true],
      ].map(([version_id, is_applied]) => ({ version_id, is_applied })),
    );
    // goose's own status: the latest row of each version decides; a later down (its row deleted) makes it pending.
    await db.query('DELETE FROM goose_db_version WHERE version_id = 20240119143000');
    await db.query('ALTER TABLE accounts DROP COLUMN status');
    expectClean(await apply(dir, 'goose_db_version'), ['20240119143000']);
  });

  test("Flyway: ranked rows with Flyway's CRC32 checksum, description and script; an edit after is drift", async () => {
    const dir = copyOf('flyway');
    await db.query(DDL.flyway);
    applyFirst(dir, 2);
    await db.query(
      `INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum, installed_by, execution_time, success)
       VALUES (1, '1', 'init', 'SQL', 'V1__init.sql', $1, 'flyway', 12, true), (2, '1.1', 'add person email', 'SQL', 'V1.1__add_person_email.sql', $2, 'flyway', 3, true)`,
      [flywayChecksum(bytes(dir, 'V1__init.sql')), flywayChecksum(bytes(dir, 'V1.1__add_person_email.sql'))],
    );

    expectClean(await apply(dir, 'flyway_schema_history'), ['1.10', '2']);
    const written = await rows(
      'SELECT installed_rank, version, description, type, script, checksum, success FROM flyway_schema_history WHERE installed_rank > 2 ORDER BY 1',
    );
    expect(written).toEqual([
      {
        installed_rank: 3,
        version: '1.10',
        description: 'add person phone',
        type: 'SQL',
        script: 'V1.10__add_person_phone.sql',
        checksum: flywayChecksum(bytes(dir, 'V1.10__add_person_phone.sql')),
        success: true,
      },
      {
        installed_rank: 4,
        version: '2',
        description: 'seed people',
        type: 'SQL',
        script: 'V2__seed_people.sql',
        checksum: flywayChecksum(bytes(dir, 'V2__seed_people.sql')),
        success: true,
      },
    ]);

    writeFileSync(join(dir, 'V1__init.sql'), `${bytes(dir, 'V1__init.sql')}\n-- edited\n`);
    const drift = await apply(dir, 'flyway_schema_history');
    expect(drift.findings.map((f) => [f.rule, f.file])).toEqual([['checksum-drift', 'V1__init.sql']]);
    expect(drift.findings[0].message).toMatch(/recorded crc32:/);
    rmSync(dir, { recursive: true });
  });

  test('Flyway: the latest row of a version decides; a DELETE row (flyway repair of a missing file) takes it out', async () => {
    const dir = fixture('flyway');
    await db.query(DDL.flyway);
    applyFirst(dir, 1);
    const sum = (file: string) => flywayChecksum(bytes(dir, file));
    await db.query(
      `INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum, installed_by, execution_time, success) VALUES
         (1, '1', 'init', 'SQL', 'V1__init.sql', $1, 'flyway', 12, true),
         (2, '1.1', 'add person email', 'SQL', 'V1.1__add_person_email.sql', $2, 'flyway', 3, true),
         (3, '1.1', 'add person email', 'DELETE', 'V1.1__add_person_email.sql', $2, 'flyway', 0, true)`,
      [sum('V1__init.sql'), sum('V1.1__add_person_email.sql')],
    );
    expectClean(await apply(dir, 'flyway_schema_history'), ['1.1', '1.10', '2']);
  });

  test('Flyway: a BASELINE row stands for every version up to its own, unchecked', async () => {
    const dir = fixture('flyway');
    await db.query(DDL.flyway);
    applyFirst(dir, 2);
    await db.query(
      `INSERT INTO flyway_schema_history VALUES (1, '1.1', '<< Flyway Baseline >>', 'BASELINE', '<< Flyway Baseline >>', NULL, 'flyway', now(), 0, true)`,
    );
    expectClean(await apply(dir, 'flyway_schema_history'), ['1.10', '2']);
    expect((await rows('SELECT max(installed_rank) AS n FROM flyway_schema_history'))[0].n).toBe(3);
  });

  test("sqlx: sqlx's SHA-384 of the file as written (CRLF kept), nanoseconds, success; -- no-transaction honoured", async () => {
    const dir = fixture('sqlx');
    await db.query(DDL.sqlx);
    applyFirst(dir, 1);
    await db.query(
      `INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) VALUES (20240119143000, 'create users', true, decode($1, 'hex'), 1500000)`,
      [sha('sha384', bytes(dir, '20240119143000_create_users.sql'))],
    );

    const r = await apply(dir, '_sqlx_migrations');
    expectClean(r, ['20240120091500', '20240201120000']);
    expect(r.applied.map((a) => a.transaction)).toEqual([true, false]);
    expect(
      await rows(
        `SELECT version::text, description, success, encode(checksum, 'hex') AS checksum, execution_time > 0 AS timed FROM _sqlx_migrations ORDER BY version`,
      ),
    ).toEqual([
      {
        version: '20240119143000',
        description: 'create users',
        success: true,
        checksum: sha('sha384', bytes(dir, '20240119143000_create_users.sql')),
        timed: true,
      },
      {
        version: '20240120091500',
        description: 'add user email',
        success: true,
        checksum: sha('sha384', bytes(dir, '20240120091500_add_user_email.sql')),
        timed: true,
      },
      {
        version: '20240201120000',
        description: 'index user email',
        success: true,
        checksum: sha('sha384', bytes(dir, '20240201120000_index_user_email.sql')),
        timed: true,
      },
    ]);
  });

  test('diesel: versions are the folder names up to the first _, dashes out', async () => {
    const dir = fixture('folder-per-migration');
    await db.query(TOOL_TABLES.diesel.ddl);
    applyFirst(dir, 2);
    await db.query(`INSERT INTO __diesel_schema_migrations (version) VALUES ('00000000000000'), ('20190226002946')`);
    expectClean(await apply(dir, '__diesel_schema_migrations'), ['2019-03-01-101500']);
    expect(
      (await rows('SELECT version FROM __diesel_schema_migrations ORDER BY version')).map((r) => r.version),
    ).toEqual(['00000000000000', '20190226002946', '20190301101500']);
  });

  test("Prisma: finished rows with Prisma's SHA-256 of migration.sql, a uuid and one step; migrate deploy would find nothing pending", async () => {
    const dir = fixture('prisma');
    await db.query(DDL.prisma);
    applyFirst(dir, 1);
    await db.query(
      `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, applied_steps_count) VALUES ('0b7e3b0e-4f0c-4e43-9a55-1a5c7d1f0a11', $1, now(), '20240119143000_init', 1)`,
      [sha('sha256', bytes(dir, '20240119143000_init/migration.sql'))],
    );

    // A checkout with other line endings: Prisma accepts its checksum for the same file, and so does the gate.
    await db.query(`UPDATE _prisma_migrations SET checksum = $1`, [
      sha('sha256', Buffer.from(bytes(dir, '20240119143000_init/migration.sql').toString().replace(/\n/g, '\r\n'))),
    ]);
    expectClean(await apply(dir, '_prisma_migrations'), ['20240120091500', '20240201120000']);
    const written = await rows(
      `SELECT migration_name, checksum, finished_at >= started_at AS finished, rolled_back_at, applied_steps_count, id ~ '^[0-9a-f-]{36}$' AS uuid
         FROM _prisma_migrations WHERE migration_name > '20240119143000_init' ORDER BY migration_name`,
    );
    expect(written).toEqual(
      ['20240120091500_add_book', '20240201120000_index_book_title'].map((name) => ({
        migration_name: name,
        checksum: sha('sha256', bytes(dir, `${name}/migration.sql`)),
        finished: true,
        rolled_back_at: null,
        applied_steps_count: 1,
        uuid: true,
      })),
    );
  });

  test("the runbook's three-column table is adopted: rows kept, and the runbook's own INSERT still works after", async () => {
    const dir = example('numbered');
    await db.query(
      'CREATE TABLE schema_migrations (id SERIAL PRIMARY KEY, migration_name VARCHAR(255) UNIQUE NOT NULL, applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP)',
    );
    applyFirst(dir, 1);
    await db.query(`INSERT INTO schema_migrations (migration_name) VALUES ('001_initial_schema.sql')`);
    const r = await apply(dir, 'schema_migrations');
    expect(r.applied.map((a) => a.version)).toEqual(['002', '003']);
    await db.query(`INSERT INTO schema_migrations (migration_name) VALUES ('004_by_hand.sql')`);
    expect(
      (await rows('SELECT migration_name FROM schema_migrations ORDER BY id')).map((x) => x.migration_name),
    ).toEqual([
      '001_initial_schema.sql',
      '002_add_user_preferences.sql',
      '003_add_ticket_escalation.sql',
      '004_by_hand.sql',
    ]);
  });
});

describe('layouts are told by their columns, never by the table name', () => {
  test("a goose-shaped table named schema_migrations is goose's; a gate-shaped one named flyway_schema_history is the gate's", async () => {
    await db.query(
      'CREATE TABLE schema_migrations (id serial PRIMARY KEY, version_id bigint NOT NULL, is_applied boolean NOT NULL, tstamp timestamp DEFAULT now())',
    );
    expect((await plan(fixture('goose'), 'schema_migrations')).notes.join('\n')).toMatch(
      /schema_migrations is goose's/,
    );
    await db.query(
      'CREATE TABLE flyway_schema_history (id serial PRIMARY KEY, migration_name text NOT NULL, applied_at timestamptz DEFAULT now())',
    );
    // Prisma's table with a column of the team's own is no layout this tool knows: refused, untouched.
    await db.query(DDL.prisma);
    await db.query('ALTER TABLE _prisma_migrations ADD COLUMN note text');
    const prismaPlus = await plan(fixture('prisma'), '_prisma_migrations');
    expect(prismaPlus.findings[0].message).toMatch(
      /_prisma_migrations exists but its columns .* match no history layout/,
    );
    expect(
      (
        await rows(`SELECT count(*)::int AS n FROM information_schema.columns WHERE table_name = '_prisma_migrations'`)
      )[0].n,
    ).toBe(9);
    const r = await plan(fixture('flyway'), 'flyway_schema_history');
    expect(r.notes.join('\n')).not.toMatch(/is flyway's/);
    expect(r.pending).toHaveLength(4);
  });
});

describe('dbmate itself agrees (the dbmate binary from the npm registry, on the same database)', () => {
  const dbmate = (dir: string, ...args: string[]) => {
    const url = `${db.url}${db.url.includes('?') ? '&' : '?'}sslmode=disable`;
    const r = spawnSync(
      join(process.cwd(), 'node_modules', '@dbmate', 'linux-x64', 'bin', 'dbmate'),
      ['--url', url, '--migrations-dir', dir, '--no-dump-schema', ...args],
      { encoding: 'utf8' },
    );
    return { status: r.status, out: `${r.stdout}${r.stderr}` };
  };

  test("dbmate migrates the first, the gate the second; dbmate status shows both applied and dbmate rollback undoes the gate's", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pmg-dbmate-'));
    cpSync(join(fixture('dbmate'), '20151129054053_create_users.sql'), join(dir, '20151129054053_create_users.sql'));
    expect(dbmate(dir, 'migrate').status).toBe(0);
    cpSync(
      join(fixture('dbmate'), '20151129054100_users_email_index.sql'),
      join(dir, '20151129054100_users_email_index.sql'),
    );

    const r = await apply(dir, 'schema_migrations');
    expectClean(r, ['20151129054100']);
    expect(r.notes.join('\n')).toMatch(/is dbmate's/);
    const status = dbmate(dir, 'status', '--exit-code');
    expect(status.out).toMatch(/\[X\] 20151129054053_create_users\.sql\n\[X\] 20151129054100_users_email_index\.sql/);
    expect(status.out).toMatch(/Pending: 0/);
    expect(status.status).toBe(0);

    expect(dbmate(dir, 'rollback').status).toBe(0);
    expect(await rows(`SELECT to_regclass('users_email_idx') AS idx`)).toEqual([{ idx: null }]);
    expectClean(await apply(dir, 'schema_migrations'), ['20151129054100']);
    expect(dbmate(dir, 'status', '--exit-code').status).toBe(0);
    rmSync(dir, { recursive: true });
  });
});

describe('a migration outside a transaction that fails: the mark the tool itself would see, refused until resolve-dirty, then run again', () => {
  const failing = '-- migrate:no-transaction\nCREATE INDEX CONCURRENTLY t_x ON t (x);\nSELECT 1/0;\n';

  test.each([
    {
      tool: 'golang-migrate',
      table: 'schema_migrations',
      ddl: DDL.golang,
      seen: "SELECT version::text || ' dirty=' || dirty AS seen FROM schema_migrations",
      dirty: ['2 dirty=true'],
      after: ['2 dirty=false'],
    },
    {
      tool: 'Flyway',
      table: 'flyway_schema_history',
      ddl: DDL.flyway,
      seen: "SELECT version || ' success=' || success AS seen FROM flyway_schema_history ORDER BY installed_rank",
      dirty: ['1 success=true', '2 success=false'],
      after: ['1 success=true', '2 success=true'],
    },
    {
      tool: 'sqlx',
      table: '_sqlx_migrations',
      ddl: DDL.sqlx,
      seen: "SELECT version::text || ' success=' || success AS seen FROM _sqlx_migrations ORDER BY version",
      dirty: ['1 success=true', '2 success=false'],
      after: ['1 success=true', '2 success=true'],
    },
    {
      tool: 'Prisma',
      table: '_prisma_migrations',
      ddl: DDL.prisma,
      seen: "SELECT migration_name || CASE WHEN rolled_back_at IS NOT NULL THEN ' rolled back' WHEN finished_at IS NULL THEN ' failed' ELSE ' finished' END AS seen FROM _prisma_migrations ORDER BY started_at, migration_name",
      dirty: ['1_t finished', '2_index failed'],
      after: ['1_t finished', '2_index rolled back', '2_index finished'],
    },
    {
      tool: 'dbmate',
      table: 'schema_migrations',
      ddl: TOOL_TABLES.dbmate.ddl,
      seen: 'SELECT version AS seen FROM schema_migrations',
      dirty: ['1'],
      after: undefined,
    },
  ])('$tool', async ({ table, ddl, seen, dirty, after }) => {
    await db.query(ddl);
    const folder = mkdtempSync(join(tmpdir(), 'pmg-dirty-'));
    const [first, second] =
      table === '_prisma_migrations' ? ['1_t/migration.sql', '2_index/migration.sql'] : ['1_t.sql', '2_index.sql'];
    for (const [file, sql] of [
      [first, 'CREATE TABLE t (x int);\n'],
      [second, failing],
    ]) {
      mkdirSync(dirname(join(folder, file)), { recursive: true });
      writeFileSync(join(folder, file), sql);
    }
    const failed = await apply(folder, table);
    expect(failed.findings.map((f) => f.rule)).toEqual(['apply-failed']);
    expect((await rows(seen)).map((r) => r.seen)).toEqual(dirty);
    if (!after) {
      // No place for a mark: recorded only once finished, and the report says so before it runs.
      expect(failed.notes.join('\n')).toMatch(/has no dirty mark: 2_index\.sql runs outside a transaction/);
      return;
    }
    expect((await apply(folder, table)).findings.map((f) => f.rule)).toEqual(['dirty-migration']);
    writeFileSync(join(folder, second), failing.replace('SELECT 1/0;\n', ''));
    await db.query('DROP INDEX IF EXISTS t_x');
    const resolved = await apply(folder, table, { 'resolve-dirty': '2=rerun' });
    expect(resolved.findings).toEqual([]);
    expect(resolved.applied.map((a) => a.version)).toEqual(['2']);
    expect((await rows(seen)).map((r) => r.seen)).toEqual(after);
  });
});

describe('node-pg-migrate and postgrator themselves agree (both from the npm registry, on the same database)', () => {
  const nodePgMigrate = (dir: string, ...args: string[]) => {
    const bin = join(process.cwd(), 'node_modules', 'node-pg-migrate', 'bin', 'node-pg-migrate.js');
    const r = spawnSync(process.execPath, [bin, ...args, '--migrations-dir', dir, '--migration-file-language', 'sql'], {
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: db.url },
    });
    return { status: r.status, out: `${r.stdout}${r.stderr}` };
  };

  test("node-pg-migrate runs the first, the gate the rest; node-pg-migrate then has nothing to run and its down undoes the gate's", async () => {
    const dir = fixture('node-pg-migrate');
    expect(nodePgMigrate(dir, 'up', '1').status).toBe(0);
    const r = await apply(dir, 'pgmigrations');
    expectClean(r, ['1700000100000', '1700000200000']);
    expect(r.notes.join('\n')).toMatch(/is node-pg-migrate's/);
    // The down section stayed out of the up script.
    expect(await rows(`SELECT to_regclass('authors_name_idx') IS NOT NULL AS idx`)).toEqual([{ idx: true }]);

    const again = nodePgMigrate(dir, 'up');
    expect(again.out).toMatch(/No migrations to run!/);
    expect(again.status).toBe(0);
    expect(nodePgMigrate(dir, 'down').status).toBe(0);
    expect(await rows(`SELECT to_regclass('authors_name_idx') AS idx`)).toEqual([{ idx: null }]);
    expectClean(await apply(dir, 'pgmigrations'), ['1700000200000']);
  });

  test("postgrator migrates to 001, the gate the rest; postgrator's checksums pass, it is at 003 and migrates back down", async () => {
    const dir = fixture('postgrator');
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const postgrator = new Postgrator({
        migrationPattern: `${dir}/*`,
        driver: 'pg',
        database: db.name,
        execQuery: (query: string) => client.query(query),
      });
      await postgrator.migrate('001');
      const r = await apply(dir, 'schemaversion');
      expectClean(r, ['002', '003']);
      expect(await postgrator.getDatabaseVersion()).toBe(3);
      await postgrator.validateMigrations(3);
      expect(await postgrator.migrate()).toEqual([]);
      await postgrator.migrate('001');
      expect(await rows(`SELECT to_regclass('shelves_label_idx') AS idx`)).toEqual([{ idx: null }]);
      expectClean(await apply(dir, 'schemaversion'), ['002', '003']);
    } finally {
      await client.end();
    }
  });
});
