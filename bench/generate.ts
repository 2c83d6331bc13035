import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * How each file carries its transaction: `begin-commit`, the file's own BEGIN … COMMIT (the convention of plain
 * folders, which psql and this tool run as one transaction); `dbmate`, a `-- migrate:up` section without one (dbmate
 * wraps it); `bare`, the statements alone (node-pg-migrate wraps them). The statements are the same in all three.
 */
export type Wrapping = 'begin-commit' | 'dbmate' | 'bare';

/**
 * Writes a folder of realistic migrations named in the timestamped convention: tables with foreign keys, added
 * columns, indexes, a view, a function with its trigger, a data backfill. `withDown` adds dbmate's sections around
 * the BEGIN … COMMIT files, with a down script each. Returns the folder.
 */
export function generateMigrations(
  count: number,
  opts: { withDown?: boolean; dir?: string; offset?: number; wrapping?: Wrapping } = {},
): { dir: string; files: string[] } {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'pmg-bench-'));
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  const start = Date.UTC(2024, 0, 1);
  let tables = 0;
  const offset = opts.offset ?? 0;
  for (let i = offset; i < offset + count; i++) {
    const stamp = new Date(start + i * 3_600_000).toISOString().replace(/[-:]/g, '').replace('T', '_').slice(0, 15);
    const kind = i % 6;
    let body: string;
    let down: string;
    let name: string;
    if (kind === 0 || tables === 0) {
      tables++;
      name = `create_table_${tables}`;
      const ref = tables > 1 ? `,\n    parent_id BIGINT REFERENCES t_${tables - 1}(id) ON DELETE CASCADE` : '';
      body = `CREATE TABLE IF NOT EXISTS t_${tables} (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'active',
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()${ref}
);
INSERT INTO t_${tables} (name) SELECT 'row ' || g FROM generate_series(1, 200) AS g;`;
      down = `DROP TABLE IF EXISTS t_${tables};`;
    } else if (kind === 1) {
      name = `add_columns_${i}`;
      body = `ALTER TABLE t_${tables} ADD COLUMN IF NOT EXISTS note_${i} TEXT;
ALTER TABLE t_${tables} ADD COLUMN IF NOT EXISTS score_${i} INTEGER NOT NULL DEFAULT 0;`;
      down = `ALTER TABLE t_${tables} DROP COLUMN IF EXISTS note_${i}, DROP COLUMN IF EXISTS score_${i};`;
    } else if (kind === 2) {
      name = `index_${i}`;
      body = `CREATE INDEX IF NOT EXISTS idx_t_${tables}_status_${i} ON t_${tables} (status, created_at);`;
      down = `DROP INDEX IF EXISTS idx_t_${tables}_status_${i};`;
    } else if (kind === 3) {
      name = `view_${i}`;
      body = `CREATE OR REPLACE VIEW v_${i} AS SELECT id, name, status FROM t_${tables} WHERE status = 'active';`;
      down = `DROP VIEW IF EXISTS v_${i};`;
    } else if (kind === 4) {
      name = `trigger_${i}`;
      body = `CREATE OR REPLACE FUNCTION touch_${i}() RETURNS trigger AS $$
BEGIN
    NEW.created_at := now();
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS trg_${i} ON t_${tables};
CREATE TRIGGER trg_${i} BEFORE UPDATE ON t_${tables} FOR EACH ROW EXECUTE FUNCTION touch_${i}();`;
      down = `DROP TRIGGER IF EXISTS trg_${i} ON t_${tables};\nDROP FUNCTION IF EXISTS touch_${i}();`;
    } else {
      name = `backfill_${i}`;
      body = `UPDATE t_${tables} SET status = 'archived' WHERE id % 10 = 0;
ALTER TABLE t_${tables} ADD CONSTRAINT t_${tables}_status_${i} CHECK (status IN ('active', 'archived'));`;
      down = `ALTER TABLE t_${tables} DROP CONSTRAINT IF EXISTS t_${tables}_status_${i};`;
    }
    // dbmate's version is the digits before the first underscore: one per file.
    const file = `${opts.wrapping === 'dbmate' ? stamp.replace('_', '') : stamp}_${name}.sql`;
    const up = `BEGIN;\n\n${body}\n\nCOMMIT;\n`;
    const wrapping = opts.wrapping ?? 'begin-commit';
    const text = opts.withDown
      ? `-- migrate:up\n${up}\n-- migrate:down\nBEGIN;\n${down}\nCOMMIT;\n`
      : { 'begin-commit': up, dbmate: `-- migrate:up\n${body}\n\n-- migrate:down\n${down}\n`, bare: `${body}\n` }[
          wrapping
        ];
    writeFileSync(join(dir, file), `-- Migration: ${name}\n-- Description: generated for the benchmark\n\n${text}`);
    files.push(file);
  }
  return { dir, files };
}
