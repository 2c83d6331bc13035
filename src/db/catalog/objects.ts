import type { Client } from '../session/connect.js';
import { withTransaction } from '../session/transaction.js';

/** A user object of the database, with the statement that drops it (never CASCADE) and who last wrote its catalog row. */
export interface UserObject {
  kind: 'relation' | 'type' | 'function' | 'schema';
  /** Absent for a schema. */
  schema?: string;
  name: string;
  /** `DROP … IF EXISTS` with the name quoted by the server (format %I); it also identifies the object. */
  drop: string;
  /** xmin of its catalog row (32-bit): the transaction that created it, or last altered it. */
  xmin: number;
  /** Its catalog (pg_class, pg_type, pg_proc, pg_namespace) and oid, as pg_depend names it. */
  classid: number;
  oid: number;
}

/**
 * The user objects of a database: tables, views, materialized views, sequences not owned by a column, types,
 * functions and schemas; not what belongs to an extension, nor what is part of another object.
 */
const OBJECTS = `
  SELECT 'relation' AS kind, n.nspname AS schema, c.relname AS name, c.xmin::text AS xmin, 'pg_class'::regclass::oid AS classid, c.oid,
         format('DROP %s IF EXISTS %I.%I', CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END, n.nspname, c.relname) AS drop
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND NOT c.relispartition
     AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i', 'e'))
     AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
  UNION ALL
  SELECT 'type', n.nspname, t.typname, t.xmin::text, 'pg_type'::regclass::oid, t.oid, format('DROP TYPE IF EXISTS %I.%I', n.nspname, t.typname)
    FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
   WHERE (t.typtype IN ('e', 'd', 'r') OR (t.typtype = 'c' AND (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c'))
     AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = t.oid AND d.deptype IN ('e', 'i'))
     AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
  UNION ALL
  SELECT 'function', n.nspname, p.proname, p.xmin::text, 'pg_proc'::regclass::oid, p.oid,
         format('DROP %s IF EXISTS %I.%I(%s)', CASE p.prokind WHEN 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END, n.nspname, p.proname, pg_get_function_identity_arguments(p.oid))
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
   WHERE p.prokind IN ('f', 'p') AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype IN ('e', 'i'))
     AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
  UNION ALL
  SELECT 'schema', NULL, n.nspname, n.xmin::text, 'pg_namespace'::regclass::oid, n.oid, format('DROP SCHEMA IF EXISTS %I', n.nspname) FROM pg_namespace n
   WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'public') AND n.nspname NOT LIKE 'pg\\_%'
     AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = n.oid AND d.deptype = 'e')`;

export async function userObjects(client: Client): Promise<UserObject[]> {
  return (await client.query(OBJECTS)).rows.map((r) => ({
    kind: r.kind,
    ...(r.schema ? { schema: r.schema } : {}),
    name: r.name,
    drop: r.drop,
    xmin: Number(r.xmin),
    classid: Number(r.classid),
    oid: Number(r.oid),
  }));
}

/**
 * Of `created` (objects new since a backup), those that — themselves or their parts (constraints, rules,
 * defaults, indexes) — depend on a user object that is not new: a foreign key to a table of the dump, a view on
 * it, a table in one of its schemas. pg_restore cannot drop that older object while they stand.
 */
export async function dependingOnOlder(client: Client, created: UserObject[]): Promise<UserObject[]> {
  if (!created.length) return [];
  const r = await client.query(
    `WITH new AS (SELECT * FROM unnest($1::oid[], $2::oid[], $3::text[]) AS n(classid, objid, key)),
          parts AS (SELECT key, classid, objid FROM new
                    UNION SELECT n.key, d.classid, d.objid FROM pg_catalog.pg_depend d JOIN new n ON d.refclassid = n.classid AND d.refobjid = n.objid
                     WHERE d.deptype IN ('a', 'i'))
     SELECT DISTINCT p.key FROM parts p JOIN pg_catalog.pg_depend d ON d.classid = p.classid AND d.objid = p.objid
      WHERE d.deptype = 'n' AND d.refobjid >= 16384
        AND NOT EXISTS (SELECT 1 FROM parts q WHERE q.classid = d.refclassid AND q.objid = d.refobjid)`,
    [created.map((o) => o.classid), created.map((o) => o.oid), created.map((o) => o.drop)],
  );
  const keys = new Set(r.rows.map((row) => row.key as string));
  return created.filter((o) => keys.has(o.drop));
}

/** How an object is named in a report: `schema.name`, or the schema's name. */
export const objectText = (o: UserObject): string => (o.schema ? `${o.schema}.${o.name}` : `schema ${o.name}`);

export interface DropOutcome {
  /** The statements that ran. */
  dropped: string[];
  /** Objects created since `before` and left in place, each with the reason. */
  leftAlone: { object: UserObject; why: string }[];
}

/**
 * Drops, in one transaction, the objects that exist now but did not in `before` and that `ours` claims: what a
 * failed run created after its backup, which restoring that backup does not remove. Nothing is dropped with
 * CASCADE, so nothing another session made on top of them goes with them: an object something else still
 * depends on stays, and is reported. Objects are tried again until no more can go, as ours may depend on each
 * other (a view on a table, a table in a schema).
 */
export async function dropCreatedSince(
  client: Client,
  before: ReadonlySet<string>,
  ours: (o: UserObject) => boolean,
  lockTimeoutMs = 30_000,
): Promise<DropOutcome> {
  const created = (await userObjects(client)).filter((o) => !before.has(o.drop));
  const outcome: DropOutcome = {
    dropped: [],
    leftAlone: created.filter((o) => !ours(o)).map((object) => ({ object, why: 'not created by this run' })),
  };
  let pending = created.filter(ours);
  if (!pending.length) return outcome;
  const failed = new Map<UserObject, string>();
  await withTransaction(client, async () => {
    // A session reading one of our tables would hold its DROP, and every query behind it, forever: bounded, and
    // an object that cannot be had in time is left, with the reason.
    await client.query(`SET LOCAL lock_timeout = ${Math.trunc(lockTimeoutMs)}`);
    for (let progress = true; progress && pending.length;) {
      progress = false;
      const next: UserObject[] = [];
      for (const o of pending) {
        await client.query('SAVEPOINT pmg_drop');
        try {
          await client.query(o.drop);
          await client.query('RELEASE SAVEPOINT pmg_drop');
          outcome.dropped.push(o.drop);
          progress = true;
        } catch (err) {
          await client.query('ROLLBACK TO SAVEPOINT pmg_drop');
          failed.set(o, (err as Error).message);
          next.push(o);
        }
      }
      pending = next;
    }
  });
  outcome.leftAlone.push(...pending.map((object) => ({ object, why: failed.get(object) ?? 'not dropped' })));
  return outcome;
}
