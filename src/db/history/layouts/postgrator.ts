import { createHash } from 'node:crypto';
import type { Migration } from '../../../model/migration.js';
import { type HistoryLayout, integerVersion, lineEndingForms, namer, sourceOf, WITHOUT_MARKS } from './layout.js';

/**
 * postgrator's `schemaversion`: one row per applied migration, keyed by its integer version, with the name after
 * `.do.` and postgrator's md5 of the file as written, which postgrator checks before it migrates again. The row with
 * version 0 is postgrator's own start marker. No dirty mark.
 */
const md5 = (m: Migration) => createHash('md5').update(sourceOf(m, 'postgrator'), 'utf8').digest('hex');

export const postgrator: HistoryLayout = {
  id: 'postgrator',
  columns: ['version', 'name', 'md5', 'run_at'],
  ...WITHOUT_MARKS,
  /** postgrator's `newline` option hashes the file with its line endings converted: any of those forms is accepted. */
  checksumsOf: (m) =>
    lineEndingForms(sourceOf(m, 'postgrator')).map(
      (text) => `md5:${createHash('md5').update(text, 'utf8').digest('hex')}`,
    ),

  async read(c, q, migrations) {
    const name = namer('postgrator', migrations, integerVersion);
    const r = await c.query(
      `SELECT version::text AS version, md5, run_at FROM ${q} WHERE version <> 0 ORDER BY version`,
    );
    return r.rows.map((row) => ({
      id: row.version as string,
      ...name(row.version),
      checksum: row.md5 ? `md5:${row.md5}` : undefined,
      appliedAt: row.run_at ?? undefined,
      dirty: false,
    }));
  },

  recordRow: (q, m, _by, sql) =>
    `INSERT INTO ${q} (version, name, md5, run_at) VALUES (${sql.value(integerVersion(m))}, ${sql.value(m.description)}, ${sql.value(md5(m))}, now())`,

  async forget(c, q, row) {
    await c.query(`DELETE FROM ${q} WHERE version = $1`, [row.id]);
  },

  async setChecksum(c, q, row, m) {
    await c.query(`UPDATE ${q} SET md5 = $1 WHERE version = $2`, [md5(m), row.id]);
  },
};
