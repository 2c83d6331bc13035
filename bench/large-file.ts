import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedServer } from '../src/cli/embedded-server.js';
import { admin, dbUrl } from './databases.js';

/**
 * One large data load (a COPY of BENCH_LARGE_MIB MiB, 1 GiB by default), applied by the bundled CLI and by plain
 * `psql -f`, side by side on the same server: wall time, its ratio to psql, and each one's peak memory. psql
 * streams the file; the CLI reads its SQL and sends the COPY rows from the file as it goes.
 */
const MIB = Number(process.env.BENCH_LARGE_MIB ?? 1024);

async function writeLoad(file: string): Promise<void> {
  const out = createWriteStream(file);
  const write = (s: string) => (out.write(s) ? undefined : new Promise<void>((r) => out.once('drain', () => r())));
  await write('CREATE TABLE load (id bigint, name text, note text);\nCOPY load (id, name, note) FROM stdin;\n');
  for (let size = 0, row = 0; size < MIB * 1024 * 1024;) {
    const batch: string[] = [];
    for (let i = 0; i < 10_000; i++, row++)
      batch.push(`${row}\tname ${row}\tsome note about row ${row}, long enough to be a real row\n`);
    const text = batch.join('');
    size += text.length;
    await write(text);
  }
  await write('\\.\n');
  await new Promise<void>((r) => out.end(() => r()));
}

/** Wall seconds and peak memory (MiB) of a command; GNU time reports the memory where it is installed. */
function measure(cmd: string, args: string[]): { seconds: number; rssMiB?: number } {
  const gnuTime = existsSync('/usr/bin/time');
  const report = join(tmpdir(), `pmg-bench-rss-${process.pid}`);
  const started = performance.now();
  const r = gnuTime
    ? spawnSync('/usr/bin/time', ['-f', '%M', '-o', report, cmd, ...args], { encoding: 'utf8' })
    : spawnSync(cmd, args, { encoding: 'utf8' });
  const seconds = (performance.now() - started) / 1000;
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr}`);
  const rssMiB = gnuTime ? Number(readFileSync(report, 'utf8').trim().split('\n').pop()) / 1024 : undefined;
  return { seconds, rssMiB };
}

const dir = mkdtempSync(join(tmpdir(), 'pmg-bench-large-'));
const file = join(dir, '001_load.sql');
await writeLoad(file);
const server = await startEmbeddedServer();
try {
  const psql = spawnSync('sh', ['-c', 'command -v psql'], { encoding: 'utf8' }).stdout.trim();
  await admin(server.url, 'CREATE DATABASE bench_large_psql');
  await admin(server.url, 'CREATE DATABASE bench_large_cli');
  const plain = measure(psql, [
    '-X',
    '-q',
    '-v',
    'ON_ERROR_STOP=1',
    '-d',
    dbUrl(server.url, 'bench_large_psql'),
    '-f',
    file,
  ]);
  const cli = measure(process.execPath, [
    'dist/cli.js',
    'apply',
    '--yes',
    '--backup',
    'false',
    '--post-backup',
    'false',
    '--migrations-dir',
    dir,
    '--database-url',
    dbUrl(server.url, 'bench_large_cli'),
    '--format',
    'json',
  ]);
  const mib = (statSync(file).size / 1024 / 1024).toFixed(0);
  const memory = (m: { rssMiB?: number }) => (m.rssMiB === undefined ? 'n/a' : `${m.rssMiB.toFixed(0)} MiB`);
  console.log(`large file benchmark: one COPY of ${mib} MiB, PostgreSQL from ${server.source}`);
  console.log(`  psql -f         ${plain.seconds.toFixed(1)} s  1.00×  peak memory ${memory(plain)}`);
  console.log(
    `  CLI apply       ${cli.seconds.toFixed(1)} s  ${(cli.seconds / plain.seconds).toFixed(2)}×  peak memory ${memory(cli)}`,
  );
} finally {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
