import { execFileSync } from 'node:child_process';
import { applyMigrations as apply } from '../../src/engine/pipeline.js';
import { verify } from '../../src/commands/verify.js';
import { lintFiles } from '../../src/lint/lint-files.js';
import { silentLogger } from '../../src/foundation/logger.js';
import { discover } from '../../src/migrations/discover.js';
import { testConfig } from '../harness/config.js';
import { scratchDb, type ScratchDb } from '../harness/db.js';
import { makeFolder } from '../harness/folders.js';
import { psqlApply, psqlBinary } from '../harness/psql.js';
import { TOOL_TABLES } from '../harness/tool-tables.js';

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

const applyDir = (dir: string) =>
  apply(testConfig({ 'migrations-dir': dir, 'database-url': db.url }), {
    databaseUrl: db.url,
    log: silentLogger,
    appliedBy: 'test',
  });
const history = async () =>
  (await db.query('SELECT migration_name FROM schema_migrations ORDER BY id')).rows.map((r) => r.migration_name);
const files = {
  '001_a.sql': 'CREATE TABLE a (id int);',
  '002_b.sql': 'CREATE TABLE b (id int);',
  '003_100%_c.sql': 'CREATE TABLE c (id int);',
};

test.each([
  [
    'a BEFORE INSERT trigger returning NULL',
    "CREATE FUNCTION swallow() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.migration_name <> '001_a.sql' THEN RETURN NULL; END IF; RETURN NEW; END $$;\nCREATE TRIGGER swallow BEFORE INSERT ON schema_migrations FOR EACH ROW EXECUTE FUNCTION swallow();",
  ],
  [
    'a rule that does nothing instead',
    "CREATE RULE swallow AS ON INSERT TO schema_migrations WHERE NEW.migration_name <> '001_a.sql' DO INSTEAD NOTHING;",
  ],
])(
  '%s on the history table: the migration fails and rolls back, naming it; nothing is applied twice',
  async (_what, swallow) => {
    const dir = makeFolder({ '001_a.sql': files['001_a.sql'] });
    expect((await applyDir(dir)).ok).toBe(true);
    await db.query(swallow);
    const next = makeFolder(files);
    const r = await applyDir(next);
    expect(r.applied.map((a) => a.name)).toEqual([]);
    expect(r.findings[0]).toMatchObject({
      rule: 'apply-failed',
      message: expect.stringMatching(
        /^002_b\.sql failed: recording 002_b\.sql in the history table failed: the history table public\.schema_migrations kept 0 rows of the one recorded for 002_b\.sql — rolled back$/,
      ),
    });
    expect(r.findings[0].help).toMatch(/A trigger \(BEFORE INSERT … RETURN NULL\) or a rule \(DO INSTEAD\)/);
    expect((await db.query("SELECT to_regclass('b') IS NULL AS gone")).rows[0].gone).toBe(true);
    expect(await history()).toEqual(['001_a.sql']);

    await db.query(
      'DROP TRIGGER IF EXISTS swallow ON schema_migrations; DROP RULE IF EXISTS swallow ON schema_migrations',
    );
    expect((await applyDir(next)).applied.map((a) => a.name)).toEqual(['002_b.sql', '003_100%_c.sql']);
    expect(await history()).toEqual(['001_a.sql', '002_b.sql', '003_100%_c.sql']);
  },
);

test("a migration's SET TIME ZONE does not move the time its row records (node-pg-migrate orders by run_on, a timestamp without time zone)", async () => {
  await db.query(TOOL_TABLES['node-pg-migrate'].ddl);
  const dir = makeFolder({
    '1700000000000_far_east.sql': "SET TIME ZONE 'Pacific/Kiritimati';\nCREATE TABLE far (id int);",
  });
  const r = await apply(
    testConfig({ 'migrations-dir': dir, 'database-url': db.url, 'history-table': 'pgmigrations' }),
    { databaseUrl: db.url, log: silentLogger, appliedBy: 'test' },
  );
  expect(r.applied.map((a) => a.name)).toEqual(['1700000000000_far_east.sql']);
  // The session's time zone is the server's default here, as it is for node-pg-migrate's own session.
  const drift = (
    await db.query(
      "SELECT abs(extract(epoch FROM run_on - (now() AT TIME ZONE current_setting('TimeZone'))))::int AS s FROM pgmigrations",
    )
  ).rows[0].s;
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
      '001_defaults.sql':
        "DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET work_mem = %L', current_database(), '7MB'); END $$;",
      '002_read.sql': "CREATE TABLE seen AS SELECT current_setting('work_mem') AS work_mem;",
    });
    expect((await applyDir(dir)).ok).toBe(true);
    expect((await db.query('SELECT work_mem FROM seen')).rows).toEqual([{ work_mem: '7MB' }]);
  });
});

describe('SET TRANSACTION right after the file’s BEGIN means what it means in psql', () => {
  test('ISOLATION LEVEL SERIALIZABLE: the file’s statements run serializable', async () => {
    const dir = makeFolder({
      '001_iso.sql':
        "BEGIN;\nSET TRANSACTION ISOLATION LEVEL SERIALIZABLE;\nCREATE TABLE iso AS SELECT current_setting('transaction_isolation') AS level;\nCOMMIT;",
    });
    const r = await applyDir(dir);
    expect(r.findings).toEqual([]);
    expect((await db.query('SELECT level FROM iso')).rows).toEqual([{ level: 'serializable' }]);
    expect(await history()).toEqual(['001_iso.sql']);
  });

  test('READ ONLY: the file runs read only, and is recorded after it', async () => {
    const dir = makeFolder({
      '001_check.sql': "BEGIN;\nSET TRANSACTION READ ONLY;\nSELECT current_setting('transaction_read_only');\nCOMMIT;",
      '002_t.sql': 'CREATE TABLE t (id int);',
    });
    const r = await applyDir(dir);
    expect(r.findings).toEqual([]);
    expect(await history()).toEqual(['001_check.sql', '002_t.sql']);
  });
});

/** The same folder applied by us on `db` and by `psql -X -v ON_ERROR_STOP=1 -f` per file on a database of its own. */
async function sideBySide(files: Record<string, string>) {
  const dir = makeFolder(files);
  const ours = await applyDir(dir);
  const ref = await scratchDb();
  refs.push(ref);
  const psql = psqlApply(ref.url, discover(dir).migrations);
  return { ours, psql, ref };
}
const refs: ScratchDb[] = [];
afterEach(async () => {
  for (const r of refs.splice(0)) await r.drop();
});
/** What a query returns, every value as its bytes in hex: the comparison is byte for byte. */
const stored = async (d: Pick<ScratchDb, 'query'>, table: string) =>
  (await d.query(`SELECT encode(convert_to(t::text, 'UTF8'), 'hex') AS row FROM ${table} t ORDER BY 1`)).rows.map(
    (r) => r.row as string,
  );
const serverMajorOf = async (d: Pick<ScratchDb, 'query'>) =>
  Number((await d.query("SELECT current_setting('server_version_num')::int / 10000 AS m")).rows[0].m);
const psqlMajor = () => Number(/(\d+)/.exec(execFileSync(psqlBinary(), ['--version'], { encoding: 'utf8' }))![1]);
const exists = async (d: Pick<ScratchDb, 'query'>, table: string) =>
  (await d.query('SELECT to_regclass($1) IS NOT NULL AS e', [table])).rows[0].e as boolean;

describe('a setting that changes how the server parses what follows: the statements after it run one query each, as psql sends them', () => {
  test.each([
    ['in the runner’s transaction', ''],
    ['in the file’s own BEGIN … COMMIT', 'BEGIN;\n'],
  ])(
    'standard_conforming_strings = off %s: backslashes escape, byte for byte as psql stores them',
    async (_where, begin) => {
      const sql = `${begin}SET standard_conforming_strings = off;\nCREATE TABLE s (v text);\nINSERT INTO s VALUES ('tab\\there'), ('back\\\\slash'), ('it''s');\n${begin ? 'COMMIT;\n' : ''}`;
      const { ours, psql, ref } = await sideBySide({ '001_escapes.sql': sql });
      expect(psql.map((p) => p.ok)).toEqual([true]);
      expect(ours.findings).toEqual([]);
      const mine = await stored(db, 's');
      expect(mine).toEqual(await stored(ref, 's'));
      expect(mine.join()).toContain('09'); // the tab: the server read 'tab\there' with standard_conforming_strings off
      expect(await history()).toEqual(['001_escapes.sql']);
    },
  );

  test('a string whose end moves when backslashes escape is refused before anything runs, naming the line', async () => {
    const sql = "CREATE TABLE first (id int);\nSET standard_conforming_strings = off;\nSELECT 'a\\', 'b';\n";
    const { ours, psql, ref } = await sideBySide({ '001_moves.sql': sql });
    expect(psql[0].ok).toBe(false); // psql reads one string to the end of the file
    expect(await exists(ref, 'first')).toBe(true);
    expect(ours.findings[0]).toMatchObject({
      line: 3,
      message: expect.stringMatching(
        /a backslash before a quote in a '…' string while standard_conforming_strings is off/,
      ),
    });
    expect(await exists(db, 'first')).toBe(false);
  });

  test('SET client_encoding to another encoding is refused (psql would store the UTF-8 bytes read as LATIN1); the UTF8 of a pg_dump header runs', async () => {
    const latin = await sideBySide({
      '001_latin.sql': "SET client_encoding = 'LATIN1';\nCREATE TABLE e AS SELECT 'é'::text AS v;\n",
    });
    expect(latin.psql[0].ok).toBe(true);
    expect(await stored(latin.ref, 'e')).not.toEqual([Buffer.from('(é)').toString('hex')]);
    expect(latin.ours.findings[0]).toMatchObject({
      line: 1,
      message: expect.stringMatching(/client_encoding set to LATIN1/),
      help: expect.stringMatching(/talks to the server in UTF-8: remove the statement \(a file whose text is ASCII/),
    });
    expect(await exists(db, 'e')).toBe(false);

    await db.query('DROP TABLE IF EXISTS schema_migrations');
    const header = await sideBySide({
      '001_dump.sql':
        "SET client_encoding = 'UTF8';\nSET standard_conforming_strings = on;\nCREATE TABLE e AS SELECT 'é'::text AS v;\n",
    });
    expect(header.ours.findings).toEqual([]);
    expect(await stored(db, 'e')).toEqual(await stored(header.ref, 'e'));
  });
});

test.each([
  [
    'CSV with a quoted value holding CRLF',
    'CREATE TABLE c (id int, v text);\nCOPY c FROM stdin WITH (FORMAT csv);\n1,"two\r\nlines"\n2,plain\n\\.\n',
    ['(1,"two\r\nlines")', '(2,plain)'],
  ],
  [
    'text format in a file with CRLF line ends',
    'CREATE TABLE c (id int, v text);\r\nCOPY c FROM stdin;\r\n1\ta\r\n2\tb\\r\r\n\\.\r\n',
    ['(1,a)', '(2,"b\r")'],
  ],
])('COPY … FROM stdin, %s: the rows are stored byte for byte as psql stores them', async (_what, sql, rows) => {
  const { ours, psql, ref } = await sideBySide({ '001_copy.sql': sql });
  expect(ours.findings).toEqual([]);
  const hex = (texts: string[]) => texts.map((t) => Buffer.from(t).toString('hex')).sort();
  expect(await stored(db, 'c')).toEqual(hex(rows));
  // A psql older than PostgreSQL 18 sends the end-of-data line, which an 18 server no longer takes as the end of CSV
  // data: the reference there is psql 18, which this machine may not have.
  const tooOld =
    /COPY c, line 4, column id: "\\\."/.test(psql[0].stderr) && (await serverMajorOf(ref)) >= 18 && psqlMajor() < 18;
  if (!tooOld) {
    expect(psql.map((p) => (p.ok ? 'ok' : p.stderr))).toEqual(['ok']);
    expect(await stored(db, 'c')).toEqual(await stored(ref, 'c'));
  }
});

describe('transaction modes outside the file’s own BEGIN: psql runs them in a transaction of their own; here they are refused, saying why', () => {
  test.each([
    [
      'SET TRANSACTION READ ONLY',
      'SET TRANSACTION READ ONLY;\nCREATE TABLE r (id int);\n',
      /SET TRANSACTION outside a BEGIN block: psql runs it in a transaction of its own/,
    ],
    [
      'SET transaction_read_only = on',
      'SET transaction_read_only = on;\nCREATE TABLE r (id int);\n',
      /SET transaction_read_only outside a BEGIN block/,
    ],
    [
      'SET default_transaction_read_only = on, followed by statements',
      'SET default_transaction_read_only = on;\nCREATE TABLE r (id int);\n',
      /changes how each later statement's transaction starts under psql/,
    ],
  ])('%s', async (_what, sql, message) => {
    const { ours } = await sideBySide({ '001_modes.sql': sql });
    expect(ours.findings[0]).toMatchObject({
      rule: 'transaction-control',
      line: 1,
      message: expect.stringMatching(message),
    });
    expect(await exists(db, 'r')).toBe(false);
  });

  test('SET TRANSACTION after the file’s first statement inside its BEGIN is refused (psql fails there too)', async () => {
    const { ours, psql } = await sideBySide({
      '001_late.sql': 'BEGIN;\nCREATE TABLE r (id int);\nSET TRANSACTION ISOLATION LEVEL SERIALIZABLE;\nCOMMIT;\n',
    });
    expect(psql[0].ok).toBe(false);
    expect(ours.findings[0]).toMatchObject({
      line: 3,
      message: expect.stringMatching(/after the transaction's first statement/),
    });
  });
});

describe('a procedure or DO block that commits (a batched backfill)', () => {
  const backfill = [
    'CREATE TABLE big AS SELECT g AS id, NULL::int AS doubled FROM generate_series(1, 10) g;',
    'DO $$ BEGIN FOR b IN 0..4 LOOP UPDATE big SET doubled = id * 2 WHERE id > b * 2 AND id <= b * 2 + 2; COMMIT; END LOOP; END $$;',
  ].join('\n');

  test('in a transactional file: refused before anything runs, naming the no-transaction marker; lint says so first', async () => {
    const { ours } = await sideBySide({ '001_backfill.sql': backfill });
    expect(ours.findings[0]).toMatchObject({
      line: 2,
      message: expect.stringMatching(/a DO block that commits/),
      help: expect.stringMatching(/-- migrate:no-transaction/),
    });
    expect(await exists(db, 'big')).toBe(false);
    const linted = await lintFiles(
      [
        {
          script: { file: '001_backfill.sql', sql: backfill, startLine: 1 },
          hasDown: true,
          noTransactionDirective: false,
          runByThisTool: true,
          inScope: true,
        },
      ],
      { postgresVersion: 15, disabled: new Set() },
    );
    expect(linted.filter((f) => f.rule === 'differs-from-psql')).toEqual([
      expect.objectContaining({ line: 2, message: expect.stringMatching(/no-transaction/) }),
    ]);
  });

  test('marked -- migrate:no-transaction: applied, verified, and stored as psql stores it', async () => {
    const files = { '001_backfill.sql': `-- migrate:no-transaction\n${backfill}\n` };
    const { ours, psql, ref } = await sideBySide(files);
    expect(psql[0].ok).toBe(true);
    expect(ours.findings).toEqual([]);
    expect(await stored(db, 'big')).toEqual(await stored(ref, 'big'));
    const v = await scratchDb();
    refs.push(v);
    const verified = await verify(
      testConfig({ command: 'verify', 'migrations-dir': makeFolder(files), 'database-url': v.url, checks: 'apply' }),
      { databaseUrl: v.url, log: silentLogger },
    );
    expect(verified.verify!.migrations.map((m) => m.apply)).toEqual(['ok']);
  });

  test('CALL of a procedure the same file creates, that commits: refused the same way', async () => {
    const sql =
      'CREATE TABLE n (id int);\nCREATE PROCEDURE fill() LANGUAGE plpgsql AS $$ BEGIN INSERT INTO n VALUES (1); COMMIT; END $$;\nCALL fill();\n';
    const { ours } = await sideBySide({ '001_call.sql': sql });
    expect(ours.findings[0]).toMatchObject({ line: 3, message: expect.stringMatching(/CALL fill that commits/) });
  });

  test('CALL of one an earlier migration created: PostgreSQL’s refusal comes with the marker to use', async () => {
    const { ours } = await sideBySide({
      '001_proc.sql':
        'CREATE TABLE n (id int);\nCREATE PROCEDURE fill() LANGUAGE plpgsql AS $$ BEGIN INSERT INTO n VALUES (1); COMMIT; END $$;\n',
      '002_call.sql': 'CALL fill();\n',
    });
    expect(ours.applied.map((a) => a.name)).toEqual(['001_proc.sql']);
    expect(ours.findings[0]).toMatchObject({
      sqlstate: '2D000',
      help: expect.stringMatching(/-- migrate:no-transaction/),
    });
    expect((await db.query('SELECT count(*)::int AS n FROM n')).rows[0].n).toBe(0);
  });
});

test('a history row written outside a transaction (the dirty mark of a CONCURRENTLY migration) is checked too: a swallowed mark stops the migration before it runs', async () => {
  expect((await applyDir(makeFolder({ '001_a.sql': 'CREATE TABLE a (id int);' }))).ok).toBe(true);
  await db.query(
    'CREATE FUNCTION swallow() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;\nCREATE TRIGGER swallow BEFORE INSERT ON schema_migrations FOR EACH ROW EXECUTE FUNCTION swallow();',
  );
  const r = await applyDir(
    makeFolder({ '001_a.sql': 'CREATE TABLE a (id int);', '002_idx.sql': 'CREATE INDEX CONCURRENTLY a_id ON a (id);' }),
  );
  expect(r.findings[0]).toMatchObject({
    message: expect.stringMatching(
      /^002_idx\.sql failed: the history table public\.schema_migrations kept 0 rows of the one written for 002_idx\.sql/,
    ),
    help: expect.stringMatching(/A trigger/),
  });
  expect(await exists(db, 'a_id')).toBe(false);
});

test('a postfix operator (PostgreSQL 13 reads it; 14 removed it, and so does the parser files are read with): refused, saying so and what to write', async () => {
  const { ours, psql, ref } = await sideBySide({ '001_postfix.sql': 'CREATE TABLE f AS SELECT 5 ! AS v;\n' });
  expect(psql[0].ok).toBe((await serverMajorOf(ref)) <= 13);
  expect(ours.findings[0]).toMatchObject({
    rule: 'syntax-error',
    line: 1,
    message: expect.stringMatching(
      /after the operator ! with nothing on its right: a postfix operator, which PostgreSQL 14 removed.*factorial\(n\)/,
    ),
  });
  expect(await exists(db, 'f')).toBe(false);
});

describe('per-connection state a reset cannot clear: the next migration starts without it, as psql’s next process does', () => {
  test("LOAD 'passwordcheck': the next migration's short password is not refused", async () => {
    const role = `pmg_short_${process.pid}_${Date.now().toString(36)}`;
    const { ours, psql } = await sideBySide({
      '001_load.sql': "LOAD 'passwordcheck';\nCREATE TABLE t (id int);\n",
      // The role is the cluster's, not the database's: created and dropped in the same file.
      '002_role.sql': `CREATE ROLE ${role} PASSWORD 'abc';\nDROP ROLE ${role};\n`,
    });
    expect(psql.map((p) => (p.ok ? 'ok' : p.stderr))).toEqual(['ok', 'ok']);
    expect(ours.findings).toEqual([]);
    expect(await history()).toEqual(['001_load.sql', '002_role.sql']);
  });

  test('a named dblink connection: the next migration can open one of the same name', async () => {
    const open =
      "SELECT dblink_connect('peer', pg_catalog.format('host=127.0.0.1 port=%s dbname=%s user=%s', current_setting('port'), current_database(), current_user));\n";
    const { ours, psql } = await sideBySide({
      '001_dblink.sql': `CREATE EXTENSION IF NOT EXISTS dblink;\n${open}`,
      '002_again.sql': `CREATE TABLE seen AS ${open.replace(';\n', ' AS status;\n')}`,
    });
    expect(psql.map((p) => (p.ok ? 'ok' : p.stderr))).toEqual(['ok', 'ok']);
    expect(ours.findings).toEqual([]);
    expect((await db.query('SELECT status FROM seen')).rows).toEqual([{ status: 'OK' }]);
  });
});
