/**
 * The layouts a migrations folder can follow; one folder uses exactly one. `folder-migration-sql` is Prisma's and
 * drizzle-kit's folder per migration holding one `migration.sql`.
 */
export type Layout = 'single-file' | 'flyway' | 'up-down-files' | 'folder-per-migration' | 'folder-migration-sql';

/** A version as written in a name, plus the numeric key that orders it. */
export interface Version {
  /** As written: `20240119_143000`, `001`, `1.2`, `2019-02-26-002946`. */
  text: string;
  /** Numeric segments; compared as numbers, never as strings. */
  key: bigint[];
}

/** A script on disk: where it came from and its text. */
export interface Script {
  /** Path relative to the migrations folder, with forward slashes. */
  file: string;
  /** The script's text, line endings as on disk; for a large file, without the COPY rows `elided` names. */
  sql: string;
  /** 1-based line in `file` where `sql` starts (for sections of a larger file). */
  startLine: number;
  /** A large file's COPY rows, left on disk (large-file.ts), in file order. */
  elided?: RowsOnDisk[];
}

/** The rows of one `COPY … FROM stdin` block left in the file, read when the statement runs. */
export interface RowsOnDisk {
  /** The file (absolute path) and the byte range the rows take in it, up to the end-of-data line. */
  path: string;
  from: number;
  to: number;
  /** 0-based line of the script's `sql` where the rows were: its end-of-data line, right after the COPY. */
  line: number;
  /** How many lines of the file the rows take. */
  lines: number;
}

/** One migration found in the folder. */
export interface Migration {
  version: Version;
  /** The name recorded in the history table's `migration_name`. */
  name: string;
  /** Human description taken from the name (`add_prefs`). */
  description: string;
  up: Script;
  down?: Script;
  /** `sha256:<hex>` of the up script with line endings normalised to LF. */
  checksum: string;
  /**
   * The up script's file, whole, as written (byte-order mark and line endings kept): what other tools hash.
   * Absent for a large file, which is read in pieces.
   */
  source?: string;
  /**
   * True when the file asks to run outside a transaction: `-- migrate:no-transaction`, dbmate's `transaction:false`
   * or goose's `-- +goose NO TRANSACTION`.
   */
  noTransactionDirective: boolean;
}

export interface Discovery {
  layout: Layout | 'empty';
  migrations: Migration[];
}
