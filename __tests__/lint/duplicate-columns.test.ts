import { loadParser } from '../../src/migrations/parse.js';
import { inRolledBack, scratchDb, type ScratchDb } from '../harness/db.js';
import { fires } from '../harness/lint.js';

let db: ScratchDb;
beforeAll(async () => {
  await loadParser();
  db = await scratchDb();
  await db.query(`CREATE TABLE accounts (id int PRIMARY KEY, status text, note text);
    CREATE TABLE users (id int PRIMARY KEY, name text);
    CREATE FOREIGN DATA WRAPPER dummy; CREATE SERVER elsewhere FOREIGN DATA WRAPPER dummy;`);
});
afterAll(async () => {
  await db.drop();
});

const flagged = (sql: string) => fires('duplicate-column-assignment', [sql]);

/** What PostgreSQL says of the statement, inside a transaction rolled back after. */
const server = (sql: string) => inRolledBack(db, sql);

// Each repeats a column where PostgreSQL refuses it (42601 "multiple assignments to same column", or 42701 "column
// specified more than once"); each good one does not, and runs.
const cases: [string, string, string, string][] = [
  [
    'INSERT … ON CONFLICT DO UPDATE SET',
    '42601',
    "INSERT INTO accounts (id, status) VALUES (1, 'a') ON CONFLICT (id) DO UPDATE SET status = 'b', status = 'c'",
    "INSERT INTO accounts (id, status) VALUES (1, 'a') ON CONFLICT (id) DO UPDATE SET status = 'b', note = 'c'",
  ],
  [
    'MERGE … UPDATE SET',
    '42601',
    "MERGE INTO accounts a USING users u ON u.id = a.id WHEN MATCHED THEN UPDATE SET status = u.name, status = 'x'",
    "MERGE INTO accounts a USING users u ON u.id = a.id WHEN MATCHED THEN UPDATE SET status = u.name, note = 'x'",
  ],
  [
    'MERGE … INSERT (columns)',
    '42701',
    'MERGE INTO accounts a USING users u ON u.id = a.id WHEN NOT MATCHED THEN INSERT (id, id) VALUES (u.id, u.id)',
    'MERGE INTO accounts a USING users u ON u.id = a.id WHEN NOT MATCHED THEN INSERT (id, status) VALUES (u.id, u.name)',
  ],
  [
    'SELECT … INTO',
    '42701',
    'SELECT a.id, u.id INTO pairs FROM accounts a JOIN users u ON u.id = a.id',
    'SELECT a.id, u.id AS user_id INTO pairs FROM accounts a JOIN users u ON u.id = a.id',
  ],
  [
    'a view of unnamed constants',
    '42701',
    'CREATE VIEW flags AS SELECT 1, 2',
    'CREATE VIEW flags AS SELECT 1 AS one, 2 AS two',
  ],
  [
    'CREATE TABLE AS with casts named by their type',
    '42701',
    "CREATE TABLE casts AS SELECT '1'::int, '2'::int",
    "CREATE TABLE casts AS SELECT '1'::int, '2'::bigint",
  ],
  [
    'a foreign table',
    '42701',
    'CREATE FOREIGN TABLE remote (id int, id int) SERVER elsewhere',
    'CREATE FOREIGN TABLE remote (id int, name text) SERVER elsewhere',
  ],
];

describe.each(cases)('%s', (_, code, bad, good) => {
  test('the bad form is refused by PostgreSQL and flagged; the good one runs and is not', async () => {
    expect([await server(bad), await flagged(bad)]).toEqual([code, true]);
    expect([await server(good), await flagged(good)]).toEqual(['ok', false]);
  });
});

test('columns whose names this cannot know (a subquery, a star) are not compared: no false alarm', async () => {
  for (const sql of [
    'CREATE VIEW subs AS SELECT (SELECT id FROM users LIMIT 1), (SELECT name FROM users LIMIT 1)',
    'CREATE VIEW stars AS SELECT * FROM accounts',
  ]) {
    expect([await server(sql), await flagged(sql)]).toEqual(['ok', false]);
  }
});
