import type { Client } from './connect.js';

/**
 * Runs fn inside a transaction on client: committed when fn resolves, rolled back when it throws. The one place
 * outside the migration runner that opens a transaction (the runner sends its BEGIN with the migration's text,
 * to keep a migration to one round trip).
 */
export async function withTransaction<T>(client: Client, fn: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const result = await fn();
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  }
}
