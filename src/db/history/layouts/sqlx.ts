import { createHash } from 'node:crypto';
import type { Migration } from '../../../model/migration.js';
import { type HistoryLayout, integerVersion, namer, sourceOf } from './layout.js';

/**
 * sqlx's `_sqlx_migrations`: one row per applied migration, keyed by its integer version, with sqlx's checksum (the
 * SHA-384 of the script as written) and its run time in nanoseconds. success = false marks a migration that did
 * not finish; `sqlx migrate run` refuses to go on until the row is dealt with.
 */
const sha384 = (m: Migration) => createHash('sha384').update(sourceOf(m, 'sqlx'), 'utf8').digest('hex');
/** sqlx's description: the file name after the version, underscores read as spaces. */
const description = (m: Migration) => m.description.replace(/_/g, ' ');

export const sqlx: HistoryLayout = {
  id: 'sqlx',
  columns: ['version', 'description', 'installed_on', 'success', 'checksum', 'execution_time'],
  marksDirty: true,
  checksumsOf: (m) => [`sha384:${sha384(m)}`],

  async read(c, q, migrations) {
    const name = namer('sqlx', migrations, integerVersion);
    const r = await c.query(
      `SELECT version::text AS version, installed_on, success, encode(checksum, 'hex') AS checksum, execution_time FROM ${q} ORDER BY version`,
    );
    return r.rows.map((row) => ({
      id: row.version as string,
      ...name(row.version),
      checksum: row.checksum ? `sha384:${row.checksum}` : undefined,
      appliedAt: row.installed_on ?? undefined,
      executionMs: Number(row.execution_time) >= 0 ? Math.round(Number(row.execution_time) / 1e6) : undefined,
      dirty: row.success !== true,
    }));
  },

  /** sqlx keeps the run time in nanoseconds. */
  recordRow: (q, m, _by, sql) =>
    `INSERT INTO ${q} (version, description, success, checksum, execution_time) VALUES (${sql.value(integerVersion(m))}, ${sql.value(description(m))}, true, decode(${sql.value(sha384(m))}, 'hex'), (${sql.ms})::int8 * 1000000)`,

  async markStarted(c, q, m) {
    await c.query(
      `INSERT INTO ${q} (version, description, success, checksum, execution_time) VALUES ($1, $2, false, decode($3, 'hex'), -1)`,
      [integerVersion(m), description(m), sha384(m)],
    );
    return integerVersion(m);
  },

  async finish(c, q, mark, executionMs) {
    await c.query(`UPDATE ${q} SET success = true, execution_time = $1 WHERE version = $2`, [
      BigInt(executionMs) * 1_000_000n,
      mark,
    ]);
  },

  async forget(c, q, row) {
    await c.query(`DELETE FROM ${q} WHERE version = $1`, [row.id]);
  },

  async setChecksum(c, q, row, m) {
    await c.query(`UPDATE ${q} SET checksum = decode($1, 'hex') WHERE version = $2`, [sha384(m), row.id]);
  },
};
