import { join } from 'node:path';
import pg from 'pg';
import { dumpDatabase, restoreDump } from '../../src/backup/dump.js';
import { chooseTool } from '../../src/backup/pg-tools.js';
import { takeBackup } from '../../src/backup/take-backup.js';
import { withClient } from '../../src/db/session/connect.js';
import { dumpBlockers } from '../../src/db/catalog/preflight.js';
import { StateError } from '../../src/foundation/errors.js';
import { withPgDump } from '../harness/backup-tools.js';
import { scratchDb, type ScratchDb } from '../harness/db.js';
import { makeFolder } from '../harness/folders.js';

let db: ScratchDb;
let sessions: pg.Client[];
beforeEach(async () => {
  db = await scratchDb();
  sessions = [];
  await db.query('CREATE TABLE accounts (id int); CREATE TABLE orders (id int); INSERT INTO orders VALUES (1), (2)');
});
afterEach(async () => {
  for (const s of sessions) await s.end().catch(() => {});
  await db.drop();
});

/** Another session, inside an open transaction that has run `sql`: it keeps its locks until it ends. */
async function holding(sql: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: db.url });
  await c.connect();
  sessions.push(c);
  await c.query('BEGIN');
  await c.query(sql);
  return c;
}
const pidOf = async (c: pg.Client) => (await c.query('SELECT pg_backend_pid() AS pid')).rows[0].pid as number;
/** How a promise settled: its error, if any, and how long it took. */
const timed = async (p: Promise<unknown>) => {
  const start = Date.now();
  const error = await p.then(
    () => undefined,
    (e: unknown) => e as Error,
  );
  return { error, ms: Date.now() - start };
};
const tool = (name: string) => chooseTool(name, 10);

describe('sessions that would block the backup', () => {
  test('are the ones holding ACCESS EXCLUSIVE on a relation pg_dump reads, and only those', async () => {
    const blocker = await holding('LOCK TABLE orders IN ACCESS EXCLUSIVE MODE');
    // A reader, a table not committed yet and a temporary table do not hold pg_dump up.
    await holding('SELECT count(*) FROM accounts');
    await holding('CREATE TABLE not_yet (id int); CREATE TEMP TABLE scratch (id int)');
    expect(await withClient(db.url, dumpBlockers)).toEqual([
      {
        pid: await pidOf(blocker),
        state: 'idle in transaction',
        relation: 'public.orders',
        mode: 'AccessExclusiveLock',
        transactionAgeSeconds: expect.any(Number),
        query: 'LOCK TABLE orders IN ACCESS EXCLUSIVE MODE',
      },
    ]);
  });

  test('none when nobody holds such a lock', async () => {
    await holding('SELECT count(*) FROM orders');
    expect(await withClient(db.url, dumpBlockers)).toEqual([]);
  });
});

withPgDump.describe('pg_dump waits for its table locks only as long as it is told', () => {
  test('a real backup behind a lock fails after backup-lock-timeout, naming the table and its holder', async () => {
    const blocker = await holding('LOCK TABLE orders IN ACCESS EXCLUSIVE MODE');
    const r = await timed(
      takeBackup(db.url, { dir: makeFolder({}), historyTable: { table: 'schema_migrations' }, lockTimeoutMs: 2000 }),
    );
    expect(r.error).toBeInstanceOf(StateError);
    expect(r.error?.message).toMatch(
      new RegExp(
        `^pg_dump waited 2000 ms \\(backup-lock-timeout\\) for a lock on public\\.orders, held by pid ${await pidOf(blocker)} \\(idle in transaction, transaction open \\d+ s: LOCK TABLE orders IN ACCESS EXCLUSIVE MODE\\), and gave up; nothing was dumped: let that session finish or end it \\(SELECT pg_terminate_backend\\(<pid>\\)\\), or raise backup-lock-timeout$`,
      ),
    );
    expect(r.ms).toBeGreaterThanOrEqual(2000);
    expect(r.ms).toBeLessThan(6000);
  });

  test('with a 1 s bound, after 1 s; a lock on a view holds the tables under it', async () => {
    await db.query('CREATE VIEW big_orders AS SELECT * FROM orders WHERE id > 1');
    await holding('LOCK TABLE big_orders IN ACCESS EXCLUSIVE MODE');
    const r = await timed(dumpDatabase(await tool('pg_dump'), db.url, join(makeFolder({}), 'x.dump'), 1000));
    expect(r.error?.message).toMatch(
      /^pg_dump waited 1000 ms \(backup-lock-timeout\) for a lock on public\.orders, held by pid \d+ \(idle in transaction, .*LOCK TABLE big_orders/,
    );
    expect(r.ms).toBeGreaterThanOrEqual(1000);
    expect(r.ms).toBeLessThan(5000);
  });

  test('off (0) waits for as long as the lock is held', async () => {
    // Chosen before the clock starts: asking each installed pg_dump its version takes time of its own.
    const pgDump = await tool('pg_dump');
    const blocker = await holding('LOCK TABLE orders IN ACCESS EXCLUSIVE MODE');
    setTimeout(() => void blocker.query('ROLLBACK'), 1500);
    const r = await timed(dumpDatabase(pgDump, db.url, join(makeFolder({}), 'x.dump'), 0));
    expect(r.error).toBeUndefined();
    expect(r.ms).toBeGreaterThanOrEqual(1400);
  });
});

withPgDump.describe('pg_restore waits for locks only as long as it is told', () => {
  test('behind a reader, it is stopped after the bound, names the lock and its holder, and restores nothing', async () => {
    const file = join(makeFolder({}), 'x.dump');
    await dumpDatabase(await tool('pg_dump'), db.url, file);
    await db.query('INSERT INTO orders VALUES (3)');
    const reader = await holding('SELECT count(*) FROM accounts');
    // The session is found by the name we give it, even when the URL names it otherwise.
    const r = await timed(restoreDump(await tool('pg_restore'), `${db.url}?application_name=shop`, file, 1000));
    expect(r.error).toBeInstanceOf(StateError);
    expect(r.error?.message).toMatch(
      new RegExp(
        `^pg_restore waited longer than 1000 ms \\(backup-lock-timeout\\) for AccessExclusiveLock on public\\.accounts, held by pid ${await pidOf(reader)} \\(idle in transaction, transaction open \\d+ s: SELECT count\\(\\*\\) FROM accounts\\); it was stopped, and as the restore is one transaction nothing was restored: let that session finish or end it \\(SELECT pg_terminate_backend\\(<pid>\\)\\), or raise backup-lock-timeout, then restore again$`,
      ),
    );
    expect(r.ms).toBeGreaterThanOrEqual(1000);
    expect(r.ms).toBeLessThan(5000);
    // Cancel means cancel: no restore session is left waiting, and the data is as it was before.
    await reader.query('ROLLBACK');
    expect(
      (
        await db.query(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name LIKE 'pg-migration-gate restore%'",
        )
      ).rows[0].n,
    ).toBe(0);
    expect((await db.query('SELECT array_agg(id ORDER BY id) AS ids FROM orders')).rows[0].ids).toEqual([1, 2, 3]);
  });

  test('a holder that lets go within the bound only delays it', async () => {
    const file = join(makeFolder({}), 'x.dump');
    await dumpDatabase(await tool('pg_dump'), db.url, file);
    await db.query('INSERT INTO orders VALUES (3)');
    const reader = await holding('SELECT count(*) FROM accounts');
    setTimeout(() => void reader.query('ROLLBACK'), 300);
    await restoreDump(await tool('pg_restore'), db.url, file, 5000);
    expect((await db.query('SELECT array_agg(id ORDER BY id) AS ids FROM orders')).rows[0].ids).toEqual([1, 2]);
  });
});
