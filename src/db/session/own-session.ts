import { connect, withClient, type Client } from './connect.js';

/**
 * The limits a server, a database or a role may put on every session (`ALTER ROLE app SET idle_session_timeout =
 * '2s'`, `ALTER DATABASE … SET statement_timeout = …`) that would end a session of ours in the middle of what it
 * is there for: the run's control session sits idle holding the advisory lock while a migration runs on another
 * session, the backup's snapshot transaction sits idle while pg_dump reads, verify's admin session waits out every
 * check, the restore guard waits for the statistics. They are turned off on our own sessions, which run our own
 * queries only; what those wait for is bounded by lock_timeout and by our own code instead.
 */
export const SESSION_LIMITS = [
  'idle_session_timeout',
  'idle_in_transaction_session_timeout',
  'statement_timeout',
  'transaction_timeout',
] as const;

/**
 * One statement that sets each of `settings` for the session (as SET would), skipping those the server does not
 * have: idle_session_timeout came with PostgreSQL 14, transaction_timeout with 17, and current_setting(name, true)
 * is NULL for a name the server does not know, so the statement runs on every version without asking it first.
 * Names and values are ours (checked here), never user text; everything is schema-qualified, so a migration's
 * search_path cannot move it.
 */
export function sessionSettings(settings: Record<string, string>): string {
  const rows = Object.entries(settings).map(([name, value]) => {
    if (!/^[a-z_]+$/.test(name) || !/^\d+$/.test(value)) throw new Error(`not a setting of ours: ${name} = ${value}`);
    return `('${name}', '${value}')`;
  });
  return `SELECT pg_catalog.set_config(v.name, v.value, false) FROM (VALUES ${rows.join(', ')}) AS v (name, value) WHERE pg_catalog.current_setting(v.name, true) IS NOT NULL`;
}

/** Every limit of SESSION_LIMITS off (0), on whatever server version. */
export const OWN_SESSION_LIMITS = Object.fromEntries(SESSION_LIMITS.map((name) => [name, '0'])) as Record<
  (typeof SESSION_LIMITS)[number],
  string
>;

/** The statement that makes a session ours: sent once, right after it connects. */
export const OWN_SESSION_SQL = sessionSettings(OWN_SESSION_LIMITS);

/** A connection of ours that the server's session limits leave alone: one round trip more than connect. */
export async function connectOwn(url: string): Promise<Client> {
  const client = await connect(url);
  try {
    await client.query(OWN_SESSION_SQL);
  } catch (err) {
    await client.end().catch(() => {});
    throw err;
  }
  return client;
}

/** Runs fn on a connection of ours (see connectOwn) and always closes it. */
export function withOwnClient<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  return withClient(url, fn, connectOwn);
}
