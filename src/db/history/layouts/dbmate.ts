import { leadingDigits, namer, WITHOUT_MARKS, type HistoryLayout } from './layout.js';

/**
 * dbmate's `schema_migrations`: one row per applied migration, keyed by the leading digits of its file name as
 * written (`001`, `20240119`), inserted in the migration's transaction; `dbmate rollback` deletes it. dbmate keeps
 * no checksum and no dirty mark: a migration outside a transaction is recorded once it has finished.
 */
export const dbmate: HistoryLayout = {
  id: 'dbmate',
  columns: ['version'],
  ...WITHOUT_MARKS,

  async read(c, q, migrations) {
    const name = namer('dbmate', migrations, leadingDigits);
    const r = await c.query(`SELECT version FROM ${q} ORDER BY version`);
    return r.rows.map((row) => ({ id: row.version as string, ...name(row.version), dirty: false }));
  },

  recordRow: (q, m, _by, sql) => `INSERT INTO ${q} (version) VALUES (${sql.value(leadingDigits(m))})`,

  async forget(c, q, row) {
    await c.query(`DELETE FROM ${q} WHERE version = $1`, [row.id]);
  },
};
