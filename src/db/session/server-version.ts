import type { Client } from './connect.js';

const known = new WeakMap<Client, number>();

/** The server's version as `server_version_num` (150004 for 15.4), asked once per connection. */
export async function serverVersion(client: Client): Promise<number> {
  let v = known.get(client);
  if (v === undefined) {
    v = Number((await client.query("SELECT current_setting('server_version_num') AS v")).rows[0].v);
    known.set(client, v);
  }
  return v;
}

/** The server's major version: 15 for 15.4. */
export async function serverMajor(client: Client): Promise<number> {
  return Math.floor((await serverVersion(client)) / 10000);
}
