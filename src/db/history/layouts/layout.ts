import { StateError } from '../../../foundation/errors.js';
import { versionFromName } from '../../../migrations/names.js';
import { LARGE_FILE } from '../../../migrations/read-file.js';
import { parseVersionText } from '../../../migrations/version.js';
import type { HistoryRow } from '../../../model/history.js';
import type { Migration } from '../../../model/migration.js';
import type { Client } from '../../session/connect.js';

/**
 * One migration tool's history table, read in place and written in the tool's own format, so the tool still agrees
 * afterwards about what is applied. Every method gets the table already schema-qualified and quoted (`q`); values
 * travel as bound parameters, but in the history row written inside a migration's transaction, where they are
 * literals escaped by node-postgres (RowSql). Only db/history/table.ts calls these.
 */
export interface HistoryLayout {
  /** How reports name the layout: `dbmate`, `flyway`, … */
  id: string;
  /** The columns the tool creates; a table is this layout when it has exactly these. */
  columns: readonly string[];
  /**
   * True when the table can mark a migration that ran outside a transaction as started and not finished (dirty,
   * success = false, finished_at NULL); without one, such a migration is recorded only once it has finished, as
   * the tool itself does.
   */
  marksDirty: boolean;
  /**
   * The tool's own checksum of a migration, in the form read() reports it, first the one this tool writes, then any
   * other the tool itself accepts for the same file (another checkout's line endings); absent when it keeps none.
   */
  checksumsOf?(m: Migration): string[];
  /** Every row, in the order the tool applied them; `migrations` (those on disk) name the rows. */
  read(c: Client, q: string, migrations: readonly Migration[]): Promise<HistoryRow[]>;
  /**
   * The one statement that records `m` as applied, writing one row: the last of its own transaction, or on its own
   * after a migration that ran outside one (db/history/table.ts writes it either way).
   */
  recordRow(q: string, m: Migration, appliedBy: string, sql: RowSql): string;
  /** Before a migration outside a transaction: marks it started; returns the mark, or undefined without marksDirty. */
  markStarted(c: Client, q: string, m: Migration, appliedBy: string): Promise<HistoryRow['id'] | undefined>;
  /** Clears a mark (markStarted's, or a dirty row's): the migration finished. */
  finish(c: Client, q: string, mark: HistoryRow['id'], executionMs: number): Promise<void>;
  /** A dirty row resolved as undone: the tool's view goes back to before the migration started. */
  forget(c: Client, q: string, row: HistoryRow, rows: readonly HistoryRow[]): Promise<void>;
  /** Replaces a row's checksum with the file's (accept-edited, rows adopted without one). */
  setChecksum?(c: Client, q: string, row: HistoryRow, m: Migration): Promise<void>;
}

/**
 * How a history row's statement writes its values and the migration's run time: inside the migration's transaction
 * as literals and the server's clock (ELAPSED_MS), outside it as bound parameters and a number of milliseconds.
 */
export interface RowSql {
  /** A value of the row, as SQL: a parameter (`$1`) or a literal. */
  value(v: string | number): string;
  /** The migration's run time in milliseconds, as SQL. */
  ms: string;
}

/** The migration's run time so far, in milliseconds, as the server sees it from the start of its transaction. */
export const ELAPSED_MS = '(extract(epoch FROM clock_timestamp() - transaction_timestamp()) * 1000)::int';

/**
 * Names a tool's recorded versions by the migrations on disk: `versionOf` is how the tool derives its version from
 * a file. A version no file has keeps its own text (the plan reports it missing). Two files the tool cannot tell
 * apart are refused: the tool itself would record one and skip the other.
 */
export function namer(tool: string, migrations: readonly Migration[], versionOf: (m: Migration) => string) {
  const byVersion = new Map<string, Migration>();
  for (const m of migrations) {
    const v = versionOf(m);
    const seen = byVersion.get(v);
    if (seen)
      throw new StateError([
        `${seen.up.file} and ${m.up.file} both have ${tool} version ${v}, so ${tool}'s history cannot tell them apart; give one of them another version`,
      ]);
    byVersion.set(v, m);
  }
  return (text: string): Pick<HistoryRow, 'name' | 'version'> => {
    const m = byVersion.get(text);
    return m
      ? { name: m.name, version: m.version }
      : { name: text, version: versionFromName(text) ?? parseVersionText(text) };
  };
}

/** A file's base name: the tools that key on file names ignore the folders above it. */
export const baseName = (file: string) => file.slice(file.lastIndexOf('/') + 1);

/** The leading digits of a file or folder name: the version of dbmate, golang-migrate, goose and sqlx. */
export function leadingDigits(m: Migration): string {
  return /^\d+/.exec(m.name)?.[0] ?? m.version.text;
}

/** The leading digits as a number, for tools that store an integer version (001 is 1). */
export const integerVersion = (m: Migration) => BigInt(leadingDigits(m)).toString();

/** For tools whose table has no place for a dirty mark: nothing to mark, so nothing to clear. */
export const WITHOUT_MARKS: Pick<HistoryLayout, 'marksDirty' | 'markStarted' | 'finish'> = {
  marksDirty: false,
  markStarted: async () => undefined,
  finish: async () => {
    throw new Error('this history table keeps no dirty mark to clear');
  },
};

/** A file's text with its line endings as another checkout would have them: as written, LF, CRLF. */
/**
 * The file as written, which the tool hashes. A large file is read in pieces (its COPY rows stay on disk), so it
 * has none in memory: refused, saying so.
 */
export function sourceOf(m: Migration, tool: string): string {
  if (m.source !== undefined) return m.source;
  throw new StateError([
    `${m.up.file}: ${tool} hashes the whole file, and pg-migration-gate reads a file over ${LARGE_FILE / 1024 / 1024} MiB in pieces, leaving its COPY rows on disk; move the rows into migrations under that size, or use pg-migration-gate's own history table`,
  ]);
}

export function lineEndingForms(text: string): string[] {
  const lf = text.replace(/\r\n?/g, '\n');
  return [...new Set([text, lf, lf.replace(/\n/g, '\r\n')])];
}
