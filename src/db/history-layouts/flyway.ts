import { crc32 } from 'node:zlib';
import { compareVersions, makeVersion, versionId } from '../../migrations/version.js';
import type { HistoryRow } from '../../model/history.js';
import type { Migration } from '../../model/migration.js';
import { ELAPSED_MS, namer, type HistoryLayout } from './layout.js';

/**
 * Flyway's `flyway_schema_history`: one row per run, ranked by installed_rank. A versioned migration's row carries
 * Flyway's checksum (a CRC32 of the script's lines without their line breaks, as a signed integer) and success; a
 * failed migration outside a transaction stays as success = false until `flyway repair`. A BASELINE row stands for
 * every version up to its own, unchecked, as Flyway treats it. Repeatable migrations have no version.
 */
const checksumOf = (m: Migration) => `crc32:${crc32Of(m.up.sql)}`;

/** Flyway's checksum: lines read as Java's readLine reads them, the BOM dropped, CRC32 of their UTF-8 bytes. */
export function crc32Of(sql: string): number {
  return crc32(Buffer.from(sql.replace(/^\uFEFF/, '').replace(/\r\n|\r|\n/g, ''), 'utf8')) | 0;
}

const versionKey = (m: Migration) => versionId(m.version);
/** Flyway's description: the file's after `__`, underscores read as spaces. */
const description = (m: Migration) => m.description.replace(/_/g, ' ');
const COLUMNS = '(installed_rank, version, description, type, script, checksum, installed_by, execution_time, success)';
const NEXT_RANK = (q: string) => `(SELECT coalesce(max(installed_rank), 0) + 1 FROM ${q})`;

export const flyway: HistoryLayout = {
  id: 'flyway',
  columns: ['installed_rank', 'version', 'description', 'type', 'script', 'checksum', 'installed_by', 'installed_on', 'execution_time', 'success'],
  marksDirty: true,
  checksumOf,

  async read(c, q, migrations) {
    const name = namer('Flyway', migrations, versionKey);
    const r = await c.query(
      `SELECT installed_rank, version, type, checksum, installed_by, installed_on, execution_time, success FROM ${q}
        WHERE version IS NOT NULL ORDER BY installed_rank`,
    );
    const rows: HistoryRow[] = [];
    for (const row of r.rows) {
      const v = makeVersion(row.version, true);
      if (row.type === 'BASELINE') {
        for (const m of migrations.filter((m) => compareVersions(m.version, v) <= 0)) {
          rows.push({ id: row.installed_rank, name: m.name, version: m.version, checksum: checksumOf(m), appliedAt: row.installed_on, dirty: false });
        }
        continue;
      }
      rows.push({
        id: row.installed_rank,
        ...name(versionId(v)),
        checksum: row.checksum === null ? undefined : `crc32:${row.checksum}`,
        appliedAt: row.installed_on ?? undefined,
        executionMs: row.execution_time ?? undefined,
        appliedBy: row.installed_by ?? undefined,
        dirty: row.success !== true,
      });
    }
    return rows;
  },

  recordSql: (q, m, appliedBy, lit) => [
    `INSERT INTO ${q} ${COLUMNS} VALUES (${NEXT_RANK(q)}, ${lit(m.version.text)}, ${lit(description(m))}, 'SQL', ${lit(m.up.file)}, ${crc32Of(m.up.sql)}, left(${lit(appliedBy)}, 100), ${ELAPSED_MS}, true)`,
  ],

  async markStarted(c, q, m, appliedBy) {
    const r = await c.query(`INSERT INTO ${q} ${COLUMNS} VALUES (${NEXT_RANK(q)}, $1, $2, 'SQL', $3, $4, left($5, 100), 0, false) RETURNING installed_rank`, [
      m.version.text,
      description(m),
      m.up.file,
      crc32Of(m.up.sql),
      appliedBy,
    ]);
    return Number(r.rows[0].installed_rank);
  },

  async finish(c, q, mark, executionMs) {
    await c.query(`UPDATE ${q} SET success = true, execution_time = $1 WHERE installed_rank = $2`, [executionMs, mark]);
  },

  async recordApplied(c, q, m, appliedBy, executionMs) {
    await c.query(`INSERT INTO ${q} ${COLUMNS} VALUES (${NEXT_RANK(q)}, $1, $2, 'SQL', $3, $4, left($5, 100), $6, true)`, [
      m.version.text,
      description(m),
      m.up.file,
      crc32Of(m.up.sql),
      appliedBy,
      executionMs,
    ]);
  },

  /** As `flyway repair` does with a failed row. */
  async forget(c, q, row) {
    await c.query(`DELETE FROM ${q} WHERE installed_rank = $1`, [row.id]);
  },

  /** As `flyway repair` realigns a checksum. */
  async setChecksum(c, q, row, m) {
    await c.query(`UPDATE ${q} SET checksum = $1 WHERE installed_rank = $2`, [crc32Of(m.up.sql), row.id]);
  },
};
