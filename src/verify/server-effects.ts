import type { Client } from '../db/connect.js';
import { quoteIdent } from '../db/identifiers.js';
import { serverVersion } from '../db/server-version.js';

/**
 * Verify runs migrations on scratch databases, but some statements change the whole server: CREATE ROLE,
 * CREATE DATABASE, CREATE TABLESPACE, ALTER SYSTEM. Left behind, they would make the next verify on the same
 * server fail ("role already exists"). What existed before the run is recorded; afterwards, what is new and is
 * named in the migrations' text is undone. Objects another session created meanwhile are not named by these
 * migrations and are left alone.
 */
export interface ServerObjects {
  roles: Set<string>;
  databases: Set<string>;
  tablespaces: Set<string>;
  /** ALTER SYSTEM settings (postgresql.auto.conf): name -> value; empty when this user may not read them. */
  system: Map<string, string>;
}

async function names(c: Client, sql: string): Promise<Set<string>> {
  return new Set((await c.query(sql)).rows.map((r) => r.name as string));
}

async function systemSettings(c: Client): Promise<Map<string, string>> {
  const r = await c
    .query("SELECT name, setting FROM pg_catalog.pg_file_settings WHERE sourcefile LIKE '%postgresql.auto.conf' AND error IS NULL")
    .catch(() => ({ rows: [] as { name: string; setting: string }[] }));
  return new Map(r.rows.map((x) => [x.name, x.setting]));
}

export async function serverObjects(c: Client): Promise<ServerObjects> {
  return {
    roles: await names(c, 'SELECT rolname AS name FROM pg_catalog.pg_roles'),
    databases: await names(c, 'SELECT datname AS name FROM pg_catalog.pg_database'),
    tablespaces: await names(c, 'SELECT spcname AS name FROM pg_catalog.pg_tablespace'),
    system: await systemSettings(c),
  };
}

const named = (text: string) => (name: string) => new RegExp(`(^|[^A-Za-z0-9_$])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^A-Za-z0-9_$])`, 'i').test(text);

/**
 * Undoes what the migrations (their text in `text`) did to the server since `before`; the scratch databases must
 * already be dropped. Returns one line per change undone, and per change that could not be.
 */
export async function undoServerEffects(c: Client, before: ServerObjects, text: string): Promise<{ undone: string[]; left: string[] }> {
  const now = await serverObjects(c);
  const ours = named(text);
  const undone: string[] = [];
  const left: string[] = [];
  const attempt = async (what: string, sql: string) => {
    try {
      await c.query(sql);
      undone.push(what);
    } catch (err) {
      left.push(`${what}: ${(err as Error).message}`);
    }
  };
  const changed = [...new Set([...before.system.keys(), ...now.system.keys()])].filter((k) => before.system.get(k) !== now.system.get(k) && ours(k));
  for (const name of changed) {
    const was = before.system.get(name);
    await attempt(`ALTER SYSTEM ${name} put back`, was === undefined ? `ALTER SYSTEM RESET ${quoteIdent(name)}` : `ALTER SYSTEM SET ${quoteIdent(name)} = ${c.escapeLiteral(was)}`);
  }
  if (changed.length) await c.query('SELECT pg_catalog.pg_reload_conf()');
  const force = (await serverVersion(c)) >= 130000 ? ' WITH (FORCE)' : '';
  for (const d of [...now.databases].filter((x) => !before.databases.has(x) && ours(x))) await attempt(`database ${d} dropped`, `DROP DATABASE IF EXISTS ${quoteIdent(d)}${force}`);
  for (const t of [...now.tablespaces].filter((x) => !before.tablespaces.has(x) && ours(x))) await attempt(`tablespace ${t} dropped`, `DROP TABLESPACE IF EXISTS ${quoteIdent(t)}`);
  for (const r of [...now.roles].filter((x) => !before.roles.has(x) && ours(x))) await attempt(`role ${r} dropped`, `DROP ROLE IF EXISTS ${quoteIdent(r)}`);
  return { undone, left };
}
