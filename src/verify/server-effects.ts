import type { Client } from '../db/session/connect.js';
import { quoteIdent } from '../db/session/identifiers.js';
import { serverVersion } from '../db/session/server-version.js';
import { systemSettings, type ServerWitness, type SettingChange, type SharedKind } from './ownership.js';
import { SCRATCH_PREFIX } from './scratch.js';

/**
 * Verify runs migrations on scratch databases, but some statements change the whole server: CREATE ROLE,
 * CREATE DATABASE, CREATE TABLESPACE, ALTER SYSTEM. Left behind, they would make the next verify on the same
 * server fail ("role already exists"). What existed before the run is recorded by OID; afterwards, what verify's
 * own sessions created or changed (see ownership.ts) is undone, and nothing else: what another session created
 * meanwhile stays, whatever its name.
 */
export interface ServerObjects {
  /** OID -> name. */
  role: Map<number, string>;
  database: Map<number, string>;
  tablespace: Map<number, string>;
  /** ALTER SYSTEM settings (postgresql.auto.conf): name -> value; undefined when this user may not read them. */
  system?: Map<string, string>;
}

const CATALOG: Record<SharedKind, string> = {
  role: 'SELECT oid, rolname AS name FROM pg_catalog.pg_roles',
  database: 'SELECT oid, datname AS name FROM pg_catalog.pg_database',
  tablespace: 'SELECT oid, spcname AS name FROM pg_catalog.pg_tablespace',
};

async function byOid(c: Client, sql: string): Promise<Map<number, string>> {
  return new Map((await c.query(sql)).rows.map((r) => [Number(r.oid), r.name as string]));
}

export async function serverObjects(c: Client): Promise<ServerObjects> {
  return {
    role: await byOid(c, CATALOG.role),
    database: await byOid(c, CATALOG.database),
    tablespace: await byOid(c, CATALOG.tablespace),
    system: await systemSettings(c),
  };
}

const named = (text: string) => (name: string) =>
  new RegExp(`(^|[^A-Za-z0-9_$])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^A-Za-z0-9_$])`, 'i').test(text);

export interface Undone {
  /** One line per change undone. */
  undone: string[];
  /** One line per change of ours that could not be undone, or was left because it cannot be told from another session's. */
  left: string[];
  /** Objects created during the run by other sessions that the migrations' text names: left alone, said so. */
  others: string[];
}

/**
 * Undoes what verify's own sessions (`witness`) did to the server since `before`; the scratch databases must
 * already be dropped. `text` (the migrations') is used only to say which objects of other sessions were left alone.
 */
export async function undoServerEffects(
  c: Client,
  before: ServerObjects,
  witness: ServerWitness,
  text: string,
): Promise<Undone> {
  const now = await serverObjects(c);
  const out: Undone = { undone: [], left: [], others: [] };
  const attempt = async (what: string, sql: string) => {
    try {
      await c.query(sql);
      out.undone.push(what);
    } catch (err) {
      out.left.push(`${what}: ${(err as Error).message}`);
    }
  };
  await putSettingsBack(c, before.system, now.system, witness.settings, attempt, out.left);
  const force = (await serverVersion(c)) >= 130000 ? ' WITH (FORCE)' : '';
  const ours = (kind: SharedKind) =>
    [...now[kind]].filter(([oid]) => !before[kind].has(oid) && witness.created[kind].has(oid));
  for (const [, d] of ours('database'))
    await attempt(`database ${d} dropped`, `DROP DATABASE IF EXISTS ${quoteIdent(d)}${force}`);
  for (const [, t] of ours('tablespace'))
    await attempt(`tablespace ${t} dropped`, `DROP TABLESPACE IF EXISTS ${quoteIdent(t)}`);
  for (const [, r] of ours('role')) await attempt(`role ${r} dropped`, `DROP ROLE IF EXISTS ${quoteIdent(r)}`);

  const mentioned = named(text);
  for (const kind of ['database', 'tablespace', 'role'] as const) {
    for (const [oid, name] of now[kind]) {
      if (before[kind].has(oid) || witness.created[kind].has(oid) || !mentioned(name)) continue;
      if (kind === 'database' && name.startsWith(SCRATCH_PREFIX)) continue;
      if (kind === 'role' && !witness.rolesKnown)
        out.left.push(
          `role ${name}, new since verify started: whether verify's migrations created it cannot be told by a role that is not superuser before PostgreSQL 16 (pg_authid is for superusers only), so it was left as it is`,
        );
      else out.others.push(`${kind} ${name}`);
    }
  }
  return out;
}

/**
 * Puts back the ALTER SYSTEM settings our sessions changed, only where every change to the setting during the run
 * is one of ours: the first of ours found the value the run started with, each next one found what the previous
 * left, and the value now is what the last left. Otherwise another session changed it too, and it is left as it
 * is, said so.
 */
async function putSettingsBack(
  c: Client,
  start: Map<string, string> | undefined,
  now: Map<string, string> | undefined,
  changes: SettingChange[],
  attempt: (what: string, sql: string) => Promise<void>,
  left: string[],
): Promise<void> {
  const names = [...new Set(changes.map((x) => x.name))];
  let reload = false;
  for (const name of names) {
    const chain = changes.filter((x) => x.name === name);
    if (!start || !now || chain.some((x) => x.unknown === 'unreadable')) {
      left.push(
        `ALTER SYSTEM ${name === 'ALL' ? 'RESET ALL' : name} by the migrations left as it is: this role may not read pg_file_settings, so the change cannot be told from another session's`,
      );
      continue;
    }
    const ok =
      chain.every((x) => !x.unknown) &&
      chain[0].before === start.get(name) &&
      chain.every((x, i) => i === 0 || x.before === chain[i - 1].after) &&
      now.get(name) === chain[chain.length - 1].after;
    if (!ok) {
      left.push(`ALTER SYSTEM ${name} left as it is: another session changed it too while verify ran`);
      continue;
    }
    const was = start.get(name);
    if (now.get(name) === was) continue;
    await attempt(
      `ALTER SYSTEM ${name} put back`,
      was === undefined
        ? `ALTER SYSTEM RESET ${quoteIdent(name)}`
        : `ALTER SYSTEM SET ${quoteIdent(name)} = ${c.escapeLiteral(was)}`,
    );
    reload = true;
  }
  if (reload) await c.query('SELECT pg_catalog.pg_reload_conf()');
}
