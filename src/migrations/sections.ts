import { InputError } from '../foundation/errors.js';
import type { RowsOnDisk, Script } from '../model/migration.js';
import { dbmateMarkers, gooseMarkers, nodePgMigrateMarkers, sqlxMarkers, type Marker } from './markers.js';

export interface Sections {
  up: Script;
  down?: Script;
  noTransaction: boolean;
}

const ROLLBACK_LINE = /^\s*--\s*ROLLBACK:\s?(.*)$/i;

/**
 * Splits one file into its up and down scripts, and reads its no-transaction markers (sqlx's included). Three
 * section conventions are understood: dbmate's `-- migrate:up` … `-- migrate:down` sections, goose's `-- +goose Up` … `-- +goose Down` (see markers.ts), and `-- ROLLBACK: <sql>`
 * comment lines (the numbered-file runbook's), whose SQL together forms the down script. Each section keeps the
 * line it starts at, so statements are reported at their lines in the file.
 */
export function splitSections(file: string, text: string, elided?: RowsOnDisk[]): Sections {
  const lines = text.split('\n');
  // A large file's text lacks its COPY rows: its line k is the file's line toFile(k), and a section keeps the rows
  // inside it.
  const toFile = (k: number) => k + (elided ?? []).reduce((n, e) => (e.line < k ? n + e.lines : n), 0);
  const rows = (from: number, to = Infinity) => {
    const inside = (elided ?? [])
      .filter((e) => e.line >= from && e.line < to)
      .map((e) => ({ ...e, line: e.line - from }));
    return inside.length ? { elided: inside } : {};
  };
  const markers = [
    ...dbmateMarkers(lines),
    ...gooseMarkers(file, lines),
    ...nodePgMigrateMarkers(lines),
    ...sqlxMarkers(lines),
  ];
  const conventions = [...new Set(markers.filter((m) => m.section).map((m) => m.convention))];
  if (conventions.length > 1) {
    throw new InputError([
      `${file}: mixes ${conventions.map((c) => `'${c.up}'`).join(' and ')} section markers; keep one convention`,
    ]);
  }
  const noTransaction = markers.some((m) => m.noTransaction);
  const up = only(file, markers, 'up', toFile);
  const down = only(file, markers, 'down', toFile);
  if (down && (!up || up.line > down.line)) {
    const { convention } = down;
    throw new InputError([
      `${file}:${toFile(down.line)}: '${convention.down}' needs a '${convention.up}' marker before it; add '${convention.up}' above the up script`,
    ]);
  }
  if (up) {
    refuseSqlAbove(file, lines, up);
    const end = down ? down.line - 1 : lines.length;
    return {
      up: { file, sql: lines.slice(up.line, end).join('\n'), startLine: toFile(up.line + 1), ...rows(up.line, end) },
      down: down && {
        file,
        sql: lines.slice(down.line).join('\n'),
        startLine: toFile(down.line + 1),
        ...rows(down.line),
      },
      noTransaction,
    };
  }
  return {
    up: { file, sql: text, startLine: 1, ...rows(0) },
    down: rollbackScript(file, lines, toFile),
    noTransaction,
  };
}

/** The one marker opening a section, refusing a second. */
function only(
  file: string,
  markers: Marker[],
  section: 'up' | 'down',
  toFile: (line: number) => number,
): Marker | undefined {
  const found = markers.filter((m) => m.section === section).sort((a, b) => a.line - b.line);
  if (found.length > 1) {
    throw new InputError([
      `${file}:${toFile(found[1].line)}: a second '${found[1].convention[section]}' marker; keep exactly one`,
    ]);
  }
  return found[0];
}

/** Statements above the up marker would never run; dbmate and goose both refuse them, and so do we. */
function refuseSqlAbove(file: string, lines: string[], up: Marker): void {
  const stray = lines.slice(0, up.line - 1).findIndex((l) => l.trim() !== '' && !l.trim().startsWith('--'));
  if (stray >= 0) {
    throw new InputError([
      `${file}:${stray + 1}: SQL above '${up.convention.up}' would never run; move it below the marker or delete it`,
    ]);
  }
}

/**
 * The `-- ROLLBACK:` lines as a down script. Each becomes its own line of the script; earlier lines are padded so
 * the down script's line numbers stay those of the file.
 */
function rollbackScript(file: string, lines: string[], toFile: (line: number) => number): Script | undefined {
  const rollback = lines.flatMap((line, i) => {
    const rb = ROLLBACK_LINE.exec(line);
    return rb && rb[1].trim() ? [{ line: toFile(i + 1), sql: rb[1].replace(/\r$/, '') }] : [];
  });
  if (rollback.length === 0) return undefined;
  const first = rollback[0].line;
  const downLines: string[] = [];
  for (const r of rollback) {
    while (first + downLines.length < r.line) downLines.push('');
    downLines.push(r.sql);
  }
  return { file, sql: downLines.join('\n'), startLine: first };
}
