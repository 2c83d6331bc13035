import { closeSync, existsSync, openSync, readFileSync, readSync } from 'node:fs';
import { runTool } from '../backup/dump.js';
import { chooseTool } from '../backup/pg-tools.js';
import { toolConnection } from '../backup/tool-connection.js';
import type { Client } from '../db/session/connect.js';
import { InputError } from '../foundation/errors.js';
import { runScript } from '../db/session/script-query.js';

function isCustomDump(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const magic = Buffer.alloc(5);
    readSync(fd, magic, 0, 5, 0);
    return magic.toString('latin1') === 'PGDMP';
  } finally {
    closeSync(fd);
  }
}

/**
 * Loads realistic data before the new migrations run: an SQL file as one script, or a custom-format dump's
 * data with pg_restore. The password reaches pg_restore through its environment only.
 */
export async function loadSeed(client: Client, url: string, file: string): Promise<void> {
  if (!existsSync(file)) throw new InputError([`seed-file: '${file}' does not exist`]);
  if (!isCustomDump(file)) {
    await runScript(client, readFileSync(file, 'utf8'));
    return;
  }
  const major = Math.floor(Number((await client.query('SHOW server_version_num')).rows[0].server_version_num) / 10000);
  const pgRestore = await chooseTool('pg_restore', major);
  const conn = toolConnection(url, pgRestore);
  await runTool(
    pgRestore,
    ['--data-only', '--no-owner', '--exit-on-error', '--no-password', conn.dbnameArg, file],
    conn.env,
    conn.files,
  );
}
