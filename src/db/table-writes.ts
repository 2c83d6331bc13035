import type { Client } from './connect.js';

/**
 * Per table, the rows inserted, updated and deleted since the statistics were last reset, as the cumulative
 * statistics count them (rolled-back writes included). Keyed by `schema.table`, quoted where SQL would need it.
 */
export async function tableWriteCounts(client: Client): Promise<Record<string, number>> {
  // Outside a transaction each query sees fresh statistics; this makes sure of it inside one too.
  await client.query('SELECT pg_catalog.pg_stat_clear_snapshot()');
  const r = await client.query(
    `SELECT pg_catalog.format('%I.%I', schemaname, relname) AS t, (n_tup_ins + n_tup_upd + n_tup_del)::text AS n
       FROM pg_catalog.pg_stat_user_tables ORDER BY 1`,
  );
  return Object.fromEntries(r.rows.map((row) => [row.t as string, Number(row.n)]));
}

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
export function tablesWritten(before: Record<string, number>, now: Record<string, number>, leaveOut: string[] = []): { tables: TableWrites[]; reset: boolean } {
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
