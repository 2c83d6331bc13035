import type { Migration } from '../../../model/migration.js';
import { namer, WITHOUT_MARKS, type HistoryLayout } from './layout.js';

/**
 * diesel's `__diesel_schema_migrations`: one row per applied migration, keyed by its folder name up to the first
 * `_` with the dashes taken out (`2024-01-19-143000_add_prefs` is `20240119143000`), inserted in the migration's
 * transaction. diesel keeps no checksum and no dirty mark.
 */
const versionOf = (m: Migration) => m.name.split('_')[0].replace(/-/g, '');

export const diesel: HistoryLayout = {
  id: 'diesel',
  columns: ['version', 'run_on'],
  ...WITHOUT_MARKS,

  async read(c, q, migrations) {
    const name = namer('diesel', migrations, versionOf);
    const r = await c.query(`SELECT version, run_on::timestamptz AS run_on FROM ${q} ORDER BY version`);
    return r.rows.map((row) => ({
      id: row.version as string,
      ...name(row.version),
      appliedAt: row.run_on ?? undefined,
      dirty: false,
    }));
  },

  recordRow: (q, m, _by, sql) => `INSERT INTO ${q} (version) VALUES (${sql.value(versionOf(m))})`,

  async forget(c, q, row) {
    await c.query(`DELETE FROM ${q} WHERE version = $1`, [row.id]);
  },
};
