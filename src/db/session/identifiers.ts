import type { TableName } from '../../config/history-table.js';

/** Quotes an identifier for SQL, doubling embedded quotes. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** `"schema"."table"` or `"table"`. */
export function quoteTable(t: TableName): string {
  return t.schema ? `${quoteIdent(t.schema)}.${quoteIdent(t.table)}` : quoteIdent(t.table);
}

export function tableText(t: TableName): string {
  return t.schema ? `${t.schema}.${t.table}` : t.table;
}
