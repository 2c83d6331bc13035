const IDENT = /^[A-Za-z_][A-Za-z0-9_$]*$/;
/**
 * Parses `schema_migrations` or `ops.schema_migrations`. Only plain identifiers are accepted, so a value
 * carrying SQL is refused here; the name is also always quoted where it is used.
 */
export function parseTableName(value) {
    const parts = value.trim().split('.');
    const bad = parts.length > 2 || parts.some((p) => !IDENT.test(p) || Buffer.byteLength(p) > 63);
    if (bad) {
        return `history-table: '${value}' is not a table name; use letters, digits and underscores, optionally schema-qualified (e.g. ops.schema_migrations)`;
    }
    return parts.length === 2 ? { schema: parts[0], table: parts[1] } : { table: parts[0] };
}
