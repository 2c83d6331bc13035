import type { Client } from '../session/connect.js';
import { XID32 } from '../session/xid-snapshot.js';

/**
 * The state of a database's catalog, one entry per catalog row that describes something of the database (an
 * object, a column, an index's definition, a comment, a sequence's value, a setting), so that two readings tell
 * what changed, appeared or disappeared in between, and each changed or new row tells who last wrote it (xmin).
 * Owners, privileges, relfilenodes (TRUNCATE, table rewrites) and options are columns of those rows. What VACUUM
 * and ANALYZE write in place (page and tuple counts, frozen ids, the has-index/rules/triggers/subclass hints) is
 * left out: it changes no meaning. So are other sessions' temporary objects, and the server's own objects but for
 * their privileges and the schemas' rows (GRANT on public, on a pg_catalog function).
 *
 * An entry's key is `kind:classid/objid/subid`, where classid/objid is the object whose lock guards the row: the
 * relation for a column or an index's definition, the commented object for a comment.
 */
export interface CatalogEntry {
  key: string;
  /** md5 of the row as JSON, less what VACUUM writes (of a setting's array: values may be secrets); a sequence's value as such. */
  hash: string;
  /** Who last wrote the row (32-bit); absent where no catalog row says (a sequence's value, a role). */
  xmin?: number;
  /** Whether pg_restore replaces it: false for the database's own row, comment and settings, and for roles. */
  restored: boolean;
  /** What it is, for a report (`table public.orders`, `comment on table column public.orders.note`). */
  label?: string;
}

/** Catalogs whose rows are objects with an oid, and the columns that VACUUM and ANALYZE write in place. */
const OID_CATALOGS: {
  name: string;
  acl?: string;
  inPlace?: string[];
  temp?: string;
  since?: number;
  classid?: string;
}[] = [
  { name: 'pg_namespace', acl: 'nspacl' },
  {
    name: 'pg_class',
    acl: 'relacl',
    inPlace: [
      'relpages',
      'reltuples',
      'relallvisible',
      'relallfrozen',
      'relfrozenxid',
      'relminmxid',
      'relhasindex',
      'relhasrules',
      'relhastriggers',
      'relhassubclass',
    ],
    temp: 'relnamespace IN (SELECT oid FROM tmp)',
  },
  { name: 'pg_type', acl: 'typacl', temp: 'typnamespace IN (SELECT oid FROM tmp)' },
  { name: 'pg_proc', acl: 'proacl', temp: 'pronamespace IN (SELECT oid FROM tmp)' },
  { name: 'pg_constraint', temp: 'connamespace IN (SELECT oid FROM tmp)' },
  { name: 'pg_trigger', temp: 'tgrelid IN (SELECT oid FROM tmprel)' },
  { name: 'pg_rewrite', temp: 'ev_class IN (SELECT oid FROM tmprel)' },
  { name: 'pg_attrdef', temp: 'adrelid IN (SELECT oid FROM tmprel)' },
  { name: 'pg_policy', temp: 'polrelid IN (SELECT oid FROM tmprel)' },
  { name: 'pg_statistic_ext', temp: 'stxrelid IN (SELECT oid FROM tmprel)' },
  { name: 'pg_extension' },
  { name: 'pg_default_acl' },
  { name: 'pg_collation' },
  { name: 'pg_conversion' },
  { name: 'pg_operator' },
  { name: 'pg_opclass' },
  { name: 'pg_opfamily' },
  { name: 'pg_amop' },
  { name: 'pg_amproc' },
  { name: 'pg_cast' },
  { name: 'pg_language', acl: 'lanacl' },
  { name: 'pg_ts_config' },
  { name: 'pg_ts_dict' },
  { name: 'pg_ts_parser' },
  { name: 'pg_ts_template' },
  { name: 'pg_event_trigger' },
  { name: 'pg_publication' },
  { name: 'pg_publication_rel' },
  { name: 'pg_publication_namespace', since: 15 },
  { name: 'pg_foreign_data_wrapper', acl: 'fdwacl' },
  { name: 'pg_foreign_server', acl: 'srvacl' },
  { name: 'pg_transform' },
  { name: 'pg_am' },
  // A large object is named by pg_largeobject, its data's catalog, as pg_depend and pg_identify_object name it.
  { name: 'pg_largeobject_metadata', acl: 'lomacl', classid: 'pg_largeobject' },
];

/** The first oid a user object can have (FirstNormalObjectId). */
const FIRST_USER_OID = 16384;

/** `to_jsonb(row)` less some keys, hashed. */
const rowHash = (alias: string, leaveOut: string[] = []) =>
  `pg_catalog.md5((pg_catalog.to_jsonb(${alias})${leaveOut.map((k) => ` - '${k}'`).join('')})::text)`;

/**
 * Rows without an oid of their own, each under the object whose lock guards it: [kind, classid, objid, subid,
 * FROM … WHERE …, label prefix (with the object's identity after it)].
 */
const PART_ROWS: [kind: string, classid: string, objid: string, subid: string, from: string, prefix: string][] = [
  [
    'object',
    "'pg_class'::regclass",
    'x.attrelid',
    'x.attnum',
    `pg_catalog.pg_attribute x WHERE x.attnum > 0 AND x.attrelid >= ${FIRST_USER_OID} AND x.attrelid NOT IN (SELECT oid FROM tmprel)`,
    '',
  ],
  [
    'index',
    "'pg_class'::regclass",
    'x.indexrelid',
    '0',
    `pg_catalog.pg_index x WHERE x.indexrelid >= ${FIRST_USER_OID} AND x.indexrelid NOT IN (SELECT oid FROM tmprel)`,
    'definition of ',
  ],
  [
    'sequence',
    "'pg_class'::regclass",
    'x.seqrelid',
    '0',
    `pg_catalog.pg_sequence x WHERE x.seqrelid >= ${FIRST_USER_OID} AND x.seqrelid NOT IN (SELECT oid FROM tmprel)`,
    'options of ',
  ],
  [
    'inherits',
    "'pg_class'::regclass",
    'x.inhrelid',
    'x.inhseqno',
    `pg_catalog.pg_inherits x WHERE x.inhrelid NOT IN (SELECT oid FROM tmprel)`,
    'inheritance of ',
  ],
  [
    'partitioning',
    "'pg_class'::regclass",
    'x.partrelid',
    '0',
    `pg_catalog.pg_partitioned_table x WHERE x.partrelid NOT IN (SELECT oid FROM tmprel)`,
    'partitioning of ',
  ],
  ['foreign', "'pg_class'::regclass", 'x.ftrelid', '0', 'pg_catalog.pg_foreign_table x WHERE true', 'options of '],
  [
    'aggregate',
    "'pg_proc'::regclass",
    'x.aggfnoid',
    '0',
    `pg_catalog.pg_aggregate x WHERE x.aggfnoid >= ${FIRST_USER_OID}`,
    'definition of ',
  ],
  [
    'range',
    "'pg_type'::regclass",
    'x.rngtypid',
    '0',
    `pg_catalog.pg_range x WHERE x.rngtypid >= ${FIRST_USER_OID}`,
    'definition of ',
  ],
  [
    'enum',
    "'pg_type'::regclass",
    'x.enumtypid',
    'x.enumsortorder::numeric',
    `pg_catalog.pg_enum x WHERE x.enumtypid >= ${FIRST_USER_OID}`,
    'a label of ',
  ],
  [
    'comment',
    'x.classoid',
    'x.objoid',
    'x.objsubid',
    `pg_catalog.pg_description x WHERE (x.objoid >= ${FIRST_USER_OID} OR x.classoid = 'pg_namespace'::regclass) AND NOT (x.classoid = 'pg_class'::regclass AND x.objoid IN (SELECT oid FROM tmprel))`,
    'comment on ',
  ],
];

/**
 * One SELECT per source, each giving kind, classid, objid, subid, xmin (text), hash, restored, prefix. Sequence
 * values only with `values`: reading one locks the sequence (PostgreSQL 13–17) until the transaction ends.
 */
function branches(major: number, values: boolean): string[] {
  const out: string[] = [];
  for (const c of OID_CATALOGS) {
    if (c.since && major < c.since) continue;
    const system = c.name === 'pg_namespace' ? 'true' : c.acl ? `x.${c.acl} IS NOT NULL` : 'false';
    const temp = c.name === 'pg_namespace' ? "x.nspname ~ '^pg_(toast_)?temp_'" : c.temp ? `x.${c.temp}` : 'false';
    out.push(
      `SELECT 'object' AS kind, '${c.classid ?? c.name}'::regclass::oid AS classid, x.oid AS objid, 0::numeric AS subid, x.xmin::text AS xmin, ${rowHash('x', c.inPlace)} AS hash, true AS restored, '' AS prefix
         FROM pg_catalog.${c.name} x WHERE (x.oid >= ${FIRST_USER_OID} OR ${system}) AND NOT (${temp})`,
    );
  }
  for (const [kind, classid, objid, subid, from, prefix] of PART_ROWS) {
    out.push(
      `SELECT '${kind}', ${classid}, ${objid}, ${subid}, x.xmin::text, ${rowHash('x')}, true, '${prefix}' FROM ${from}`,
    );
  }
  // A sequence's value moves outside any transaction: its value is the entry (unreadable without a privilege).
  if (values)
    out.push(
      `SELECT 'value', 'pg_class'::regclass, x.oid, 0, NULL, CASE WHEN pg_catalog.has_sequence_privilege(x.oid, 'SELECT,USAGE')
            THEN coalesce(pg_catalog.pg_sequence_last_value(x.oid)::text, 'not called') ELSE 'unreadable' END, true, 'value of '
       FROM pg_catalog.pg_class x WHERE x.relkind = 'S' AND x.relnamespace NOT IN (SELECT oid FROM tmp)`,
    );
  return out;
}

/** The database's own row, comment and settings, and the roles: what pg_restore leaves as it finds them. */
const UNRESTORED = `
  SELECT 'object', 'pg_database'::regclass, x.oid, 0, x.xmin::text, ${rowHash('x', ['datfrozenxid', 'datminmxid'])}, false, ''
    FROM pg_catalog.pg_database x WHERE x.datname = pg_catalog.current_database()
  UNION ALL SELECT 'comment', x.classoid, x.objoid, 0, x.xmin::text, ${rowHash('x')}, false, 'comment on '
    FROM pg_catalog.pg_shdescription x JOIN pg_catalog.pg_database d ON d.oid = x.objoid AND x.classoid = 'pg_database'::regclass
   WHERE d.datname = pg_catalog.current_database()
  UNION ALL SELECT 'setting', 'pg_db_role_setting'::regclass, x.setdatabase, x.setrole::text::numeric, x.xmin::text, pg_catalog.md5(x.setconfig::text), false, ''
    FROM pg_catalog.pg_db_role_setting x
   WHERE x.setdatabase IN (0, (SELECT oid FROM pg_catalog.pg_database WHERE datname = pg_catalog.current_database()))
  UNION ALL SELECT 'role', 'pg_authid'::regclass, x.oid, 0, NULL, ${rowHash('x')}, false, '' FROM pg_catalog.pg_roles x`;

const TEMP = `tmp AS (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname ~ '^pg_(toast_)?temp_'),
  tmprel AS (SELECT oid FROM pg_catalog.pg_class WHERE relnamespace IN (SELECT oid FROM tmp))`;

/** How an entry is named: the object's identity, or what the setting applies to. */
const LABEL = `CASE s.kind
    WHEN 'setting' THEN CASE WHEN s.objid = 0 THEN 'settings of role ' || pg_catalog.quote_ident(r.rolname)
      WHEN s.subid = 0 THEN 'settings of database ' || pg_catalog.quote_ident(pg_catalog.current_database())
      ELSE 'settings of role ' || pg_catalog.quote_ident(r.rolname) || ' in database ' || pg_catalog.quote_ident(pg_catalog.current_database()) END
    WHEN 'role' THEN 'role ' || pg_catalog.quote_ident(r2.rolname)
    ELSE (SELECT s.prefix || i.type || ' ' || coalesce(i.identity, s.objid::text)
            FROM pg_catalog.pg_identify_object(s.classid, s.objid, CASE WHEN s.kind IN ('object', 'comment') THEN s.subid::int ELSE 0 END) i) END`;

function stateSql(major: number, labels: boolean, values = true): string {
  const union = [...branches(major, values), UNRESTORED].join('\n  UNION ALL ');
  if (!labels) return `WITH ${TEMP} SELECT s.* FROM (${union}) s`;
  return `WITH ${TEMP} SELECT s.*, ${LABEL} AS label FROM (${union}) s
    LEFT JOIN pg_catalog.pg_roles r ON s.kind = 'setting' AND r.oid::text = s.subid::text
    LEFT JOIN pg_catalog.pg_roles r2 ON s.kind = 'role' AND r2.oid = s.objid`;
}

const keyOf = (row: Record<string, unknown>) => `${row.kind}:${row.classid}/${row.objid}/${row.subid}`;

function entries(rows: Record<string, unknown>[]): CatalogEntry[] {
  return rows.map((row) => ({
    key: keyOf(row),
    hash: row.hash as string,
    ...(row.xmin !== null ? { xmin: Number(row.xmin) } : {}),
    restored: row.restored as boolean,
    ...(row.label !== undefined ? { label: row.label as string } : {}),
  }));
}

/** The catalog's state as `client` sees it (in a REPEATABLE READ transaction: as of its snapshot). */
export async function catalogState(
  client: Client,
  major: number,
  o: { labels?: boolean } = {},
): Promise<CatalogEntry[]> {
  return entries((await client.query(stateSql(major, o.labels ?? false))).rows);
}

/** The object an entry belongs to, as a lock names it: `classid/objid`. */
export const objectOf = (key: string) => key.slice(key.indexOf(':') + 1, key.lastIndexOf('/'));

/**
 * Sent inside a transaction right before its COMMIT: the transaction's id, the objects it holds a lock on that
 * keeps others from changing or dropping them (SHARE UPDATE EXCLUSIVE or stronger), and which entries of those
 * objects exist as the transaction leaves them. An entry of such an object that existed before and is absent here
 * was removed by this transaction: nobody else could while the lock was held. Rows: (what, value) with what
 * 'xid', 'locked' (classid/objid) or 'entry' (key).
 */
export function witnessSql(major: number): string {
  const strong = `granted AND pid = pg_catalog.pg_backend_pid() AND mode IN ('ShareUpdateExclusiveLock', 'ShareLock', 'ShareRowExclusiveLock', 'ExclusiveLock', 'AccessExclusiveLock')`;
  const mine = `SELECT 'pg_class'::regclass::oid AS classid, relation AS objid FROM pg_catalog.pg_locks WHERE locktype = 'relation' AND ${strong}
    UNION SELECT classid, objid FROM pg_catalog.pg_locks WHERE locktype = 'object' AND ${strong}`;
  // The entries' hashes are not asked for: the planner leaves them uncomputed. Rows written by the transaction's
  // subtransactions (a SAVEPOINT, a PL/pgSQL EXCEPTION block) carry their own ids: a visible row whose id is still in
  // progress can only be this transaction's (another's is invisible until it commits), and a subtransaction's id is
  // assigned after its parent's, so only ids after ours are asked about (see verify/ownership.ts).
  return `WITH mine AS (${mine}),
    entries AS (${stateSql(major, false, false)}),
    top AS (SELECT pg_catalog.txid_current() AS id)
  SELECT 'xid' AS what, (id % ${XID32})::text AS value FROM top
  UNION SELECT 'xid', e.xmin FROM entries e, top c,
    LATERAL (SELECT ((e.xmin::int8 - c.id % ${XID32}) % ${XID32} + ${XID32} + 2147483648) % ${XID32} - 2147483648 AS d) a
   WHERE e.xmin IS NOT NULL AND a.d > 0 AND pg_catalog.txid_status(c.id + a.d) = 'in progress'
  UNION ALL SELECT 'locked', classid || '/' || objid FROM mine
  UNION ALL SELECT 'entry', kind || ':' || classid || '/' || objid || '/' || subid FROM entries WHERE restored AND (classid, objid) IN (SELECT classid, objid FROM mine)`;
}
