import { assertMajor, startTestServer } from './server.ts';

/**
 * One throwaway PostgreSQL for the whole run, of the major PG_MAJOR names (13 to 18; unset: the product's own
 * throwaway server), unless DATABASE_URL names a server to use instead.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.DATABASE_URL) {
    process.env.TEST_DATABASE_URL = process.env.DATABASE_URL;
    process.stderr.write(`\ntests on PostgreSQL ${await assertMajor(process.env.DATABASE_URL)} (DATABASE_URL)\n`);
    return;
  }
  const server = await startTestServer();
  process.env.TEST_DATABASE_URL = server.url;
  process.stderr.write(`\ntests on ${server.description}\n`);
  (globalThis as { __pgServer?: { stop(): Promise<void> } }).__pgServer = server;
}
