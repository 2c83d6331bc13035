import { startEmbeddedServer } from '../../src/db/embedded-server.ts';

/** One throwaway PostgreSQL for the whole run, unless DATABASE_URL names a server to use instead. */
export default async function globalSetup(): Promise<void> {
  if (process.env.DATABASE_URL) {
    process.env.TEST_DATABASE_URL = process.env.DATABASE_URL;
    return;
  }
  const server = await startEmbeddedServer();
  process.env.TEST_DATABASE_URL = server.url;
  (globalThis as { __pgServer?: { stop(): Promise<void> } }).__pgServer = server;
}
