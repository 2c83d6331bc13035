import type { Version } from './migration.js';

/** One row of the history table, in whichever tool's layout it is kept. */
export interface HistoryRow {
  /** The row's key in its table: an id, a rank, a version or a uuid, by layout. */
  id: number | string;
  name: string;
  version?: Version;
  checksum?: string;
  appliedAt?: Date;
  executionMs?: number;
  appliedBy?: string;
  dirty: boolean;
}
