import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import copyStreams from 'pg-copy-streams';
import type { Client } from './connect.js';

/** Runs `COPY … FROM STDIN` with the rows that followed it in a psql-format file, streamed as psql sends them. */
export async function copyIn(client: Client, sql: string, data: string): Promise<void> {
  await pipeline(Readable.from([Buffer.from(data, 'utf8')]), client.query(copyStreams.from(sql)));
}
