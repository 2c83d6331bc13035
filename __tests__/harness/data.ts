import type { ScratchDb } from './db.js';

/** Row count and an md5 of every row of every user table, in a stable order: equal data gives equal results. */
export async function tableChecksums(db: ScratchDb): Promise<Record<string, string>> {
  const tables = await db.query(
    `SELECT format('%I.%I', schemaname, tablename) AS t FROM pg_tables
      WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1`,
  );
  const out: Record<string, string> = {};
  for (const { t } of tables.rows) {
    const r = await db.query(
      `SELECT count(*) AS n, coalesce(md5(string_agg(x::text, '|' ORDER BY x::text)), '') AS h FROM ${t} x`,
    );
    out[t] = `${r.rows[0].n} rows ${r.rows[0].h}`;
  }
  return out;
}
