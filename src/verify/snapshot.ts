import type { Client } from '../db/session/connect.js';

/** A schema as the catalogs describe it: `kind name` -> definition. Independent of pg_dump and its version. */
export type Snapshot = Map<string, string>;

/** Schemas never compared: the system's. */
const SKIP = `n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%'`;

/**
 * ` acl=…` when an object's privileges are not its defaults. An object never granted on has none recorded (NULL);
 * GRANT then REVOKE leaves the defaults written out (`{owner=arwdDxt/owner}`): the same privileges, so the same text,
 * or a down script that revokes what its up script granted would count as not undoing it. `kind` is acldefault's
 * letter (r relation, f function, n schema).
 */
const acl = (column: string, kind: string, owner: string) =>
  `CASE WHEN ${column} IS NULL OR ${column} = pg_catalog.acldefault('${kind}', ${owner}) THEN '' ELSE ' acl=' || ${column}::text END`;

const QUERIES: Record<string, string> = {
  table: `SELECT n.nspname || '.' || c.relname AS k, c.relkind::text || ${acl('c.relacl', 'r', 'c.relowner')} AS v
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE c.relkind IN ('r', 'p', 'f') AND ${SKIP}`,
  column: `SELECT n.nspname || '.' || c.relname || '.' || a.attname AS k,
                  format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END
                  || coalesce(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '')
                  || CASE WHEN a.attidentity <> '' THEN ' IDENTITY ' || a.attidentity::text ELSE '' END
                  || CASE WHEN a.attgenerated <> '' THEN ' GENERATED' ELSE '' END AS v
             FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
             LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'f', 'v', 'm') AND ${SKIP}`,
  constraint: `SELECT n.nspname || '.' || coalesce(c.relname, t.typname) || '.' || k.conname AS k, pg_get_constraintdef(k.oid) AS v
                 FROM pg_constraint k JOIN pg_namespace n ON n.oid = k.connamespace
                 LEFT JOIN pg_class c ON c.oid = k.conrelid LEFT JOIN pg_type t ON t.oid = k.contypid
                WHERE k.contype <> 'n' AND ${SKIP}`,
  index: `SELECT n.nspname || '.' || t.relname || '.' || c.relname AS k, pg_get_indexdef(c.oid) || CASE WHEN i.indisvalid THEN '' ELSE ' INVALID' END AS v
            FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace WHERE ${SKIP}`,
  view: `SELECT n.nspname || '.' || c.relname AS k, c.relkind::text || ' ' || pg_get_viewdef(c.oid) || ${acl('c.relacl', 'r', 'c.relowner')} AS v
           FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('v', 'm') AND ${SKIP}`,
  function: `SELECT n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' AS k,
                    pg_get_functiondef(p.oid) || ${acl('p.proacl', 'f', 'p.proowner')} AS v
               FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
              WHERE p.prokind IN ('f', 'p') AND ${SKIP}
                AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')`,
  trigger: `SELECT n.nspname || '.' || c.relname || '.' || t.tgname AS k, pg_get_triggerdef(t.oid) AS v
              FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE NOT t.tgisinternal AND ${SKIP}`,
  sequence: `SELECT n.nspname || '.' || c.relname AS k,
                    format_type(s.seqtypid, NULL) || ' start ' || s.seqstart || ' increment ' || s.seqincrement
                    || ' min ' || s.seqmin || ' max ' || s.seqmax || CASE WHEN s.seqcycle THEN ' cycle' ELSE '' END AS v
               FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE ${SKIP}`,
  type: `SELECT n.nspname || '.' || t.typname AS k,
                CASE t.typtype
                  WHEN 'e' THEN 'enum (' || (SELECT string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid) || ')'
                  WHEN 'd' THEN 'domain ' || format_type(t.typbasetype, t.typtypmod) || CASE WHEN t.typnotnull THEN ' NOT NULL' ELSE '' END
                  ELSE 'composite (' || (SELECT string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod), ', ' ORDER BY a.attnum)
                                         FROM pg_attribute a WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped) || ')'
                END AS v
           FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
          WHERE (t.typtype IN ('e', 'd') OR (t.typtype = 'c' AND (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c')) AND ${SKIP}`,
  extension: `SELECT e.extname AS k, e.extversion AS v FROM pg_extension e WHERE e.extname <> 'plpgsql'`,
  schema: `SELECT n.nspname AS k, ltrim(${acl('n.nspacl', 'n', 'n.nspowner')}) AS v FROM pg_namespace n WHERE ${SKIP} AND n.nspname <> 'public'`,
};

/** Reads the schema from the catalogs: tables, columns, constraints, indexes, views, functions, triggers, sequences, types, extensions, grants. */
export async function takeSnapshot(client: Client): Promise<Snapshot> {
  const snap: Snapshot = new Map();
  for (const [kind, sql] of Object.entries(QUERIES)) {
    for (const row of (await client.query(sql)).rows) snap.set(`${kind} ${row.k}`, row.v ?? '');
  }
  return snap;
}

export interface SchemaDiff {
  added: string[];
  removed: string[];
  changed: { key: string; before: string; after: string }[];
}

export function diffSnapshots(before: Snapshot, after: Snapshot): SchemaDiff {
  const diff: SchemaDiff = { added: [], removed: [], changed: [] };
  for (const [k, v] of after) {
    if (!before.has(k)) diff.added.push(k);
    else if (before.get(k) !== v) diff.changed.push({ key: k, before: before.get(k)!, after: v });
  }
  for (const k of before.keys()) if (!after.has(k)) diff.removed.push(k);
  return diff;
}

export function isEmptyDiff(d: SchemaDiff): boolean {
  return !d.added.length && !d.removed.length && !d.changed.length;
}

const PARTS = ['column', 'constraint', 'index', 'trigger'] as const;

/** Folds the columns, constraints, indexes and triggers of tables that appear or disappear into one line each. */
function fold(keys: string[], sign: string): string[] {
  const tables = keys.filter((k) => k.startsWith('table ')).map((k) => k.slice(6));
  const owned = (k: string) => tables.find((t) => PARTS.some((p) => k.startsWith(`${p} ${t}.`)));
  const lines = tables.map((t) => {
    const counts = PARTS.map((p) => [p, keys.filter((k) => k.startsWith(`${p} ${t}.`)).length] as const).filter(
      ([, n]) => n,
    );
    return `${sign} table ${t}${counts.length ? ` (${counts.map(([p, n]) => `${n} ${n > 1 ? (p === 'index' ? 'indexes' : `${p}s`) : p}`).join(', ')})` : ''}`;
  });
  return [...lines, ...keys.filter((k) => !k.startsWith('table ') && !owned(k)).map((k) => `${sign} ${k}`)];
}

/** One line per difference: `+ table public.x (3 columns, 1 index)`, `- column public.users.nick`, `~ index …: a -> b`. */
export function describeDiff(d: SchemaDiff): string[] {
  return [
    ...fold(d.added, '+'),
    ...fold(d.removed, '-'),
    ...d.changed.map((c) => `~ ${c.key}: ${c.before} -> ${c.after}`),
  ];
}
