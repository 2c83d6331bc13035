import type pg from 'pg';

export type Client = pg.Client;

export const APPLICATION_NAME = 'pg-migration-gate';

/** host:port/database of a URL: identifies the target in plan hashes and reports, without credentials. */
export function targetIdentity(url: string): string {
  const u = new URL(url);
  return `${u.hostname || 'localhost'}:${u.port || '5432'}${u.pathname || '/'}`;
}

/** Thrown when the server cannot be reached or refuses us; says which server (redacted) and what to check. */
export class ConnectionError extends Error {
  override name = 'ConnectionError';
}

let pgModule: typeof pg | undefined;

/** The pg package, loaded on the first connection: commands that never connect (lint) start faster without it. */
async function loadPg(): Promise<typeof pg> {
  return (pgModule ??= (await import('pg')).default);
}

/** The pg package once a connection has loaded it; before that, no pg error can exist. */
export function loadedPg(): typeof pg | undefined {
  return pgModule;
}

export async function connect(url: string): Promise<Client> {
  const pg = await loadPg();
  // Keepalives: a connection that holds the run's lock across a long migration must not be dropped as idle.
  const client = new pg.Client({ connectionString: url, application_name: APPLICATION_NAME, connectionTimeoutMillis: 15_000, keepAlive: true });
  // An idle client whose server goes away emits 'error'; without a listener that would crash the process.
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (err) {
    await client.end().catch(() => {});
    const e = err as Error & { code?: string };
    throw new ConnectionError(
      `could not connect to ${targetIdentity(url)}: ${e.message}${e.code ? ` (${e.code})` : ''}; check database-url (host, port, user, password, sslmode) and that the server accepts connections from this runner`,
      { cause: err },
    );
  }
  return client;
}

/** Runs fn with a connected client and always closes it. */
export async function withClient<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const client = await connect(url);
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}
