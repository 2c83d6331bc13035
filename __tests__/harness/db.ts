import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The test server's URL with another database name. */
export function urlFor(database: string): string {
  const u = new URL(serverUrl());
  u.pathname = `/${database}`;
  return u.toString();
}

/** Each jest worker has a server of its own (global-setup.ts): worker n's URL is in TEST_DATABASE_URL_<n>. */
export const WORKER_URL_PREFIX = 'TEST_DATABASE_URL_';

/** The server of this jest worker, else the run's one server (DATABASE_URL, or a run in band). */
export function serverUrl(): string {
  const url = process.env[`${WORKER_URL_PREFIX}${process.env.JEST_WORKER_ID}`] ?? process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set: the jest global setup did not run');
  return url;
}

/** One query on a connection of its own to `url`, closed however it ends. */
export async function queryAt(url: string, sql: string, params: unknown[] = []): Promise<pg.QueryResult> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await c.query(sql, params);
  } finally {
    await c.end();
  }
}

export async function adminQuery(sql: string, params: unknown[] = []): Promise<pg.QueryResult> {
  return queryAt(serverUrl(), sql, params);
}

/** A database of its own for one test; drop() removes it, ending any session still connected. */
export interface ScratchDb {
  name: string;
  url: string;
  query(sql: string, params?: unknown[]): Promise<pg.QueryResult>;
  drop(): Promise<void>;
}

/**
 * What PostgreSQL says of `sql` inside a transaction rolled back after: 'ok', or the error's SQLSTATE. One query,
 * so one connection: each query of a ScratchDb has a connection of its own.
 */
export async function inRolledBack(db: ScratchDb, sql: string): Promise<string> {
  try {
    await db.query(`BEGIN; ${sql}; ROLLBACK`);
    return 'ok';
  } catch (err) {
    return (err as { code: string }).code;
  }
}

export async function scratchDb(): Promise<ScratchDb> {
  const name = `pmg_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = urlFor(name);
  return {
    name,
    url,
    async query(sql, params = []) {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        return await c.query(sql, params);
      } finally {
        await c.end();
      }
    },
    async drop() {
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
