import { isRestored, type RecordedCatalog } from '../backup/catalog-changes.js';
import { catalogState, type CatalogEntry } from '../db/catalog/catalog-state.js';
import type { Client } from '../db/session/connect.js';
import { serverMajor } from '../db/session/server-version.js';

/**
 * What a restore leaves as the run made it. pg_restore replaces the dump's objects; it does not touch the
 * database's own row, comment and settings (ALTER DATABASE … SET), roles, or objects new since the backup that no
 * object of the dump owns (an extension). The database's settings the run changed are put back as the backup
 * recorded them; what the run created is dropped where nothing depends on it (never CASCADE); the rest is named, so
 * that the report never says "as before" of a database that is not.
 */
export interface Leftovers {
  /** What was put back or dropped after the restore. */
  undone: string[];
  /** What stays as the run (or, for roles, someone) made it. */
  left: string[];
}

/** Settings whose value is a list: SET with one quoted string would make them a list of one. */
const LIST_SETTINGS = new Set([
  'search_path',
  'temp_tablespaces',
  'session_preload_libraries',
  'local_preload_libraries',
  'shared_preload_libraries',
]);

/** `name=value` items of a setconfig array, as text. */
async function settingItems(client: Client, array: string | undefined): Promise<Map<string, string>> {
  if (!array) return new Map();
  const r = await client.query('SELECT pg_catalog.unnest($1::text[]) AS item', [array]);
  return new Map(
    r.rows.map((row) => {
      const item = row.item as string;
      const at = item.indexOf('=');
      return [item.slice(0, at), item.slice(at + 1)];
    }),
  );
}

/** The database's own settings (ALTER DATABASE … SET), as text, and its hash as a catalog entry has it. */
export async function databaseSettings(client: Client): Promise<{ text?: string; hash?: string }> {
  const r = await client.query(
    `SELECT s.setconfig::text AS text, pg_catalog.md5(s.setconfig::text) AS hash FROM pg_catalog.pg_db_role_setting s
      WHERE s.setrole = 0 AND s.setdatabase = (SELECT oid FROM pg_catalog.pg_database WHERE datname = pg_catalog.current_database())`,
  );
  return r.rows[0] ?? {};
}

/**
 * The database's own settings back to `before`: RESET what was not set then, SET again what differed. Values may
 * be secrets: the report names the settings only.
 */
async function putSettingsBack(
  client: Client,
  before: string | undefined,
): Promise<{ undone: string[]; left: string[] }> {
  const [was, is] = [
    await settingItems(client, before),
    await settingItems(client, (await databaseSettings(client)).text),
  ];
  const out = { undone: [] as string[], left: [] as string[] };
  const database = (await client.query('SELECT pg_catalog.current_database() AS d')).rows[0].d as string;
  for (const name of new Set([...was.keys(), ...is.keys()])) {
    if (was.get(name) === is.get(name)) continue;
    const old = was.get(name);
    if (old !== undefined && LIST_SETTINGS.has(name)) {
      out.left.push(
        `the database's setting ${name} (a list: set it back with ALTER DATABASE … SET to its value at the backup)`,
      );
      continue;
    }
    const sql = old === undefined ? 'RESET %I' : 'SET %I = %L';
    const statement = (
      await client.query(`SELECT pg_catalog.format('ALTER DATABASE %I ${sql}', $1::text, $2::text, $3::text) AS s`, [
        database,
        name,
        old,
      ])
    ).rows[0].s as string;
    try {
      await client.query(statement);
      out.undone.push(
        old === undefined
          ? `the database's setting ${name} reset`
          : `the database's setting ${name} set back to its value at the backup`,
      );
    } catch (err) {
      out.left.push(`the database's setting ${name} (putting it back failed: ${(err as Error).message})`);
    }
  }
  return out;
}

/** Drops an extension the run created, unless something depends on it: then it is named instead. */
async function dropExtension(client: Client, e: CatalogEntry): Promise<string | undefined> {
  const oid = e.key.split('/')[1];
  const name = (await client.query('SELECT extname FROM pg_catalog.pg_extension WHERE oid = $1::oid', [oid])).rows[0]
    ?.extname as string | undefined;
  if (!name) return undefined;
  const statement = (
    await client.query("SELECT pg_catalog.format('DROP EXTENSION IF EXISTS %I', $1::text) AS s", [name])
  ).rows[0].s as string;
  await client.query(statement);
  return `extension ${name} dropped`;
}

/**
 * `settingsAtStart`: the database's settings when the run started (right after its backup); put back only when they
 * were the backup's then (the metadata keeps their hash, never their values).
 */
export async function afterRestore(
  client: Client,
  recorded: RecordedCatalog,
  runXids: ReadonlySet<number>,
  settingsAtStart: { text?: string; hash?: string },
): Promise<Leftovers> {
  const major = await serverMajor(client);
  const byRun = (e: CatalogEntry) => e.xmin !== undefined && runXids.has(e.xmin);
  const out: Leftovers = { undone: [], left: [] };
  const first = await catalogState(client, major);
  // 3079: pg_extension. An extension the run created is not in the dump: pg_restore left it.
  for (const e of first.filter((x) => x.key.startsWith('object:3079/') && !recorded[x.key] && byRun(x))) {
    const dropped = await dropExtension(client, e).catch(
      (err) => void out.left.push(`an extension this run created (dropping it failed: ${(err as Error).message})`),
    );
    if (dropped) out.undone.push(dropped);
  }
  // 2964: pg_db_role_setting; role 0: the database's own settings (ALTER DATABASE … SET).
  const databaseOid = first.find((e) => e.key.startsWith('object:1262/'))?.key.split('/')[1];
  const settings = first.find((e) => e.key === `setting:2964/${databaseOid}/0`);
  if (settings && settings.hash !== recorded[settings.key]?.[0] && byRun(settings)) {
    if (settingsAtStart.hash !== recorded[settings.key]?.[0])
      out.left.push(
        `the database's settings (changed by this run, and by another session before it started: not put back)`,
      );
    else {
      const put = await putSettingsBack(client, settingsAtStart.text);
      out.undone.push(...put.undone);
      out.left.push(...put.left);
    }
  }
  const now = await catalogState(client, major, { labels: true });
  const seen = new Set<string>();
  for (const e of now) {
    seen.add(e.key);
    const was = recorded[e.key];
    if (was?.[0] === e.hash) continue;
    // Restored objects are new rows, written by pg_restore: a row the run wrote and the restore left is the run's.
    if (isRestored(e.key) || e.key.startsWith('setting:')) {
      if (byRun(e)) out.left.push(`${e.label} (${was ? 'changed' : 'created'} by this run)`);
    } else if (e.key.startsWith('role:')) {
      if (!was) out.left.push(`${e.label}, new since the backup (a backup holds no roles: the restore leaves them)`);
    } else if (byRun(e))
      out.left.push(`${e.label} (${was ? 'changed' : 'set'} by this run; a backup does not hold it)`);
  }
  for (const [key, [, label]] of Object.entries(recorded)) {
    if (!seen.has(key) && !isRestored(key) && !key.startsWith('role:'))
      out.left.push(`${label} (removed since the backup; a backup does not hold it)`);
  }
  return out;
}
