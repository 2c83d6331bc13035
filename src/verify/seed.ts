import { execFile } from 'node:child_process';
import { existsSync, openSync, readFileSync, readSync, closeSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Client } from '../db/connect.js';
import { InputError } from '../errors.js';
import { runScript } from '../db/script-query.js';

const run = promisify(execFile);

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

/** pg_restore from PATH or the newest versioned install folder. */
function pgRestore(): string {
  const root = '/usr/lib/postgresql';
  const versioned = existsSync(root)
    ? readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)).map((v) => join(root, v, 'bin', 'pg_restore'))
    : [];
  return versioned.find(existsSync) ?? 'pg_restore';
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
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  await run(pgRestore(), ['--data-only', '--no-owner', '--exit-on-error', '--dbname', u.toString(), file], {
    env: { ...process.env, PGPASSWORD: password },
  });
}
