import type { Client } from '../db/session/connect.js';
import type { Witness } from '../db/runner/runner.js';
import type { Statement } from '../migrations/parse.js';

/**
 * Which roles, databases and tablespaces verify's own migrating sessions created, and which ALTER SYSTEM settings
 * they changed: told by what those sessions did, never by names, so that what another session creates on the same
 * server meanwhile (a database `orders` while a migration creates a table `orders`) is never taken for ours.
 *
 * How each is known:
 * - Inside every transaction the runner commits, right before COMMIT, one query lists the catalog rows (pg_database,
 *   pg_tablespace, pg_authid) whose xmin is a transaction that is still in progress. A row inserted by another
 *   session's open transaction is invisible to ours, and one that session has committed is no longer in progress:
 *   what is left is exactly our own transaction's rows, its subtransactions' included (a PL/pgSQL EXCEPTION block,
 *   a SAVEPOINT), whose ids pg_current_xact_id_if_assigned() alone would not give. A row whose xmin is ours but
 *   whose OID existed before the run was altered, not created, and is left to the caller to tell apart.
 * - CREATE DATABASE and CREATE TABLESPACE cannot run inside a transaction (nor inside a function), so they are
 *   always statements of the file itself: their object is the one the statement names, read by OID on the same
 *   session as soon as it succeeded. Only a session that dropped that new object and made another of the same name
 *   within that one round trip could be mistaken for ours.
 * - ALTER SYSTEM leaves no transaction behind at all. It too is always a statement of the file: the settings it
 *   names are read from postgresql.auto.conf on the same session right before and right after it. Whether the
 *   change can be put back exactly is decided at the end (see SettingChange).
 */

export type SharedKind = 'database' | 'role' | 'tablespace';

/** One ALTER SYSTEM of ours: a setting's value in postgresql.auto.conf before and after it (undefined: not set there). */
export interface SettingChange {
  name: string;
  before?: string;
  after?: string;
  /**
   * Whose change it is cannot be told: the values could not be read (pg_file_settings needs superuser or
   * pg_read_all_settings), or what was read is not what the statement does (another session changed it as well).
   */
  unknown?: 'unreadable' | 'raced';
}

/** The settings in postgresql.auto.conf (what ALTER SYSTEM writes): name -> value; undefined when this role may not read them. */
export async function systemSettings(c: Client): Promise<Map<string, string> | undefined> {
  try {
    const r = await c.query(
      "SELECT name, setting FROM pg_catalog.pg_file_settings WHERE sourcefile LIKE '%postgresql.auto.conf' AND error IS NULL",
    );
    return new Map(r.rows.map((x) => [String(x.name).toLowerCase(), x.setting as string]));
  } catch {
    return undefined;
  }
}

/**
 * The in-transaction query, given the objects that existed before the run (never ours to create). An xmin is
 * 32 bits: its distance from our top-level id (txid_current_if_assigned, 64 bits) is taken modulo 2^32 as a signed
 * number, and subtransactions are assigned after their parent, so a row of ours is at distance 0 or more. That is
 * exact for rows written since the run began; an older row keeps its xmin when frozen, and one older than 2^31
 * transactions could map to an id txid_status would refuse as "in the future": such rows are among those that
 * existed before the run, which are left out first (CASE keeps that order).
 */
function createdQuery(roles: 'pg_authid' | 'pg_auth_members', existing: Record<SharedKind, Iterable<number>>): string {
  const rows =
    roles === 'pg_authid'
      ? "SELECT 'role', oid, xmin FROM pg_catalog.pg_authid"
      : // PostgreSQL 16+: a role created by one that is not superuser is granted to its creator, in the same transaction,
        // by the bootstrap superuser (OID 10), whom no other role may name as grantor.
        "SELECT 'role', roleid, xmin FROM pg_catalog.pg_auth_members WHERE grantor = 10";
  const known = (kind: SharedKind) =>
    `WHEN t.k = '${kind}' AND t.o = ANY ('{${[...existing[kind]].map((o) => Math.trunc(o)).join(',')}}'::pg_catalog.oid[]) THEN false`;
  return `SELECT t.k AS kind, t.o::pg_catalog.int8 AS oid FROM (
    SELECT 'database' AS k, oid AS o, xmin AS x FROM pg_catalog.pg_database
    UNION ALL SELECT 'tablespace', oid, xmin FROM pg_catalog.pg_tablespace
    UNION ALL ${rows}
  ) t, (SELECT pg_catalog.txid_current_if_assigned() AS top) c,
  LATERAL (SELECT ((t.x::text::int8 - c.top % 4294967296) % 4294967296 + 4294967296 + 2147483648) % 4294967296 - 2147483648 AS d) a
  WHERE c.top IS NOT NULL AND CASE ${known('database')} ${known('tablespace')} ${known('role')}
    WHEN a.d >= 0 THEN pg_catalog.txid_status(c.top + a.d) = 'in progress' ELSE false END`;
}

/** Watches verify's migrating sessions (see the top of this file); one per verify run. */
export class ServerWitness implements Witness {
  readonly created: Record<SharedKind, Set<number>> = { database: new Set(), role: new Set(), tablespace: new Set() };
  /** Every ALTER SYSTEM our sessions ran, in order, one entry per setting it changed. */
  readonly settings: SettingChange[] = [];
  private systemBefore?: Map<string, string>;

  private constructor(
    readonly inTransaction: string,
    /**
     * pg_authid (and so a role's xmin) is readable by superusers only; others are told by the grant PostgreSQL 16+
     * makes to a role's creator. Before 16, a role that is not superuser cannot tell which roles it created.
     */
    readonly rolesKnown: boolean,
  ) {}

  /** `existing`: the OIDs there were before the run (serverObjects). */
  static async open(c: Client, existing: Record<SharedKind, Map<number, unknown>>): Promise<ServerWitness> {
    const r = await c.query(
      "SELECT rolsuper, pg_catalog.current_setting('server_version_num')::int AS v FROM pg_catalog.pg_roles WHERE rolname = current_user",
    );
    const superuser = r.rows[0]?.rolsuper === true;
    const oids = {
      database: existing.database.keys(),
      tablespace: existing.tablespace.keys(),
      role: existing.role.keys(),
    };
    return new ServerWitness(
      createdQuery(superuser ? 'pg_authid' : 'pg_auth_members', oids),
      superuser || r.rows[0]?.v >= 160000,
    );
  }

  seen(rows: Record<string, unknown>[]): void {
    for (const row of rows) this.created[row.kind as SharedKind]?.add(Number(row.oid));
  }

  async before(client: Client, s: Statement): Promise<void> {
    if (s.kind === 'AlterSystemStmt') this.systemBefore = await systemSettings(client);
  }

  async after(client: Client, s: Statement): Promise<void> {
    if (s.kind === 'CreatedbStmt')
      await this.byName(client, 'database', 'SELECT oid FROM pg_catalog.pg_database WHERE datname = $1', s.node.dbname);
    if (s.kind === 'CreateTableSpaceStmt')
      await this.byName(
        client,
        'tablespace',
        'SELECT oid FROM pg_catalog.pg_tablespace WHERE spcname = $1',
        s.node.tablespacename,
      );
    if (s.kind === 'AlterSystemStmt')
      this.settings.push(...changes(s, this.systemBefore, await systemSettings(client)));
  }

  private async byName(client: Client, kind: SharedKind, sql: string, name: unknown): Promise<void> {
    if (typeof name !== 'string') return;
    const r = await client.query(sql, [name]).catch(() => ({ rows: [] as { oid: number }[] }));
    for (const row of r.rows) this.created[kind].add(Number(row.oid));
  }
}

/**
 * What one ALTER SYSTEM changed: the setting it names (RESET ALL: every one it removed). A change the statement
 * cannot have made (a RESET that left a value, a SET that left none) is another session's, made in between.
 */
function changes(
  s: Statement,
  before: Map<string, string> | undefined,
  after: Map<string, string> | undefined,
): SettingChange[] {
  const set = ('setstmt' in s.node ? s.node.setstmt : undefined) ?? {};
  const all = set.kind === 'VAR_RESET_ALL';
  if (!before || !after) return [{ name: all ? 'ALL' : String(set.name).toLowerCase(), unknown: 'unreadable' }];
  const names = all ? [...before.keys()].filter((n) => !after.has(n)) : [String(set.name).toLowerCase()];
  const out: SettingChange[] = [];
  for (const name of names) {
    const change = { name, before: before.get(name), after: after.get(name) };
    if (change.before === change.after) continue;
    const removes = all || set.kind === 'VAR_RESET' || set.kind === 'VAR_SET_DEFAULT';
    out.push(removes === (change.after === undefined) ? change : { name, unknown: 'raced' });
  }
  return out;
}
