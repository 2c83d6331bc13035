import { crc32 } from 'node:zlib';
import { compareVersions, makeVersion, versionId } from '../../../migrations/version.js';
import type { HistoryRow } from '../../../model/history.js';
import type { Migration } from '../../../model/migration.js';
import { type HistoryLayout, namer, sourceOf } from './layout.js';

/**
 * Flyway's `flyway_schema_history`: one row per event, ranked by installed_rank, the latest row of a version
 * deciding its state. A migration's row carries Flyway's checksum (a CRC32 of the file's lines without their line
 * breaks, as a signed integer) and success; a failed migration outside a transaction stays success = false until
 * `flyway repair`. A BASELINE row stands for every version up to its own, unchecked; `flyway repair` marks a
 * missing migration with a DELETE row and Teams' `flyway undo` adds UNDO rows, both taking the version out.
 * Repeatable migrations (no version) are not read: R__ files are refused before anything runs.
 */
const checksumOf = (m: Migration) => `crc32:${crc32Of(sourceOf(m, 'Flyway'))}`;

/** Flyway's checksum: lines read as Java's readLine reads them, the BOM dropped, CRC32 of their UTF-8 bytes. */
export function crc32Of(sql: string): number {
  return crc32(Buffer.from(sql.replace(/^\uFEFF/, '').replace(/\r\n|\r|\n/g, ''), 'utf8')) | 0;
}

/** Flyway's AbbreviationUtils: a description over 200 characters keeps 197 and `...`; a script path keeps its end. */
const description = (m: Migration) => {
  const d = m.description.replace(/_/g, ' ');
  return d.length <= 200 ? d : `${d.slice(0, 197)}...`;
};
const script = (m: Migration) => (m.up.file.length <= 1000 ? m.up.file : `...${m.up.file.slice(-997)}`);
const COLUMNS = '(installed_rank, version, description, type, script, checksum, installed_by, execution_time, success)';
const NEXT_RANK = (q: string) => `(SELECT coalesce(max(installed_rank), 0) + 1 FROM ${q})`;
const values = (m: Migration) => [m.version.text, description(m), script(m), crc32Of(sourceOf(m, 'Flyway'))];

export const flyway: HistoryLayout = {
  id: 'flyway',
  columns: [
    'installed_rank',
    'version',
    'description',
    'type',
    'script',
    'checksum',
    'installed_by',
    'installed_on',
    'execution_time',
    'success',
  ],
  marksDirty: true,
  checksumsOf: (m) => [checksumOf(m)],

  async read(c, q, migrations) {
    const name = namer('Flyway', migrations, (m) => versionId(m.version));
    const r = await c.query(
      `SELECT installed_rank, version, type, checksum, installed_by, installed_on::timestamptz AS installed_on, execution_time, success
         FROM ${q} WHERE version IS NOT NULL AND type <> 'SCHEMA' ORDER BY installed_rank`,
    );
    const latest = new Map<string, HistoryRow>();
    for (const row of r.rows) {
      const v = makeVersion(row.version, true);
      const key = versionId(v);
      if (row.type === 'DELETE' || String(row.type).startsWith('UNDO')) latest.delete(key);
      else if (row.type === 'BASELINE') {
        for (const m of migrations.filter((m) => compareVersions(m.version, v) <= 0)) {
          latest.set(versionId(m.version), {
            id: row.installed_rank,
            name: m.name,
            version: m.version,
            checksum: checksumOf(m),
            appliedAt: row.installed_on,
            dirty: false,
          });
        }
      } else {
        latest.set(key, {
          id: row.installed_rank,
          ...name(key),
          checksum: row.checksum === null ? undefined : `crc32:${row.checksum}`,
          appliedAt: row.installed_on ?? undefined,
          executionMs: row.execution_time ?? undefined,
          appliedBy: row.installed_by ?? undefined,
          dirty: row.success !== true,
        });
      }
    }
    return [...latest.values()].sort((a, b) => Number(a.id) - Number(b.id));
  },

  recordRow(q, m, appliedBy, sql) {
    const [version, desc, file, sum] = values(m).map(sql.value);
    return `INSERT INTO ${q} ${COLUMNS} VALUES (${NEXT_RANK(q)}, ${version}, ${desc}, 'SQL', ${file}, ${sum}, left(${sql.value(appliedBy)}, 100), ${sql.ms}, true)`;
  },

  async markStarted(c, q, m, appliedBy) {
    const r = await c.query(
      `INSERT INTO ${q} ${COLUMNS} VALUES (${NEXT_RANK(q)}, $1, $2, 'SQL', $3, $4, left($5, 100), 0, false) RETURNING installed_rank`,
      [...values(m), appliedBy],
    );
    return Number(r.rows[0].installed_rank);
  },

  async finish(c, q, mark, executionMs) {
    await c.query(`UPDATE ${q} SET success = true, execution_time = $1 WHERE installed_rank = $2`, [executionMs, mark]);
  },

  /** As `flyway repair` does with a failed row. */
  async forget(c, q, row) {
    await c.query(`DELETE FROM ${q} WHERE installed_rank = $1`, [row.id]);
  },

  /** As `flyway repair` realigns a checksum. */
  async setChecksum(c, q, row, m) {
    await c.query(`UPDATE ${q} SET checksum = $1 WHERE installed_rank = $2`, [crc32Of(sourceOf(m, 'Flyway')), row.id]);
  },
};
