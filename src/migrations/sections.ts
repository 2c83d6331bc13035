import { InputError } from '../errors.js';
import type { Script } from '../model/migration.js';

export interface Sections {
  up: Script;
  down?: Script;
  noTransaction: boolean;
}

const UP_MARK = /^\s*--\s*migrate:up\b(.*)$/i;
const DOWN_MARK = /^\s*--\s*migrate:down\b(.*)$/i;
const NO_TX = /^\s*--\s*migrate:no-transaction\s*$/i;
const ROLLBACK_LINE = /^\s*--\s*ROLLBACK:\s?(.*)$/i;
const TX_FALSE = /\btransaction:\s*false\b/i;

/**
 * Splits one file into its up and down scripts. Two conventions are understood:
 * `-- migrate:up` … `-- migrate:down` … sections (dbmate's), and `-- ROLLBACK: <sql>` comment lines (the
 * numbered-file runbook's), whose SQL together forms the down script. Directives: `-- migrate:no-transaction`,
 * or dbmate's `transaction:false` on a section marker.
 */
export function splitSections(file: string, text: string): Sections {
  const lines = text.split('\n');
  let upAt = -1;
  let downAt = -1;
  let noTransaction = false;
  const rollback: { line: number; sql: string }[] = [];
  lines.forEach((line, i) => {
    const up = UP_MARK.exec(line);
    const down = DOWN_MARK.exec(line);
    if (up) {
      if (upAt >= 0) throw new InputError([`${file}:${i + 1}: a second '-- migrate:up' marker; keep exactly one`]);
      upAt = i;
      noTransaction ||= TX_FALSE.test(up[1]);
    } else if (down) {
      if (downAt >= 0) throw new InputError([`${file}:${i + 1}: a second '-- migrate:down' marker; keep exactly one`]);
      downAt = i;
      noTransaction ||= TX_FALSE.test(down[1]);
    } else if (NO_TX.test(line)) {
      noTransaction = true;
    } else {
      const rb = ROLLBACK_LINE.exec(line);
      if (rb && rb[1].trim()) rollback.push({ line: i + 1, sql: rb[1].replace(/\r$/, '') });
    }
  });

  if (downAt >= 0 && (upAt < 0 || upAt > downAt)) {
    throw new InputError([
      `${file}:${downAt + 1}: '-- migrate:down' needs a '-- migrate:up' marker before it; add '-- migrate:up' above the up script`,
    ]);
  }
  if (upAt >= 0) {
    const end = downAt >= 0 ? downAt : lines.length;
    const up = { file, sql: lines.slice(upAt + 1, end).join('\n'), startLine: upAt + 2 };
    const down = downAt >= 0 ? { file, sql: lines.slice(downAt + 1).join('\n'), startLine: downAt + 2 } : undefined;
    return { up, down, noTransaction };
  }
  const up = { file, sql: text, startLine: 1 };
  if (rollback.length === 0) return { up, noTransaction };
  // Each ROLLBACK line becomes its own line of the down script; earlier lines are padded so the down
  // script's line numbers stay those of the file.
  const first = rollback[0].line;
  const downLines: string[] = [];
  for (const r of rollback) {
    while (first + downLines.length < r.line) downLines.push('');
    downLines.push(r.sql);
  }
  return { up, down: { file, sql: downLines.join('\n'), startLine: first }, noTransaction };
}
