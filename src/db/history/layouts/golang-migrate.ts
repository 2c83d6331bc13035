import { StateError } from '../../../foundation/errors.js';
import type { HistoryRow } from '../../../model/history.js';
import type { Client } from '../../session/connect.js';
import { integerVersion, namer, type HistoryLayout } from './layout.js';

/**
 * golang-migrate's `schema_migrations`: a single row, the version the database is at and whether the migration that
 * set it finished (dirty = false). Every migration up to that version counts as applied. A migration in a
 * transaction replaces the row in it; one outside a transaction sets its version dirty first and clean after, as
 * golang-migrate does; `migrate force` is what resolve-dirty does.
 */

/** Sets the one row, each statement leaving the table consistent on its own. */
async function setVersion(c: Client, q: string, version: string, dirty: boolean): Promise<void> {
  // One write, of exactly one row, so that the history's row check holds (db/history/table.ts, oneRowEach); read() has
  // refused a table of more rows before anything is written.
  const { rows } = await c.query(`SELECT count(*)::int AS n FROM ${q}`);
  await c.query(
    rows[0].n === 0 ? `INSERT INTO ${q} (version, dirty) VALUES ($1, $2)` : `UPDATE ${q} SET version = $1, dirty = $2`,
    [version, dirty],
  );
}

export const golangMigrate: HistoryLayout = {
  id: 'golang-migrate',
  columns: ['version', 'dirty'],
  marksDirty: true,

  async read(c, q, migrations) {
    const r = await c.query(`SELECT version::text AS version, dirty FROM ${q}`);
    if (r.rows.length > 1) {
      throw new StateError([
        `history table ${q} is golang-migrate's, which keeps one row, but it has ${r.rows.length}; keep the row of the version the database is at and delete the others`,
      ]);
    }
    if (!r.rows.length) return [];
    const current = BigInt(r.rows[0].version);
    const name = namer('golang-migrate', migrations, integerVersion);
    const below: HistoryRow[] = migrations
      .filter((m) => BigInt(integerVersion(m)) < current)
      .map((m) => ({ id: integerVersion(m), name: m.name, version: m.version, dirty: false }));
    return [...below, { id: current.toString(), ...name(current.toString()), dirty: r.rows[0].dirty === true }];
  },

  /** One statement: the INSERT reads what the DELETE did, so the old row is gone first, even of the same version. */
  recordRow: (q, m, _by, sql) =>
    `WITH cleared AS (DELETE FROM ${q} RETURNING 1) INSERT INTO ${q} (version, dirty) SELECT ${sql.value(integerVersion(m))}, false FROM (SELECT count(*) FROM cleared) done`,

  async markStarted(c, q, m) {
    await setVersion(c, q, integerVersion(m), true);
    return integerVersion(m);
  },

  async finish(c, q, mark) {
    await c.query(`UPDATE ${q} SET dirty = false WHERE version = $1`, [mark]);
  },

  /** Back to the newest version below the undone one, or to none. */
  async forget(c, q, row, rows) {
    const below = rows.filter((r) => r !== row && BigInt(r.id) < BigInt(row.id)).map((r) => BigInt(r.id));
    if (!below.length) await c.query(`DELETE FROM ${q}`);
    else await setVersion(c, q, below.reduce((a, b) => (a > b ? a : b)).toString(), false);
  },
};
