import { createHash } from 'node:crypto';
import { type HistoryLayout, lineEndingForms, namer, sourceOf } from './layout.js';

/**
 * Prisma's `_prisma_migrations`: one row per attempt, named by the migration's folder, with the SHA-256 of its
 * migration.sql as written. A row with finished_at set is applied; one without is a failed migration that
 * `prisma migrate deploy` refuses to pass (P3009); rolled_back_at set takes a row out of the count, which is what
 * `prisma migrate resolve --rolled-back` does and what resolve-dirty: …=rerun does here.
 */
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const COLUMNS = '(id, checksum, finished_at, migration_name, started_at, applied_steps_count)';

export const prisma: HistoryLayout = {
  id: 'prisma',
  columns: [
    'id',
    'checksum',
    'finished_at',
    'migration_name',
    'logs',
    'rolled_back_at',
    'started_at',
    'applied_steps_count',
  ],
  marksDirty: true,
  /** Prisma accepts a checksum of the file with either line endings (script_matches_checksum). */
  checksumsOf: (m) => lineEndingForms(sourceOf(m, 'Prisma')).map((text) => `sha256:${sha256(text)}`),

  async read(c, q, migrations) {
    const name = namer('Prisma', migrations, (m) => m.name);
    const r = await c.query(
      `SELECT id, checksum, finished_at, migration_name, started_at FROM ${q} WHERE rolled_back_at IS NULL ORDER BY started_at, migration_name`,
    );
    return r.rows.map((row) => ({
      id: row.id as string,
      ...name(row.migration_name),
      checksum: `sha256:${row.checksum}`,
      appliedAt: row.finished_at ?? row.started_at,
      executionMs: row.finished_at ? row.finished_at.getTime() - row.started_at.getTime() : undefined,
      dirty: row.finished_at === null,
    }));
  },

  /** Finished now, started the run time before. */
  recordRow: (q, m, _by, sql) =>
    `INSERT INTO ${q} ${COLUMNS} VALUES (pg_catalog.gen_random_uuid()::text, ${sql.value(sha256(sourceOf(m, 'Prisma')))}, clock_timestamp(), ${sql.value(m.name)}, clock_timestamp() - make_interval(secs => (${sql.ms})::float8 / 1000), 1)`,

  async markStarted(c, q, m) {
    const r = await c.query(
      `INSERT INTO ${q} ${COLUMNS} VALUES (pg_catalog.gen_random_uuid()::text, $1, NULL, $2, now(), 0) RETURNING id`,
      [sha256(sourceOf(m, 'Prisma')), m.name],
    );
    return r.rows[0].id as string;
  },

  async finish(c, q, mark) {
    await c.query(`UPDATE ${q} SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`, [mark]);
  },

  async forget(c, q, row) {
    await c.query(`UPDATE ${q} SET rolled_back_at = now() WHERE id = $1`, [row.id]);
  },

  async setChecksum(c, q, row, m) {
    await c.query(`UPDATE ${q} SET checksum = $1 WHERE id = $2`, [sha256(sourceOf(m, 'Prisma')), row.id]);
  },
};
