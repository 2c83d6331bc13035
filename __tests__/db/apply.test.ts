import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyMigrations as apply } from '../../src/engine/pipeline.js';
import { plan } from '../../src/commands/plan.js';
import { runCommand } from '../../src/commands/run-command.js';
import type { RawConfig } from '../../src/config/inputs-spec.js';
import { silentLogger } from '../../src/foundation/logger.js';
import { testConfig } from '../harness/config.js';
import { scratchDb, type ScratchDb } from '../harness/db.js';
import { addFile, example, fixture, makeFolder } from '../harness/folders.js';

let db: ScratchDb;
beforeEach(async () => {
  db = await scratchDb();
});
afterEach(async () => {
  await db.drop();
});

const ctx = () => ({ databaseUrl: db.url, log: silentLogger, appliedBy: 'test', backupDir: '/tmp/pmg-test-backups' });
const applyDir = (dir: string, raw: RawConfig = {}) =>
  apply(testConfig({ 'migrations-dir': dir, 'database-url': db.url, ...raw }), ctx());
const copy = (dir: string) => {
  const to = mkdtempSync(join(tmpdir(), 'pmg-copy-'));
  cpSync(dir, to, { recursive: true });
  return to;
};
const history = async (table = 'schema_migrations') =>
  (
    await db.query(
      `SELECT migration_name, version, checksum, execution_ms, applied_by, dirty FROM ${table} ORDER BY id`,
    )
  ).rows;
const tables = async () =>
  (
    await db.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`)
  ).rows.map((r) => r.table_name);

describe('apply: the seed conventions end to end', () => {
  test('timestamped files with BEGIN/COMMIT and up/down sections; a second run applies nothing', async () => {
    const first = await applyDir(example('timestamped'));
    expect(first.ok).toBe(true);
    expect(first.applied.map((a) => a.version)).toEqual([
      '20240101_090000',
      '20240119_143000',
      '20240205_091500',
      '20240302_120000',
    ]);
    expect(first.applied[3].transaction).toBe(false);
    expect(await tables()).toEqual(['class_bookings', 'schema_migrations', 'user_preferences', 'users']);
    const rows = await history();
    expect(rows).toHaveLength(4);
    for (const r of rows) {
      expect(r.checksum).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(r.dirty).toBe(false);
      expect(r.applied_by).toBe('test');
      expect(r.execution_ms).toBeGreaterThanOrEqual(0);
    }
    const idx = await db.query(
      `SELECT indisvalid FROM pg_index WHERE indexrelid = 'idx_class_bookings_starts_at'::regclass`,
    );
    expect(idx.rows[0].indisvalid).toBe(true);

    const second = await applyDir(example('timestamped'));
    expect(second.ok).toBe(true);
    expect(second.pending).toEqual([]);
    expect(second.applied).toEqual([]);
    expect(await history()).toHaveLength(4);
  });

  test('numbered files with -- ROLLBACK: lines', async () => {
    const r = await applyDir(example('numbered'));
    expect(r.ok).toBe(true);
    expect(r.applied.map((a) => a.name)).toEqual([
      '001_initial_schema.sql',
      '002_add_user_preferences.sql',
      '003_add_ticket_escalation.sql',
    ]);
    expect(await tables()).toEqual(['conversations', 'schema_migrations', 'ticket_escalations', 'tickets', 'users']);
  });
});

describe('apply: every layout applies completely and in order', () => {
  test.each([
    ['up-down-pairs', ['1', '2', '9', '10']],
    ['folder-per-migration', ['00000000000000', '2019-02-26-002946', '2019-03-01-101500']],
    ['flyway', ['1', '1.1', '1.10', '2']],
    ['dbmate', ['20151129054053', '20151129054100']],
  ])('%s', async (name, order) => {
    const r = await applyDir(fixture(name));
    expect(r.findings).toEqual([]);
    expect(r.applied.map((a) => a.version)).toEqual(order);
    expect((await history()).map((h) => h.version)).toEqual(order);
  });
});

describe('apply: history table', () => {
  test('adopts the three-column table teams already keep: columns added, rows kept, versions recovered', async () => {
    await db.query(`CREATE TABLE schema_migrations (
      id SERIAL PRIMARY KEY, migration_name VARCHAR(255) UNIQUE NOT NULL, applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP)`);
    // What the hand-run psql script did: ran 001 and 002 and recorded their names.
    const dir = copy(example('numbered'));
    for (const f of ['001_initial_schema.sql', '002_add_user_preferences.sql']) {
      await db.query(readFileSync(join(dir, f), 'utf8'));
      await db.query('INSERT INTO schema_migrations (migration_name) VALUES ($1)', [f]);
    }
    const before = (await db.query('SELECT id, migration_name, applied_at FROM schema_migrations ORDER BY id')).rows;

    const r = await applyDir(dir);
    expect(r.ok).toBe(true);
    expect(r.applied.map((a) => a.version)).toEqual(['003']);
    expect(r.notes.join('\n')).toMatch(/adopted: columns added, rows kept/);
    expect(r.notes.join('\n')).toMatch(/recorded checksums for 2 migration\(s\) adopted without one/);
    const after = (
      await db.query('SELECT id, migration_name, applied_at, version, checksum FROM schema_migrations ORDER BY id')
    ).rows;
    expect(after.slice(0, 2).map(({ id, migration_name, applied_at }) => ({ id, migration_name, applied_at }))).toEqual(
      before,
    );
    expect(after.map((a) => a.version)).toEqual(['001', '002', '003']);
    expect(after.every((a) => a.checksum?.startsWith('sha256:'))).toBe(true);

    // From now on an edit of an adopted migration is drift.
    addFile(dir, '001_initial_schema.sql', `${readFileSync(join(dir, '001_initial_schema.sql'), 'utf8')}\nSELECT 1;\n`);
    expect((await applyDir(dir)).findings.map((f) => f.rule)).toEqual(['checksum-drift']);
  });

  test('history-table names fold as in SQL: Schema_Migrations finds the table the seed created unquoted', async () => {
    await db.query(
      'CREATE TABLE Schema_Migrations (id SERIAL PRIMARY KEY, migration_name VARCHAR(255) UNIQUE NOT NULL, applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP)',
    );
    await db.query("INSERT INTO schema_migrations (migration_name) VALUES ('001_initial_schema.sql')");
    await db.query(readFileSync(join(example('numbered'), '001_initial_schema.sql'), 'utf8'));
    const r = await applyDir(example('numbered'), { 'history-table': 'Schema_Migrations' });
    expect(r.ok).toBe(true);
    expect(r.applied.map((a) => a.version)).toEqual(['002', '003']);
    expect(await tables()).not.toContain('Schema_Migrations');

    const quoted = await applyDir(example('numbered'), { 'history-table': '"Gate_History"' });
    expect(quoted.applied).toHaveLength(3); // a new, case-preserved table: the idempotent runbook migrations run again
    expect((await db.query('SELECT count(*)::int AS n FROM "Gate_History"')).rows[0].n).toBe(3);
  });

  test('a schema-qualified history table is created in its schema', async () => {
    const r = await applyDir(example('numbered'), { 'history-table': 'ops.migration_history' });
    expect(r.ok).toBe(true);
    expect(await history('ops.migration_history')).toHaveLength(3);
  });

  test('a table of the same name in a layout no tool uses is refused with a clear message, untouched, and nothing runs', async () => {
    await db.query('CREATE TABLE schema_migrations (version bigint NOT NULL PRIMARY KEY, applied boolean NOT NULL)');
    await db.query('INSERT INTO schema_migrations VALUES (1, true)');
    const r = await runCommand(
      testConfig({ command: 'apply', 'migrations-dir': example('numbered'), 'database-url': db.url }),
      ctx(),
    );
    expect(r.ok).toBe(false);
    expect(r.findings[0].message).toMatch(
      /schema_migrations exists but its columns \(version, applied\) match no history layout.*left untouched.*golang-migrate \(version, dirty\).*Point history-table at/,
    );
    expect(await tables()).toEqual(['schema_migrations']);
    expect((await db.query('SELECT * FROM schema_migrations')).rows).toEqual([{ version: '1', applied: true }]);
  });
});

describe('apply: baseline', () => {
  test('records migrations up to the baseline on a database with schema but no history, then runs the rest', async () => {
    await db.query(readFileSync(join(example('numbered'), '001_initial_schema.sql'), 'utf8'));
    await db.query(readFileSync(join(example('numbered'), '002_add_user_preferences.sql'), 'utf8'));
    const r = await applyDir(example('numbered'), { baseline: '002' });
    expect(r.ok).toBe(true);
    expect(r.applied.map((a) => a.version)).toEqual(['003']);
    const rows = await history();
    expect(rows.map((x) => [x.version, x.applied_by])).toEqual([
      ['001', 'test (baseline)'],
      ['002', 'test (baseline)'],
      ['003', 'test'],
    ]);
    // Stale once history exists.
    expect((await applyDir(example('numbered'), { baseline: '002' })).findings.map((f) => f.rule)).toEqual([
      'stale-override',
    ]);
  });
});

describe('apply: refuses to start on a database it cannot trust', () => {
  test('drift: an applied file edited since stops the run before any pending migration', async () => {
    const dir = makeFolder({ '001_a.sql': 'CREATE TABLE a (id int);' });
    await applyDir(dir);
    addFile(dir, '001_a.sql', 'CREATE TABLE a (id bigint);');
    addFile(dir, '002_b.sql', 'CREATE TABLE b (id int);');
    const r = await applyDir(dir);
    expect(r.ok).toBe(false);
    expect(r.findings.map((f) => [f.rule, f.file])).toEqual([['checksum-drift', '001_a.sql']]);
    expect(await tables()).not.toContain('b');
    const accepted = await applyDir(dir, { 'accept-edited': '001' });
    expect(accepted.ok).toBe(true);
    expect(accepted.applied.map((a) => a.version)).toEqual(['002']);
  });

  test('out of order: refused, then allowed explicitly', async () => {
    const dir = makeFolder({ '001_a.sql': 'CREATE TABLE a (id int);', '003_c.sql': 'CREATE TABLE c (id int);' });
    await applyDir(dir);
    addFile(dir, '002_b.sql', 'CREATE TABLE b (id int);');
    const refused = await applyDir(dir);
    expect(refused.findings.map((f) => f.rule)).toEqual(['out-of-order']);
    expect(await tables()).not.toContain('b');
    const allowed = await applyDir(dir, { 'allow-out-of-order': 'true' });
    expect(allowed.applied.map((a) => a.version)).toEqual(['002']);
  });

  test('a syntax error in a later pending migration stops the run before the first one', async () => {
    const dir = makeFolder({ '001_a.sql': 'CREATE TABLE a (id int);', '002_b.sql': '\nCREATE TABLE b (id int;\n' });
    const r = await applyDir(dir);
    expect(r.ok).toBe(false);
    expect(r.findings[0]).toMatchObject({ rule: 'syntax-error', file: '002_b.sql', line: 2 });
    // Nothing written at all: not even the history table.
    expect(await tables()).toEqual([]);
  });
});

describe('apply: a failure leaves database and history consistent', () => {
  test('a transactional migration failing in its middle rolls back whole; earlier ones stay', async () => {
    const dir = makeFolder({
      '001_a.sql': 'CREATE TABLE a (id int);',
      '002_b.sql':
        'BEGIN;\nCREATE TABLE b (id int);\nINSERT INTO b VALUES (1);\nALTER TABLE b ADD CONSTRAINT b_pos CHECK (id > 1);\nCOMMIT;\n',
      '003_c.sql': 'CREATE TABLE c (id int);',
    });
    const r = await applyDir(dir);
    expect(r.ok).toBe(false);
    expect(r.applied.map((a) => a.version)).toEqual(['001']);
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]).toMatchObject({
      rule: 'apply-failed',
      file: '002_b.sql',
      line: 4,
      column: 1,
      sqlstate: '23514',
    });
    expect(r.findings[0].message).toMatch(/rolled back/);
    expect(await tables()).toEqual(['a', 'schema_migrations']);
    expect((await history()).map((h) => h.version)).toEqual(['001']);

    addFile(
      dir,
      '002_b.sql',
      'BEGIN;\nCREATE TABLE b (id int);\nINSERT INTO b VALUES (2);\nALTER TABLE b ADD CONSTRAINT b_pos CHECK (id > 1);\nCOMMIT;\n',
    );
    const retry = await applyDir(dir);
    expect(retry.applied.map((a) => a.version)).toEqual(['002', '003']);
  });

  test('the error position points into the file', async () => {
    const dir = makeFolder({ '001_a.sql': '-- header\nCREATE TABLE a (id int);\nSELECT id, nope\n  FROM a;\n' });
    const r = await applyDir(dir);
    expect(r.findings[0]).toMatchObject({ file: '001_a.sql', line: 3, column: 12, sqlstate: '42703' });
  });

  test('a non-transactional migration that fails stays dirty; no run starts until it is resolved', async () => {
    const dir = makeFolder({
      '001_a.sql': 'CREATE TABLE a (id int);',
      '002_idx.sql': 'CREATE INDEX CONCURRENTLY a_id ON a (id);\nSELECT 1/0;\n',
    });
    const r = await applyDir(dir);
    expect(r.findings[0]).toMatchObject({ rule: 'apply-failed', line: 2, sqlstate: '22012' });
    expect(r.findings[0].message).toMatch(/marked dirty/);
    expect((await history()).map((h) => [h.version, h.dirty])).toEqual([
      ['001', false],
      ['002', true],
    ]);

    addFile(dir, '003_c.sql', 'CREATE TABLE c (id int);');
    const blocked = await applyDir(dir);
    expect(blocked.findings.map((f) => f.rule)).toEqual(['dirty-migration']);
    expect(blocked.findings[0].help).toMatch(/resolve-dirty: 002=applied .* or =rerun/);
    expect(await tables()).not.toContain('c');

    // The operator undoes the half-applied part and fixes the file, then asks for a re-run.
    await db.query('DROP INDEX a_id');
    addFile(dir, '002_idx.sql', 'CREATE INDEX CONCURRENTLY a_id ON a (id);\n');
    const rerun = await applyDir(dir, { 'resolve-dirty': '002=rerun' });
    expect(rerun.ok).toBe(true);
    expect(rerun.applied.map((a) => a.version)).toEqual(['002', '003']);
    expect((await history()).map((h) => [h.version, h.dirty])).toEqual([
      ['001', false],
      ['002', false],
      ['003', false],
    ]);
  });
});

describe('plan is read-only', () => {
  test('creates nothing and reports the same hash apply computes', async () => {
    const cfg = testConfig({ 'migrations-dir': example('numbered'), 'database-url': db.url });
    const p = await plan(cfg, ctx());
    expect(p.pending.map((x) => x.version)).toEqual(['001', '002', '003']);
    expect(await tables()).toEqual([]);
    const a = await apply(cfg, ctx());
    expect(a.planHash).toBe(p.planHash);
    expect((await plan(cfg, ctx())).planHash).not.toBe(p.planHash);
  });
});

describe('apply: timeouts', () => {
  test('statement-timeout stops a long statement; the migration rolls back with the hint', async () => {
    const dir = makeFolder({ '001_slow.sql': 'CREATE TABLE a (id int);\nSELECT pg_sleep(5);\n' });
    const r = await applyDir(dir, { 'statement-timeout': '200ms' });
    expect(r.findings[0]).toMatchObject({ rule: 'apply-failed', sqlstate: '57014', file: '001_slow.sql', line: 2 });
    expect(r.findings[0].help).toMatch(/statement-timeout/);
    expect(await tables()).toEqual(['schema_migrations']);
  });

  test('a SET in one migration does not leak into the next', async () => {
    const dir = makeFolder({
      '001_a.sql': 'SET search_path = nowhere, public;\nCREATE TABLE public.a (id int);',
      '002_b.sql': 'CREATE TABLE b (id int);',
    });
    expect((await applyDir(dir)).ok).toBe(true);
    expect(await tables()).toEqual(['a', 'b', 'schema_migrations']);
  });
});
