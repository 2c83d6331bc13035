import { readFileSync, writeFileSync } from 'node:fs';
import pg from 'pg';
import { applyMigrations } from '../../src/engine/pipeline.js';
import { metadataPath, readMetadata } from '../../src/backup/metadata.js';
import { backup } from '../../src/commands/backup.js';
import { restore } from '../../src/commands/restore.js';
import type { RawConfig } from '../../src/config/inputs-spec.js';
import { withClient } from '../../src/db/session/connect.js';
import { currentSnapshot, transactionsSince } from '../../src/db/session/xid-snapshot.js';
import { silentLogger } from '../../src/foundation/logger.js';
import { withPgDump } from '../harness/backup-tools.js';
import { testConfig } from '../harness/config.js';
import { tableChecksums } from '../harness/data.js';
import type { ScratchDb } from '../harness/db.js';
import { addFile, makeFolder } from '../harness/folders.js';
import { quietServer, type QuietServer } from './quiet-server.js';

// What the restore command checks before it touches its target. What was written since is told by the tables'
// write counters; server-wide transaction ids only vouch that counted writes were rolled back, which can be seen
// only on a server where nothing else commits: these tests run on a server of their own, autovacuum off.
let server: QuietServer;
let a: ScratchDb;
let b: ScratchDb;
beforeAll(async () => {
  server = await quietServer({ autovacuum: false });
});
afterAll(async () => {
  await server.stop();
});
beforeEach(async () => {
  a = await server.database();
  b = await server.database();
});
afterEach(async () => {
  await a.drop();
  await b.drop();
});

const ctx = (db: ScratchDb) => ({
  databaseUrl: db.url,
  log: silentLogger,
  appliedBy: 'test',
  backupDir: makeFolder({}),
});
const base = {
  '001_accounts.sql': 'CREATE TABLE accounts (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL);',
  '002_orders.sql':
    'CREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, account_id bigint REFERENCES accounts, total numeric);',
};

/** A database with the migrations applied and some rows; returns its migrations folder. */
async function deployed(db: ScratchDb, files: Record<string, string> = base): Promise<string> {
  const dir = makeFolder(files);
  expect((await applyMigrations(testConfig({ 'migrations-dir': dir, 'database-url': db.url }), ctx(db))).ok).toBe(true);
  await db.query("INSERT INTO accounts (name) SELECT 'a' || g FROM generate_series(1, 20) g");
  return dir;
}
const backupOf = async (db: ScratchDb) => (await backup(testConfig({ 'database-url': db.url }), ctx(db))).backup!.path;
const restoreTo = (db: ScratchDb, file: string, raw: RawConfig = {}) =>
  restore(testConfig({ 'database-url': db.url, 'backup-file': file, ...raw }), ctx(db));
const refusal = (r: { findings: { rule: string; message: string }[] }) => {
  expect(r.findings.map((f) => f.rule)).toEqual(['restore-refused']);
  return r.findings[0].message;
};

withPgDump.describe('the backup records what it stands for', () => {
  test('the database (name, oid, server), the snapshot it was taken at, and the tables’ write counters', async () => {
    await deployed(a);
    const m = readMetadata(await backupOf(a));
    const oid = Number(
      (await a.query('SELECT oid::int8 AS oid FROM pg_database WHERE datname = current_database()')).rows[0].oid,
    );
    expect(m).toMatchObject({
      databaseName: a.name,
      databaseOid: oid,
      systemIdentifier: expect.stringMatching(/^\d+$/),
      lastApplied: { version: '002' },
    });
    expect(BigInt(m.snapshot!.xmin)).toBeLessThanOrEqual(BigInt(m.snapshot!.xmax));
    expect(m.snapshot!.takenAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(m.tableWrites).toMatchObject({ 'public.accounts': 20, 'public.orders': 0 });
  });
});

withPgDump.describe('restore onto the database the backup came from', () => {
  test('nothing written since: restored, saying it checked', async () => {
    await deployed(a);
    const before = await tableChecksums(a);
    const file = await backupOf(a);
    const r = await restoreTo(a, file);
    expect(r.findings).toEqual([]);
    expect(r.notes[1]).toBe('no table of this database was written since the backup, by the statistics');
    expect(await tableChecksums(a)).toEqual(before);
  });

  test('a row written since: refused, naming the table; restore-discards-writes: true restores and says what it discarded', async () => {
    await deployed(a);
    const before = await tableChecksums(a);
    const file = await backupOf(a);
    await a.query(
      "INSERT INTO orders (account_id, total) VALUES (1, 9.5); UPDATE accounts SET name = 'renamed' WHERE id = 2",
    );
    const after = await tableChecksums(a);
    expect(refusal(await restoreTo(a, file))).toBe(
      'nothing was restored: restoring would discard what others wrote since the backup: 1 transaction(s) committed since the backup was taken; tables written since, by the statistics (which count rolled-back writes): public.accounts (1 row), public.orders (1 row); set restore-discards-writes: true to restore anyway; ' +
        'restoring would undo what others changed since the backup: the catalog changed since the backup: value of sequence public.orders_id_seq moved (a restore would set it back, and hand out those values again); set restore-discards-writes: true to restore anyway',
    );
    expect(await tableChecksums(a)).toEqual(after);
    const r = await restoreTo(a, file, { 'restore-discards-writes': 'true' });
    expect(r.ok).toBe(true);
    expect(r.notes[1]).toMatch(
      /^restore-discards-writes: true — restoring discards what was written since the backup: 1 transaction\(s\) committed .*; tables written since, by the statistics .*: public\.accounts \(1 row\), public\.orders \(1 row\)/,
    );
    expect(await tableChecksums(a)).toEqual(before);
  });

  test('writes in another database of the server, and writes rolled back: restored, saying why', async () => {
    await deployed(a);
    await b.query('CREATE TABLE elsewhere (id int)');
    const before = await tableChecksums(a);
    const file = await backupOf(a);
    await b.query('INSERT INTO elsewhere VALUES (1)');
    let r = await restoreTo(a, file);
    expect(r.findings).toEqual([]);
    expect(r.notes[1]).toBe('no table of this database was written since the backup, by the statistics');
    // The counters count a rolled-back insert too; that no transaction committed since (autovacuum is off here,
    // the restore above committed nothing of this server's ids) tells it was rolled back.
    const again = await backupOf(a);
    await a.query("BEGIN; INSERT INTO accounts (name) VALUES ('gone'); ROLLBACK");
    r = await restoreTo(a, again);
    expect(r.findings).toEqual([]);
    expect(r.notes[1]).toMatch(
      /^tables written since, by the statistics .*: public\.accounts \(1 row\); but no transaction committed on the server since the backup was taken, so those writes were rolled back$/,
    );
    expect(await tableChecksums(a)).toEqual(before);
  });

  test('a session still writing (its transaction open): refused, as it may yet commit', async () => {
    await deployed(a);
    const file = await backupOf(a);
    const writer = new pg.Client({ connectionString: a.url });
    await writer.connect();
    try {
      await writer.query("BEGIN; INSERT INTO accounts (name) VALUES ('pending')");
      expect(refusal(await restoreTo(a, file))).toMatch(
        /: 1 session\(s\) of this database have a transaction open that wrote, and may yet commit: pid \d+ \(BEGIN; INSERT INTO accounts/,
      );
    } finally {
      await writer.end();
    }
  });

  test('the target moved on (a migration recorded since): refused; restore-discards-writes: true takes it back out', async () => {
    const dir = await deployed(a);
    const file = await backupOf(a);
    addFile(dir, '003_note.sql', 'ALTER TABLE orders ADD COLUMN note text;');
    expect((await applyMigrations(testConfig({ 'migrations-dir': dir, 'database-url': a.url }), ctx(a))).ok).toBe(true);
    const message = refusal(await restoreTo(a, file));
    expect(message).toMatch(
      /^nothing was restored: the target has moved on since the backup: 1 migration\(s\) recorded after it \(003_note\.sql; the backup's newest is 002_orders\.sql\); restoring takes them back out, with everything written since; set restore-discards-writes: true to restore anyway; restoring would undo what others changed since the backup: the catalog changed since the backup: table public\.orders changed, table column public\.orders\.note added; set restore-discards-writes: true to restore anyway$/,
    );
    expect((await restoreTo(a, file, { 'restore-discards-writes': 'true' })).ok).toBe(true);
    expect((await a.query('SELECT version FROM schema_migrations ORDER BY id')).rows.map((r) => r.version)).toEqual([
      '001',
      '002',
    ]);
  });

  test('a backup whose metadata predates snapshots is still read; what was written since cannot be told, so it is refused unless told', async () => {
    await deployed(a);
    const file = await backupOf(a);
    const m = JSON.parse(readFileSync(metadataPath(file), 'utf8'));
    for (const key of ['databaseName', 'databaseOid', 'systemIdentifier', 'snapshot', 'tableWrites', 'catalog'])
      delete m[key];
    writeFileSync(metadataPath(file), JSON.stringify(m));
    expect(refusal(await restoreTo(a, file))).toBe(
      'nothing was restored: restoring would discard what others wrote since the backup: the backup records no table write counters (it was taken by an older version of pg-migration-gate), so what was written since cannot be told; set restore-discards-writes: true to restore anyway; ' +
        'restoring would undo what others changed since the backup: the backup records no catalog state (it was taken by an older version of pg-migration-gate), so what was changed since cannot be told; set restore-discards-writes: true to restore anyway',
    );
    const r = await restoreTo(a, file, { 'restore-discards-writes': 'true' });
    expect(r.ok).toBe(true);
    expect(r.notes).toContain(
      `the backup's metadata predates database oids: the target was matched by its name, ${a.name}`,
    );
  });
});

withPgDump.describe('restore onto another database', () => {
  test('database A’s backup onto database B, which has tables and history of its own: refused; restore-to-other-database: true replaces B', async () => {
    await deployed(a);
    await deployed(b, {
      '001_things.sql': 'CREATE TABLE things (id int);',
      '002_accounts.sql': base['001_accounts.sql'],
    });
    const bBefore = await tableChecksums(b);
    const file = await backupOf(a);
    const message = refusal(await restoreTo(b, file));
    expect(message).toMatch(
      new RegExp(
        `^nothing was restored: the target is not the database the backup was taken from \\(127\\.0\\.0\\.1:\\d+/${a.name}\\): it is database ${b.name}, the backup is of ${a.name}; restoring would replace its tables and its history with the backup's; set restore-to-other-database: true to restore anyway$`,
      ),
    );
    expect(await tableChecksums(b)).toEqual(bBefore);

    const r = await restoreTo(b, file, { 'restore-to-other-database': 'true' });
    expect(r.ok).toBe(true);
    expect(r.notes[1]).toMatch(
      /^restore-to-other-database: true — the target is not the database the backup was taken from .*; its tables and history are replaced with the backup's$/,
    );
    const sums = await tableChecksums(a);
    expect(await tableChecksums(b)).toEqual({ ...sums, 'public.things': '0 rows ' });
  });

  test('a database of the same name on another server (another system identifier): refused', async () => {
    await deployed(a);
    const file = await backupOf(a);
    const m = JSON.parse(readFileSync(metadataPath(file), 'utf8'));
    writeFileSync(metadataPath(file), JSON.stringify({ ...m, systemIdentifier: '1234567890' }));
    expect(refusal(await restoreTo(a, file))).toMatch(
      /the target is not the database the backup was taken from .*: it is on another server \(system identifier \d+; the backup's server is 1234567890\)/,
    );
  });

  test('an empty database: restored, as nothing of it is replaced', async () => {
    await deployed(a);
    const file = await backupOf(a);
    const r = await restoreTo(b, file);
    expect(r.ok).toBe(true);
    expect(r.notes[1]).toMatch(
      /^the target is not the database the backup was taken from .*; it is empty, so nothing of it is replaced$/,
    );
    expect(await tableChecksums(b)).toEqual(await tableChecksums(a));
  });
});

describe('the pieces', () => {
  test('transactionsSince counts what committed after a snapshot, leaves out ours, and counts what still runs', async () => {
    await a.query('CREATE TABLE t (id int)');
    const since = await withClient(a.url, currentSnapshot);
    await a.query('INSERT INTO t VALUES (1)');
    await a.query('INSERT INTO t VALUES (2)');
    await a.query('BEGIN; INSERT INTO t VALUES (3); ROLLBACK');
    const mine = Number((await a.query('SELECT xmin::text AS x FROM t WHERE id = 2')).rows[0].x);
    expect(await withClient(a.url, (c) => transactionsSince(c, since))).toEqual({ committed: 2, running: 0 });
    expect(await withClient(a.url, (c) => transactionsSince(c, since, new Set([mine])))).toEqual({
      committed: 1,
      running: 0,
    });
  });
});
