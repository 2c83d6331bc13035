import { randomBytes } from 'node:crypto';
import { queryAt, type ScratchDb } from '../harness/db.js';
import { startTestServer } from '../harness/server.js';

/**
 * A server of the test file's own. With `autovacuum: false` nothing else commits on it: transaction ids are
 * server-wide, so "no transaction but ours committed" (which vouches that the writes the statistics count were
 * rolled back) can only be seen there. With autovacuum on (the default), it runs every second, as busy servers
 * see it: auto-ANALYZE commits transactions of its own, which must not stop a restore. It is of the run's major
 * (PG_MAJOR), as the shared server is.
 */
export interface QuietServer {
  url: string;
  /** A new database on it, as scratchDb() makes on the shared server. */
  database(): Promise<ScratchDb>;
  stop(): Promise<void>;
}

const run = queryAt;

export async function quietServer(o: { autovacuum?: boolean } = {}): Promise<QuietServer> {
  const server = await startTestServer();
  if (o.autovacuum === false) await run(server.url, 'ALTER SYSTEM SET autovacuum = off');
  else {
    await run(server.url, 'ALTER SYSTEM SET autovacuum = on');
    await run(server.url, 'ALTER SYSTEM SET autovacuum_naptime = 1');
  }
  await run(server.url, 'SELECT pg_reload_conf()');
  const urlOf = (name: string) => {
    const u = new URL(server.url);
    u.pathname = `/${name}`;
    return u.toString();
  };
  return {
    url: server.url,
    async database() {
      const name = `pmg_quiet_${randomBytes(6).toString('hex')}`;
      await run(server.url, `CREATE DATABASE ${name}`);
      const url = urlOf(name);
      return {
        name,
        url,
        query: (sql, params) => run(url, sql, params),
        drop: async () => void (await run(server.url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)),
      };
    },
    stop: () => server.stop(),
  };
}

/**
 * A quiet server for the describe block (or file) that calls it, and a new database on it for each test: `db`
 * always stands for the current test's database, `server()` for the server.
 */
export function quietDatabasePerTest(o: { autovacuum?: boolean } = {}): { db: ScratchDb; server: () => QuietServer } {
  let server: QuietServer;
  let current: ScratchDb;
  beforeAll(async () => {
    server = await quietServer(o);
  });
  afterAll(async () => {
    await server.stop();
  });
  beforeEach(async () => {
    current = await server.database();
  });
  afterEach(async () => {
    await current.drop();
  });
  const db: ScratchDb = {
    get name() {
      return current.name;
    },
    get url() {
      return current.url;
    },
    query: (sql, params) => current.query(sql, params),
    drop: () => current.drop(),
  };
  return { db, server: () => server };
}
