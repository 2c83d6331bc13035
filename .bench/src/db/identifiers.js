/** Quotes an identifier for SQL, doubling embedded quotes. */
export function quoteIdent(name) {
    return `"${name.replace(/"/g, '""')}"`;
}
/** `"schema"."table"` or `"table"`. */
export function quoteTable(t) {
    return t.schema ? `${quoteIdent(t.schema)}.${quoteIdent(t.table)}` : quoteIdent(t.table);
}
export function tableText(t) {
    return t.schema ? `${t.schema}.${t.table}` : t.table;
}
