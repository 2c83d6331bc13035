import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { XidSnapshot } from '../db/session/xid-snapshot.js';
import type { RecordedCatalog } from './catalog-changes.js';
import { InputError } from '../foundation/errors.js';
import { describeValue, metadataProblems } from './metadata-schema.js';

/** What is known about a backup, written beside the dump as `<dump>.json`. */
export interface BackupMetadata {
  format: 'pg-migration-gate-backup/1';
  /** The dump's file name (beside this file). */
  file: string;
  sha256: string;
  size: number;
  /** host:port/database the dump was taken from; never credentials. */
  database: string;
  serverVersion: string;
  pgDumpVersion: string;
  createdAt: string;
  historyTable: string;
  /** The newest migration recorded in the history table when the dump was taken. */
  lastApplied?: { version: string; name: string };
  /** The plan the backup was taken for, when a gated apply took it. */
  planHash?: string;
  /** Entries in the dump's table of contents (pg_restore --list). */
  entries: number;
  /** Set when the uploaded copy is encrypted: `<file>.age`, and its own sha256. */
  encryption?: { format: 'age'; file: string; sha256: string };
  // What restore checks its target against. Absent from metadata written before they were recorded: restore then
  // compares the database name only, and cannot tell what was written since.
  /** The database's name and oid, and its server's system identifier when the role could read it. */
  databaseName?: string;
  databaseOid?: number;
  systemIdentifier?: string;
  /**
   * The transaction snapshot the dump stands for, read just before pg_dump took its own: whatever committed
   * after it may be missing from the dump. (A transaction that committed in the moment between the two is in
   * the dump but counts as after it: the check errs on the side of refusing.)
   */
  snapshot?: XidSnapshot;
  /** Per table, rows inserted + updated + deleted by then (pg_stat_user_tables), to name the tables written since. */
  tableWrites?: Record<string, number>;
  /** The catalog at the dump's snapshot (db/catalog/catalog-state.ts): per entry, its hash and what it is. */
  catalog?: RecordedCatalog;
}

export const metadataPath = (dump: string) => `${dump}.json`;

export function writeMetadata(dump: string, m: BackupMetadata): string {
  const path = metadataPath(dump);
  writeFileSync(path, `${JSON.stringify(m, null, 2)}\n`);
  return path;
}

export function readMetadata(dump: string): BackupMetadata {
  const path = metadataPath(dump);
  if (!existsSync(path)) {
    throw new InputError([
      `${path}: the backup's metadata file is missing; restore needs it to check the dump's sha256 before touching the database (keep ${path.split('/').pop()} beside the dump)`,
    ]);
  }
  let m: unknown;
  try {
    m = JSON.parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    throw new InputError(
      [
        `${path}: the backup's metadata file cannot be read as JSON (${(cause as Error).message}); use the .json file written beside the dump`,
      ],
      { cause },
    );
  }
  if ((m as BackupMetadata | null)?.format !== 'pg-migration-gate-backup/1') {
    throw new InputError([
      `${path}: not a pg-migration-gate backup metadata file (it holds ${describeValue(m)}${typeof m === 'object' && m !== null && !Array.isArray(m) ? ` with format ${describeValue((m as { format?: unknown }).format)}` : ''}, expected format 'pg-migration-gate-backup/1'); nothing was restored`,
    ]);
  }
  // Restore decides on these fields (the sha256, the snapshot, the write counters): one of the wrong type must not
  // read as "not recorded", so the file is refused whole.
  const problems = metadataProblems(m);
  if (problems.length) {
    const shown = problems
      .slice(0, MAX_SHOWN)
      .map((p) => `${path}: field ${p.field} holds ${p.holds}, expected ${p.expected}; nothing was restored`);
    if (problems.length > MAX_SHOWN)
      shown.push(`${path}: and ${problems.length - MAX_SHOWN} more field(s) not as a backup writes them`);
    shown.push(
      `${path}: the backup's metadata is damaged or was edited; use the .json file written beside the dump when the backup was taken`,
    );
    throw new InputError(shown);
  }
  return m as BackupMetadata;
}

/** Field problems listed one by one at most; the rest are counted. */
const MAX_SHOWN = 20;
