/** A history table name, split into schema and table, each as PostgreSQL itself names it (after case folding). */
export interface TableName {
  schema?: string;
  table: string;
}

/**
 * One identifier as PostgreSQL reads it: `"Quoted ""name"""` keeps its case and may hold any character but NUL;
 * an unquoted one is letters, digits, `_` and `$` (not first) and folds to lower case, ASCII letters only, as
 * the server's downcase_identifier does for UTF-8.
 */
const PART = /^(?:"((?:[^"\0]|"")+)"|([A-Za-z_\u0080-\uffff][A-Za-z0-9_$\u0080-\uffff]*))/;

/**
 * Parses `schema_migrations`, `ops.schema_migrations` or `"Ops"."Migrations"`, following PostgreSQL's rules, so
 * `Schema_Migrations` names the table that `CREATE TABLE Schema_Migrations` created. Anything else, SQL
 * included, is refused here; the name is also always quoted where it is used.
 */
export function parseTableName(value: string): TableName | string {
  const parts: string[] = [];
  let rest = value.trim();
  while (rest) {
    const m = PART.exec(rest);
    if (!m) break;
    parts.push(m[1] !== undefined ? m[1].replace(/""/g, '"') : m[2].replace(/[A-Z]+/g, (c) => c.toLowerCase()));
    rest = rest.slice(m[0].length);
    if (!rest.startsWith('.')) break;
    rest = rest.slice(1);
    if (!rest) rest = '.';
  }
  const tooLong = parts.find((p) => Buffer.byteLength(p) > 63);
  if (rest || !parts.length || parts.length > 2 || tooLong) {
    return `history-table: '${value}' is not a table name; write it as in SQL: a name, optionally schema-qualified (ops.schema_migrations), double-quoted to keep upper case ("Ops"."Migrations")${tooLong ? `; '${tooLong}' is longer than PostgreSQL's 63 bytes` : ''}`;
  }
  return parts.length === 2 ? { schema: parts[0], table: parts[1] } : { table: parts[0] };
}
