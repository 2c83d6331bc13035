import type { Client } from '../session/connect.js';

/**
 * Per table, the rows inserted, updated and deleted since the statistics were last reset, as the cumulative
 * statistics count them (rolled-back writes included). Keyed by `schema.table`, quoted where SQL would need it.
 */
export async function tableWriteCounts(client: Client): Promise<Record<string, number>> {
  await settledStatistics(client);
  const r = await client.query(
    `SELECT pg_catalog.format('%I.%I', schemaname, relname) AS t, (n_tup_ins + n_tup_upd + n_tup_del)::text AS n
       FROM pg_catalog.pg_stat_user_tables ORDER BY 1`,
  );
  return Object.fromEntries(r.rows.map((row) => [row.t as string, Number(row.n)]));
}

/**
 * Makes the next statistics read fresh. Outside a transaction each query sees fresh statistics; clearing the
 * snapshot makes sure of it inside one too. Before PostgreSQL 15 they reach the server through a collector
 * process, asynchronously: what a session sent as it committed or disconnected shows only in a statistics file
 * the collector wrote after receiving it, and a read may get a file half a second old. There, this waits (up to
 * 5 s) for a file written a margin after the call began.
 */
async function settledStatistics(client: Client): Promise<void> {
  const clear = () => client.query('SELECT pg_catalog.pg_stat_clear_snapshot()');
  const r = await client.query(
    `SELECT current_setting('server_version_num')::int AS v, pg_catalog.clock_timestamp() + interval '${COLLECTOR_MARGIN_MS} ms' AS after`,
  );
  await clear();
  if (r.rows[0].v >= 150000) return;
  const deadline = Date.now() + 5000;
  for (;;) {
    const fresh = await client.query('SELECT pg_catalog.pg_stat_get_snapshot_timestamp() >= $1::timestamptz AS ok', [
      r.rows[0].after,
    ]);
    if (fresh.rows[0].ok || Date.now() >= deadline) return clear().then(() => undefined);
    await clear();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Time for a session that just ended to have sent its last counts to the collector (PostgreSQL 13 and 14). */
const COLLECTOR_MARGIN_MS = 300;

/** A table of the backup whose write counter moved since: the restore replaces its rows. */
export interface TableWrites {
  table: string;
  /** Rows inserted, updated or deleted in between. */
  rows: number;
}

/**
 * The tables that existed at `before` and were written since, most written first. Tables created since are left
 * out: a restore does not touch them. A counter that went down means the statistics were reset (a crash,
 * pg_stat_reset()): `reset` says so, and such tables cannot be judged.
 */
export function tablesWritten(
  before: Record<string, number>,
  now: Record<string, number>,
  leaveOut: string[] = [],
): { tables: TableWrites[]; reset: boolean } {
  const tables: TableWrites[] = [];
  let reset = false;
  for (const [table, was] of Object.entries(before)) {
    const n = now[table];
    if (n === undefined || leaveOut.includes(table)) continue;
    if (n < was) reset = true;
    else if (n > was) tables.push({ table, rows: n - was });
  }
  return { tables: tables.sort((a, b) => b.rows - a.rows || a.table.localeCompare(b.table)), reset };
}
