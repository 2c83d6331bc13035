import { applyMigrations } from '../../src/engine/pipeline.js';
import { silentLogger } from '../../src/foundation/logger.js';
import { testConfig } from '../harness/config.js';
import { scratchDb, type ScratchDb } from '../harness/db.js';
import { fixture } from '../harness/folders.js';

let db: ScratchDb;
beforeEach(async () => {
  db = await scratchDb();
});
afterEach(async () => {
  await db.drop();
});

const applyFixture = (name: string) =>
  applyMigrations(testConfig({ 'migrations-dir': fixture(name), 'database-url': db.url }), {
    databaseUrl: db.url,
    log: silentLogger,
    appliedBy: 'test',
  });

const indexIsValid = async (name: string) =>
  (await db.query(`SELECT indisvalid FROM pg_index WHERE indexrelid = $1::regclass`, [`"${name}"`])).rows[0]
    ?.indisvalid;

describe("each tool's folder applies as it is, on a real PostgreSQL", () => {
  test.each([
    ['prisma', ['20240119143000', '20240120091500', '20240201120000'], [true, true, false]],
    ['goose', ['00001', '00002', '00003', '20240119143000'], [true, true, false, true]],
    ['supabase', ['20240119143000', '20240120101500'], [true, true]],
    ['drizzle', ['0000', '0001'], [true, true]],
  ])('%s', async (name, versions, transactional) => {
    const r = await applyFixture(name);
    expect(r.findings).toEqual([]);
    expect(r.applied.map((a) => [a.version, a.transaction])).toEqual(versions.map((v, i) => [v, transactional[i]]));
  });

  test.each([
    ['prisma', 'Book_title_idx'],
    ['goose', 'accounts_email_key'],
  ])('%s: the index built CONCURRENTLY outside a transaction is valid', async (name, index) => {
    expect((await applyFixture(name)).ok).toBe(true);
    expect(await indexIsValid(index)).toBe(true);
  });
});
