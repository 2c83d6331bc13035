import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { libpqArgs, type PgTool } from './pg-tools.js';

/** Runs a PostgreSQL client tool; its output streams to files, never through this process's memory. */
export function runTool(tool: PgTool, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool.path, [...(tool.prefix ?? []), ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      if (out.length < 1_000_000) out += d;
    });
    child.stderr.on('data', (d) => {
      if (err.length < 100_000) err += d;
    });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${(tool.prefix?.at(-1) ?? tool.path).split('/').pop()} exited with ${code}: ${err.trim() || '(no message)'}`))));
  });
}

/** pg_dump in custom format (compressed) straight to `file`. */
export async function dumpDatabase(pgDump: PgTool, url: string, file: string): Promise<void> {
  const { dbname, env } = libpqArgs(url);
  await runTool(pgDump, ['--format=custom', '--no-password', `--file=${file}`, `--dbname=${dbname}`], env);
}

/** pg_restore --list: the dump's table of contents can be read, entry by entry. Returns the entry count. */
export async function checkDump(pgRestore: PgTool, file: string): Promise<number> {
  const list = await runTool(pgRestore, ['--list', file], process.env);
  return list.split('\n').filter((l) => /^\d+;/.test(l)).length;
}

/** sha256 of a file, streamed. */
export function sha256File(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (d) => hash.update(d))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

/**
 * pg_restore into an existing database: objects are dropped first (--clean --if-exists), the first error stops
 * it, and the whole restore is one transaction, so a failed restore changes nothing.
 */
export async function restoreDump(pgRestore: PgTool, url: string, file: string): Promise<void> {
  const { dbname, env } = libpqArgs(url);
  await runTool(pgRestore, ['--clean', '--if-exists', '--exit-on-error', '--single-transaction', '--no-owner', '--no-password', `--dbname=${dbname}`, file], env);
}
