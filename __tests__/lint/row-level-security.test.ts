import { loadParser } from '../../src/migrations/parse.js';
import { adminQuery, scratchDb, type ScratchDb } from '../harness/db.js';
import { fires } from '../harness/lint.js';

// What toggling-row-level-security warns of, shown on a real server: the rows a role granted the table sees.
let db: ScratchDb;
let app: string;
beforeAll(async () => {
  await loadParser();
  db = await scratchDb();
  app = `${db.name}_app`;
  await adminQuery(`CREATE ROLE ${app} NOLOGIN`);
  await db.query(`CREATE TABLE documents (owner_name text NOT NULL, body text NOT NULL);
    INSERT INTO documents VALUES ('ann', 'a'), ('bob', 'b'), ('cy', 'c');
    GRANT SELECT ON documents TO ${app};`);
});
afterAll(async () => {
  await db.drop();
  await adminQuery(`DROP ROLE IF EXISTS ${app}`);
});

/** The rows of documents the application's role sees. */
async function rowsSeen(): Promise<number> {
  const results = (await db.query(`SET ROLE ${app}; SELECT count(*)::int AS n FROM documents`)) as unknown as {
    rows: { n: number }[];
  }[];
  return results[1].rows[0].n;
}

/** Whether the rule fires on the migration, linted after the earlier ones (the folder's history). */
const flagged = (sql: string, earlier: string[] = []) => fires('toggling-row-level-security', [...earlier, sql]);

const enable = 'ALTER TABLE documents ENABLE ROW LEVEL SECURITY;';
const policy = "CREATE POLICY documents_ann ON documents USING (owner_name = 'ann');";
const disable = 'ALTER TABLE documents DISABLE ROW LEVEL SECURITY;';

test('turned on with no policy, it hides every row from the role: flagged', async () => {
  expect(await rowsSeen()).toBe(3);
  expect(await flagged(enable)).toBe(true);
  await db.query(enable);
  expect(await rowsSeen()).toBe(0);
});

test('with its policy in the same migration, the role sees what the policy allows: not flagged', async () => {
  expect(await flagged(`${enable}\n${policy}`)).toBe(false);
  await db.query(policy);
  expect(await rowsSeen()).toBe(1);
});

test('turned on again later, after the policy came in an earlier migration: not flagged', async () => {
  expect(await flagged(enable, [`${enable}\n${policy}`])).toBe(false);
});

test('turned off, every row is seen again whatever the policy says: flagged', async () => {
  expect(await flagged(disable, [`${enable}\n${policy}`])).toBe(true);
  await db.query(disable);
  expect(await rowsSeen()).toBe(3);
});

test('only a restrictive policy lets no row through: flagged', async () => {
  const restrictive =
    "DROP POLICY documents_ann ON documents; CREATE POLICY documents_only_ann ON documents AS RESTRICTIVE USING (owner_name = 'ann');";
  expect(await flagged(enable, [`${enable}\n${policy}`, restrictive])).toBe(true);
  await db.query(`${restrictive} ${enable}`);
  expect(await rowsSeen()).toBe(0);
});

test('a policy dropped since does not count, one that followed its table to a new name does', async () => {
  expect(await flagged(enable, [`${enable}\n${policy}`, 'DROP POLICY documents_ann ON documents;'])).toBe(true);
  expect(
    await flagged('ALTER TABLE papers ENABLE ROW LEVEL SECURITY;', [policy, 'ALTER TABLE documents RENAME TO papers;']),
  ).toBe(false);
  expect(
    await flagged(enable, [policy, 'DROP TABLE documents;', 'CREATE TABLE documents (owner_name text NOT NULL);']),
  ).toBe(true);
});

test('NO FORCE lets the owner past the policies again: flagged; FORCE alone turns nothing on: not flagged', async () => {
  expect(await flagged('ALTER TABLE documents NO FORCE ROW LEVEL SECURITY;', [`${enable}\n${policy}`])).toBe(true);
  expect(await flagged('ALTER TABLE documents FORCE ROW LEVEL SECURITY;')).toBe(false);
});
