import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { verify } from '../../src/commands/verify.js';
import type { RawConfig } from '../../src/config/inputs-spec.js';
import { silentLogger } from '../../src/foundation/logger.js';
import { SCRATCH_PREFIX } from '../../src/verify/scratch.js';
import { withPgDump } from '../harness/backup-tools.js';
import { testConfig } from '../harness/config.js';
import { adminQuery, scratchDb, type ScratchDb } from '../harness/db.js';
import { example, makeFolder } from '../harness/folders.js';

let db: ScratchDb;
beforeEach(async () => {
  db = await scratchDb();
});
afterEach(async () => {
  await db.drop();
});

const run = (dir: string, raw: RawConfig = {}) =>
  verify(
    testConfig({
      command: 'verify',
      'migrations-dir': dir,
      'database-url': db.url,
      checks: 'apply,idempotency,reversibility,locks',
      ...raw,
    }),
    { databaseUrl: db.url, log: silentLogger },
  );
const rules = (r: Awaited<ReturnType<typeof run>>) => r.findings.map((f) => `${f.rule} ${f.file}:${f.line}`);
const leftovers = async () =>
  (await adminQuery('SELECT count(*)::int AS n FROM pg_database WHERE datname LIKE $1', [`${SCRATCH_PREFIX}%`])).rows[0]
    .n;

describe('verify on sound migrations', () => {
  test('the numbered runbook folder: applies, re-runs, round-trips; the database in the URL is untouched', async () => {
    const r = await run(example('numbered'));
    expect(r.ok).toBe(true);
    expect(r.verify!.migrations.map((m) => [m.name, m.apply, m.idempotency, m.reversibility])).toEqual([
      ['001_initial_schema.sql', 'ok', 'ok', 'ok'],
      ['002_add_user_preferences.sql', 'ok', 'ok', 'ok'],
      ['003_add_ticket_escalation.sql', 'ok', 'ok', 'ok'],
    ]);
    expect(r.verify!.schemaChange).toContain('+ table public.ticket_escalations (4 columns, 2 constraints, 1 index)');
    expect((await db.query("SELECT count(*)::int AS n FROM pg_class WHERE relname = 'users'")).rows[0].n).toBe(0);
    expect(await leftovers()).toBe(0);
  });
});

describe('migrations that cannot be rolled back are checked on template copies', () => {
  test('the timestamped runbook folder, with CREATE INDEX CONCURRENTLY and its down script', async () => {
    const r = await run(example('timestamped'));
    expect(r.verify!.migrations.map((m) => [m.transaction, m.apply, m.idempotency, m.reversibility])).toEqual([
      [true, 'ok', 'ok', 'ok'],
      [true, 'ok', 'ok', 'ok'],
      [true, 'ok', 'ok', 'ok'],
      [false, 'ok', 'ok', 'ok'],
    ]);
    expect(r.verify!.migrations[3].statements[0]).toMatchObject({
      observed: false,
      locks: [{ relation: 'public.class_bookings', mode: 'SHARE UPDATE EXCLUSIVE' }],
    });
    expect(await leftovers()).toBe(0);
  });

  test('a non-transactional down script that leaves its index behind', async () => {
    const dir = makeFolder({
      '001_t.sql': 'CREATE TABLE t (id int, a int);',
      '002_idx.sql': '-- migrate:up\nCREATE INDEX CONCURRENTLY t_a ON t (a);\n-- migrate:down\nSELECT 1;\n',
    });
    const r = await run(dir);
    const mine = r.findings.filter((f) => f.message.includes('002_idx.sql'));
    expect(mine.map((f) => `${f.rule} ${f.severity}`)).toEqual(['not-idempotent warning', 'not-reversible error']);
    expect(mine[1].message).toMatch(/\+ index public\.t\.t_a/);
    expect(await leftovers()).toBe(0);
  });
});

describe('verify pinpoints the real faults', () => {
  test('a down script that does not restore an index', async () => {
    const dir = makeFolder({
      '001_users.up.sql': 'CREATE TABLE users (id bigint PRIMARY KEY, email text);',
      '001_users.down.sql': 'DROP TABLE users;',
      '002_email_index.up.sql': 'CREATE INDEX users_email ON users (email);\nALTER TABLE users ADD COLUMN nick text;',
      '002_email_index.down.sql': 'ALTER TABLE users DROP COLUMN nick;',
    });
    const r = await run(dir);
    expect(r.ok).toBe(false);
    const f = r.findings.find((x) => x.rule === 'not-reversible')!;
    expect(f).toMatchObject({ severity: 'error', file: '002_email_index.down.sql', line: 1 });
    expect(f.message).toMatch(/does not restore the schema: \+ index public\.users\.users_email/);
    expect(r.verify!.migrations[1].reversibility).toBe('failed');
    expect(await leftovers()).toBe(0);
  });

  test('a migration that fails on realistic data (seed-file), with its line', async () => {
    const dir = makeFolder({
      '001_orders.sql': 'CREATE TABLE orders (id bigint PRIMARY KEY, total numeric NOT NULL);',
      '002_positive.sql':
        '-- totals are never negative\nALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total >= 0);\n',
    });
    const seed = join(makeFolder({ 'seed.sql': 'INSERT INTO orders VALUES (1, 10), (2, -5);' }), 'seed.sql');
    // 001 is deployed: the seed is loaded after it, before the new 002.
    const repo = gitRepo(dir, ['001_orders.sql']);
    const r = await run(repo, { 'base-ref': 'main', 'seed-file': seed });
    expect(rules(r)).toContain('apply-failed 002_positive.sql:2');
    expect(r.findings.find((f) => f.rule === 'apply-failed')).toMatchObject({ sqlstate: '23514' });
    const clean = await run(repo, { 'base-ref': 'main' });
    expect(clean.findings.filter((f) => f.rule === 'apply-failed')).toEqual([]);
  });

  withPgDump.test('a custom-format dump as seed: its data is loaded into the deployed schema', async () => {
    const source = await scratchDb();
    try {
      await source.query(
        'CREATE TABLE orders (id bigint PRIMARY KEY, total numeric NOT NULL); INSERT INTO orders VALUES (1, 10), (2, -5);',
      );
      const dump = join(makeFolder({}), 'seed.dump');
      execFileSync('pg_dump', ['-Fc', '-f', dump, '-d', source.url]);
      const dir = makeFolder({
        '001_orders.sql': 'CREATE TABLE orders (id bigint PRIMARY KEY, total numeric NOT NULL);',
        '002_positive.sql': 'ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total >= 0);',
      });
      const r = await run(gitRepo(dir, ['001_orders.sql']), { 'base-ref': 'main', 'seed-file': dump });
      expect(rules(r)).toContain('apply-failed 002_positive.sql:1');
    } finally {
      await source.drop();
    }
  });

  test('an ACCESS EXCLUSIVE lock and a rewrite of an existing table, at their lines', async () => {
    const dir = makeFolder({
      '001_events.sql':
        "CREATE TABLE events (id int PRIMARY KEY, kind text);\nINSERT INTO events SELECT g, 'k' FROM generate_series(1, 1000) g;",
      '002_widen.sql': '-- widen the key\nALTER TABLE events ALTER COLUMN id TYPE bigint;\n',
      '003_index.sql': 'SELECT 1;\nCREATE INDEX IF NOT EXISTS events_kind ON events (kind);\n',
    });
    const r = await run(gitRepo(dir, ['001_events.sql']), { 'base-ref': 'main' });
    expect(rules(r)).toEqual([
      'blocking-lock 002_widen.sql:2',
      'table-rewrite 002_widen.sql:2',
      'blocking-lock 003_index.sql:2',
    ]);
    const [alter, rewrite, index] = r.findings;
    expect(alter.message).toMatch(
      /^(SHARE on public\.events, )?ACCESS EXCLUSIVE on public\.events(, SHARE on public\.events)?: every read and write waits/,
    );
    expect(rewrite.message).toMatch(/^public\.events rewritten/);
    expect(index.message).toMatch(/^SHARE on public\.events: every write waits/);
    expect(r.verify!.migrations[0].statements[0]).toMatchObject({
      line: 2,
      rewrites: ['public.events'],
      observed: true,
    });
    // A plain read takes no lock worth reporting.
    expect(r.verify!.migrations[1].statements[0]).toMatchObject({ line: 1, locks: [], rewrites: [] });
  });

  test('a migration that cannot be re-run', async () => {
    const dir = makeFolder({
      '001_a.sql': 'CREATE TABLE a (id int);',
      '002_b.sql': 'CREATE TABLE IF NOT EXISTS b (id int);',
    });
    const r = await run(dir);
    expect(r.ok).toBe(true);
    expect(r.findings.map((f) => `${f.rule} ${f.severity}`)).toEqual(['not-idempotent warning']);
    expect(r.findings[0].message).toMatch(/001_a\.sql fails when run a second time: relation "a" already exists/);
    expect(r.verify!.migrations.map((m) => m.idempotency)).toEqual(['failed', 'ok']);
    const strict = await run(dir, { idempotency: 'error' });
    expect(strict.ok).toBe(false);
    expect((await run(dir, { idempotency: 'off' })).findings).toEqual([]);
  });

  test('a failing migration stops the chain; scratch databases are still dropped', async () => {
    const dir = makeFolder({
      '001_a.sql': 'CREATE TABLE a (id int);',
      '002_b.sql': 'SELECT 1/0;',
      '003_c.sql': 'CREATE TABLE c (id int);',
    });
    const r = await run(dir);
    expect(r.verify!.migrations.map((m) => m.apply)).toEqual(['ok', 'failed', 'not run']);
    expect(await leftovers()).toBe(0);
  });
});

describe('base and head', () => {
  test('new migrations must sort after the deployed ones and not reuse their versions; deployed ones must not change', async () => {
    const dir = makeFolder({ '001_a.sql': 'CREATE TABLE a (id int);', '003_c.sql': 'CREATE TABLE c (id int);' });
    const repo = gitRepo(dir, ['001_a.sql', '003_c.sql']);
    writeFileSync(join(repo, '002_b.sql'), 'CREATE TABLE b (id int);');
    writeFileSync(join(repo, '001_a.sql'), 'CREATE TABLE a (id bigint);');
    const r = await run(repo, { 'base-ref': 'main', checks: 'apply' });
    expect(r.findings.map((f) => `${f.rule} ${f.file}`)).toEqual([
      'out-of-order 002_b.sql',
      'deployed-migration-edited 001_a.sql',
    ]);
    expect(r.verify!.deployed).toBe(2);
  });

  test('a change with no new migration passes at once, for a required check on every pull request; an edited deployed one still fails', async () => {
    const repo = gitRepo(makeFolder({ '001_a.sql': 'CREATE TABLE a (id int);' }), ['001_a.sql']);
    // A role that may not create databases: verify would refuse it, had it gone on to run anything.
    const url = new URL(db.url);
    url.username = 'pmg_no_such_role';
    const r = await verify(
      testConfig({ command: 'verify', 'migrations-dir': repo, 'database-url': url.toString(), 'base-ref': 'main' }),
      { databaseUrl: url.toString(), log: silentLogger },
    );
    expect(r).toMatchObject({
      ok: true,
      findings: [],
      notes: [`no migration in ${repo} is new since main: nothing to verify`],
    });
    expect(r.verify).toBeUndefined();
    writeFileSync(join(repo, '001_a.sql'), 'CREATE TABLE a (id bigint);');
    const edited = await run(repo, { 'base-ref': 'main' });
    expect(edited.findings.map((f) => f.rule)).toEqual(['deployed-migration-edited']);
  });

  test('a new file reusing a deployed version is refused', async () => {
    const repo = gitRepo(makeFolder({ '001_a.sql': 'CREATE TABLE a (id int);' }), ['001_a.sql']);
    execFileSync('git', ['mv', '001_a.sql', '001_renamed.sql'], { cwd: repo });
    const r = await run(repo, { 'base-ref': 'main' });
    expect(r.findings.map((f) => f.rule)).toContain('version-reused');
  });
});

/** Commits `deployed` files of dir on main in a fresh repository (in dir itself), leaving the others untracked. */
function gitRepo(dir: string, deployed: string[]): string {
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: 't',
    GIT_AUTHOR_EMAIL: 't@t',
    GIT_COMMITTER_NAME: 't',
    GIT_COMMITTER_EMAIL: 't@t',
  };
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, env });
  git('init', '-q', '-b', 'main');
  git('add', ...deployed);
  git('commit', '-qm', 'deployed');
  return dir;
}
