import { assertMajor, startTestServer, type TestServer } from './server.ts';
import { WORKER_URL_PREFIX } from './db.ts';

/**
 * One throwaway PostgreSQL per jest worker, of the major PG_MAJOR names (13 to 18; unset: the product's own
 * throwaway server), unless DATABASE_URL names a server to use instead (jest.config.js then runs one worker).
 *
 * A server per worker, not one for all: some tests change what every session of their server sees (ALTER SYSTEM,
 * roles, a verify that drops the leftovers of "killed" runs, counts of scratch databases, advisory locks and
 * restore sessions over the whole server). Within a worker the test files run one after another, as they did on
 * the single server of a one-worker run; workers never see one another's sessions. Worker n reads
 * TEST_DATABASE_URL_<n> (db.ts); the environment set here reaches the workers, which jest starts afterwards.
 */
export default async function globalSetup(globalConfig: { maxWorkers: number }): Promise<void> {
  if (process.env.DATABASE_URL) {
    process.env.TEST_DATABASE_URL = process.env.DATABASE_URL;
    process.stderr.write(`\ntests on PostgreSQL ${await assertMajor(process.env.DATABASE_URL)} (DATABASE_URL)\n`);
    return;
  }
  const workers = Math.max(1, globalConfig.maxWorkers);
  const started = await Promise.allSettled(Array.from({ length: workers }, () => startTestServer()));
  const servers = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  (globalThis as { __pgServers?: TestServer[] }).__pgServers = servers;
  const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) {
    await Promise.all(servers.map((s) => s.stop()));
    throw failed.reason;
  }
  // A run in band (one worker, or jest's choice for a single file) is worker 1.
  process.env.TEST_DATABASE_URL = servers[0].url;
  servers.forEach((s, i) => (process.env[`${WORKER_URL_PREFIX}${i + 1}`] = s.url));
  process.stderr.write(
    `\ntests on ${servers[0].description}${workers > 1 ? `, one server per worker (${workers})` : ''}\n`,
  );
}
