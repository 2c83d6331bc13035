import { installedTools } from '../../src/backup/pg-tools.js';
import { withClient } from '../../src/db/session/connect.js';
import { serverMajor } from '../../src/db/session/server-version.js';
import { serverUrl } from './db.js';

/**
 * pg_dump and pg_restore refuse servers of a newer major than their own, so a machine whose newest client tools are
 * 15 cannot back up a PostgreSQL 16, 17 or 18 test server; there the product refuses before anything is dumped,
 * which backup.test.ts asserts on every major. Tests that need a real dump, or an apply that takes a backup
 * (backup: true is the default), are declared with `withPgDump.test` or `withPgDump.describe`: where the tools
 * cannot serve the test server they are reported as skipped, their title saying why, never counted as passed.
 */

/** Why this machine's client tools cannot dump and restore a server of `major`; undefined when they can. */
export async function backupToolsMissing(major: number): Promise<string | undefined> {
  for (const name of ['pg_dump', 'pg_restore']) {
    const tools = await installedTools(name);
    if (tools.some((t) => t.major >= major)) continue;
    const newest = tools.sort((x, y) => y.major - x.major)[0];
    return `needs ${name} ${major} or newer, the newest installed is ${newest ? `${newest.version} (${newest.path})` : 'none'}`;
  }
  return undefined;
}

/** The test server's major, and why it cannot be dumped here (undefined: it can). */
export const testServerMajor = await withClient(serverUrl(), serverMajor);
const missing = await backupToolsMissing(testServerMajor);

type TestFn = (name: string, fn: jest.ProvidesCallback, timeout?: number) => void;
type DescribeFn = (name: string, body: () => void) => void;

const why = (name: string) => `${name} [not run on PostgreSQL ${testServerMajor}: ${missing}]`;

export const withPgDump: { test: TestFn; describe: DescribeFn } = missing
  ? {
      test: (name, fn, timeout) => test.skip(why(name), fn, timeout),
      describe: (name, body) => describe.skip(why(name), body),
    }
  : { test, describe };
