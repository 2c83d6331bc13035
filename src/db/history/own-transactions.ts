import type { Client } from '../session/connect.js';
import type { HistoryTable } from './table.js';
import { quoteTable } from '../session/identifiers.js';
import { currentSnapshot, XID32, type XidSnapshot } from '../session/xid-snapshot.js';

/**
 * The transactions a run committed since `since`, as far as their traces tell: every transactional migration
 * writes its history row inside its own transaction, so the row's xmin is that transaction; our own inserts and
 * updates of rows (dirty marks, checksums, baseline rows) leave theirs the same way; creating or adopting the
 * history table leaves its xmin on the table's catalog rows. Returns 32-bit ids (what xmin holds), only those
 * young enough to be since `since`.
 *
 * What leaves no trace is not found: the transactions a migration outside a transaction ran on its own, a
 * history row deleted (resolve-dirty: rerun), the first mark of a row updated since. Their owners count them as
 * someone else's.
 */
export async function ownTransactions(client: Client, history: HistoryTable, since: XidSnapshot): Promise<Set<number>> {
  const table = quoteTable(history);
  const exists = (await client.query('SELECT pg_catalog.to_regclass($1) IS NOT NULL AS e', [table])).rows[0].e;
  if (!exists) return new Set();
  const now = await currentSnapshot(client);
  // age(xmin) counts back from the next id: anything at or after since.xmin is at most this old (plus the ids
  // handed out while this runs).
  const maxAge = Math.min(Number(BigInt(now.next ?? now.xmax) - BigInt(since.xmin)) + 10_000, 2 ** 31 - 1);
  const r = await client.query(
    `SELECT DISTINCT (x::text::int8 % ${XID32}) AS x FROM (
       SELECT h.xmin AS x FROM ${table} h
       UNION ALL SELECT c.xmin FROM pg_catalog.pg_class c WHERE c.oid = $1::regclass
       UNION ALL SELECT a.xmin FROM pg_catalog.pg_attribute a WHERE a.attrelid = $1::regclass
       UNION ALL SELECT n.xmin FROM pg_catalog.pg_namespace n WHERE n.nspname = $2
     ) t WHERE pg_catalog.age(x) <= $3`,
    [table, history.schema, maxAge],
  );
  return new Set(r.rows.map((row) => Number(row.x)));
}
