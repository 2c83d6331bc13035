import type { Plan } from '../../migrations/make-plan.js';
import type { Client } from '../session/connect.js';
import { forgetRow, markFinished, recordApplied, setChecksum, type HistoryTable } from './table.js';

/**
 * Applies the plan's bookkeeping before any migration runs, in one transaction: accepted edits and adopted
 * rows get the file's checksum, a resolved dirty row is cleared or marked done, baseline rows are recorded.
 * Returns one sentence per change for the report.
 */
export async function settleHistory(
  client: Client,
  table: HistoryTable,
  plan: Plan,
  appliedBy: string,
): Promise<string[]> {
  const notes: string[] = [];
  for (const { migration, row } of plan.accepted) {
    await setChecksum(client, table, row, migration);
    notes.push(`accepted the edit of ${migration.up.file}: recorded checksum ${row.checksum} replaced by the file's`);
  }
  for (const { migration, row } of plan.unverified) await setChecksum(client, table, row, migration);
  if (plan.unverified.length)
    notes.push(`recorded checksums for ${plan.unverified.length} migration(s) adopted without one`);
  if (plan.resolved) {
    const { row, as } = plan.resolved;
    if (as === 'rerun')
      await forgetRow(
        client,
        table,
        row,
        plan.applied.map((a) => a.row),
      );
    else await markFinished(client, table, row.id, row.executionMs ?? 0);
    notes.push(
      `dirty migration ${row.name} resolved as ${as === 'rerun' ? 'undone: it runs again' : 'finished by hand: marked applied'}`,
    );
  }
  for (const migration of plan.baseline) await recordApplied(client, table, migration, `${appliedBy} (baseline)`);
  if (plan.baseline.length)
    notes.push(`baseline: recorded ${plan.baseline.length} migration(s) as applied without running them`);
  return notes;
}
