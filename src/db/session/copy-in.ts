import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import copyStreams from 'pg-copy-streams';
import type { RowsOnDisk } from '../../model/migration.js';
import type { Client } from './connect.js';

/**
 * Runs `COPY … FROM STDIN` with the rows that followed it in a psql-format file, streamed as psql sends them:
 * from memory, or from the file for a large one's rows left on disk.
 */
export async function copyIn(client: Client, sql: string, data: string | RowsOnDisk): Promise<void> {
  const rows =
    typeof data === 'string'
      ? Readable.from([Buffer.from(data, 'utf8')])
      : data.to > data.from
        ? createReadStream(data.path, { start: data.from, end: data.to - 1 })
        : Readable.from([]);
  await pipeline(rows, client.query(copyStreams.from(sql)));
}
