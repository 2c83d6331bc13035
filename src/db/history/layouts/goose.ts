import { integerVersion, namer, WITHOUT_MARKS, type HistoryLayout } from './layout.js';

/**
 * goose's `goose_db_version`: a log of rows (version_id, is_applied), the latest row of a version deciding its state;
 * the row with version 0 is goose's own start marker. goose inserts is_applied = true in the migration's
 * transaction and deletes the row on down. It keeps no checksum and no dirty mark: a NO TRANSACTION migration is
 * recorded once it has finished.
 */
export const goose: HistoryLayout = {
  id: 'goose',
  columns: ['id', 'version_id', 'is_applied', 'tstamp'],
  ...WITHOUT_MARKS,

  async read(c, q, migrations) {
    const name = namer('goose', migrations, integerVersion);
    const r = await c.query(
      `SELECT DISTINCT ON (version_id) id, version_id::text AS version, is_applied, tstamp::timestamptz AS tstamp FROM ${q} WHERE version_id <> 0 ORDER BY version_id, id DESC`,
    );
    return r.rows
      .filter((row) => row.is_applied)
      .sort((a, b) => Number(a.id) - Number(b.id))
      .map((row) => ({ id: Number(row.id), ...name(row.version), appliedAt: row.tstamp ?? undefined, dirty: false }));
  },

  recordRow: (q, m, _by, sql) =>
    `INSERT INTO ${q} (version_id, is_applied) VALUES (${sql.value(integerVersion(m))}, true)`,

  async forget(c, q, row) {
    await c.query(`DELETE FROM ${q} WHERE id = $1`, [row.id]);
  },
};
