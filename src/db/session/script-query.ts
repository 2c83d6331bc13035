import pg from 'pg';
import type { Client } from './connect.js';

/** A server error from a multi-statement query, with how many statements completed before it. */
export interface ScriptError extends Error {
  code?: string;
  position?: string;
  completed: number;
}

/**
 * node-postgres' Query, counting the CommandComplete messages of a multi-statement simple query: when a
 * statement fails, the count says which one it was, without a round trip per statement.
 */
class CountingQuery extends pg.Query {
  completed = 0;
  handleCommandComplete(msg: unknown, connection: unknown): void {
    this.completed++;
    (
      pg.Query.prototype as unknown as { handleCommandComplete(m: unknown, c: unknown): void }
    ).handleCommandComplete.call(this, msg, connection);
  }
}

/**
 * Sends several statements as one simple query (one round trip). Resolves with one result per statement that
 * completed (node-postgres gives a single result for a single statement, an array for several). On failure the
 * error carries `completed`.
 */
export function runScript(client: Client, text: string): Promise<pg.QueryResult[]> {
  return new Promise((resolve, reject) => {
    const query: CountingQuery = new CountingQuery(
      text,
      undefined,
      (err: Error | undefined, results?: pg.QueryResult | pg.QueryResult[]) => {
        if (err) reject(Object.assign(err, { completed: query.completed }));
        else resolve(results === undefined ? [] : Array.isArray(results) ? results : [results]);
      },
    );
    client.query(query);
  });
}
