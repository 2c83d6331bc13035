import type { Migration } from '../../../model/migration.js';
import { namer, WITHOUT_MARKS, type HistoryLayout } from './layout.js';

/**
 * node-pg-migrate's `pgmigrations`: one row per applied migration, named by its file name without the extension,
 * inserted in the migration's transaction; `node-pg-migrate down` deletes it. No checksum, no dirty mark.
 */
const nameOf = (m: Migration) => m.name.replace(/\.sql$/, '');

export const nodePgMigrate: HistoryLayout = {
  id: 'node-pg-migrate',
  columns: ['id', 'name', 'run_on'],
  ...WITHOUT_MARKS,

  async read(c, q, migrations) {
    const name = namer('node-pg-migrate', migrations, nameOf);
    const r = await c.query(`SELECT id, name, run_on::timestamptz AS run_on FROM ${q} ORDER BY run_on, id`);
    return r.rows.map((row) => ({
      id: Number(row.id),
      ...name(row.name),
      appliedAt: row.run_on ?? undefined,
      dirty: false,
    }));
  },

  recordRow: (q, m, _by, sql) => `INSERT INTO ${q} (name, run_on) VALUES (${sql.value(nameOf(m))}, now())`,

  async forget(c, q, row) {
    await c.query(`DELETE FROM ${q} WHERE id = $1`, [row.id]);
  },
};
