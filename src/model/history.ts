import type { Version } from './migration.js';

/** One row of the history table. */
export interface HistoryRow {
  id: number;
  name: string;
  version?: Version;
  checksum?: string;
  appliedAt: Date;
  executionMs?: number;
  appliedBy?: string;
  dirty: boolean;
}
