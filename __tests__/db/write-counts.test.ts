import { connect } from '../../src/db/session/connect.js';
import { ensureHistoryTable, locateHistoryTable } from '../../src/db/history/table.js';
import { runMigration } from '../../src/db/runner/runner.js';
import { MigrationSession } from '../../src/db/session/session.js';
import { analyseAll } from '../../src/migrations/analyse.js';
import { readFolder } from '../../src/migrations/discover.js';
import { silentLogger } from '../../src/foundation/logger.js';
import { testConfig } from '../harness/config.js';
import { scratchDb, type ScratchDb } from '../harness/db.js';
import { makeFolder } from '../harness/folders.js';

let db: ScratchDb;
beforeEach(async () => {
  db = await scratchDb();
});
afterEach(async () => {
  await db.drop();
});

/**
 * Counting the rows a migration writes reads every table's statistics twice inside its transaction, a cost that
 * grows with the catalog: it is done only when asked (apply asks when on-failure may restore).
 */
test("a migration's writes are counted when asked, and not otherwise", async () => {
  await db.query('CREATE TABLE accounts (id int)');
  const dir = makeFolder({
    '001_a.sql': 'INSERT INTO accounts SELECT generate_series(1, 3);',
    '002_b.sql': 'UPDATE accounts SET id = id + 1 WHERE id > 1;',
  });
  const { analysed } = await analyseAll((await readFolder(dir, false)).migrations);
  const config = testConfig({ 'migrations-dir': dir, 'database-url': db.url });
  const control = await connect(db.url);
  const session = await MigrationSession.open(db.url, 0);
  try {
    const table = await locateHistoryTable(control, config.historyTable);
    await ensureHistoryTable(control, table);
    const record = { table, appliedBy: 'test', control };
    const run = (i: number, countWrites: boolean) =>
      runMigration(
        session,
        analysed[i].migration,
        analysed[i].exec,
        { ...config, lockRetries: 0, lockBudgetMs: 0, record, countWrites },
        silentLogger,
      );
    expect((await run(0, true)).writes).toEqual({ 'public.accounts': 3, 'public.schema_migrations': 1 });
    expect((await run(1, false)).writes).toEqual({});
    expect((await db.query('SELECT array_agg(id ORDER BY id) AS ids FROM accounts')).rows[0].ids).toEqual([1, 3, 4]);
  } finally {
    await session.close();
    await control.end();
  }
});
