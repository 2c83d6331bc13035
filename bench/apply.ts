import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { applyMigrations } from '../src/commands/apply-engine.js';
import { parseConfig } from '../src/config/config.js';
import { startEmbeddedServer } from '../src/db/embedded-server.js';
import { silentLogger } from '../src/logger.js';
import { generateMigrations } from './generate.js';

/**
 * apply next to plain psql applying the same files with \i in one session, on the same server, alternating, in
 * one run, each on a fresh database. apply is measured twice: end to end as a user runs it (the bundled CLI,
 * one process, including Node's start-up and loading the parser), and the engine alone (the same command called
 * in this process: discovery, parsing, lock, history, plan and every migration). Prints medians and ratios.
 */
const COUNT = Number(process.env.BENCH_MIGRATIONS ?? 300);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);

function psqlBinary(): string {
  return execFileSync('sh', ['-c', 'command -v psql'], { encoding: 'utf8' }).trim();
}

async function admin(url: string, sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query(sql);
  await c.end();
}

function dbUrl(server: string, name: string): string {
  const u = new URL(server);
  u.pathname = `/${name}`;
  return u.toString();
}

function time(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): number {
  const t = performance.now();
  const r = spawnSync(cmd, args, { env, encoding: 'utf8' });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr || r.stdout}`);
  return ms;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const server = await startEmbeddedServer();
try {
  const { dir, files } = generateMigrations(COUNT);
  const script = join(dir, 'all.psql');
  writeFileSync(script, files.map((f) => `\\i ${join(dir, f)}`).join('\n'));
  const psql = psqlBinary();
  const cli: number[] = [];
  const engine: number[] = [];
  const plain: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    for (const kind of ['psql', 'cli', 'engine']) await admin(server.url, `CREATE DATABASE bench_${kind}_${r}`);
    plain.push(time(psql, ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', dbUrl(server.url, `bench_psql_${r}`), '-f', script]));
    // The production extras (a backup first and after) are left out: psql takes none either.
    cli.push(time(process.execPath, ['dist/cli.js', 'apply', '--yes', '--backup', 'false', '--migrations-dir', dir, '--database-url', dbUrl(server.url, `bench_cli_${r}`), '--format', 'json']));
    const url = dbUrl(server.url, `bench_engine_${r}`);
    const t = performance.now();
    const report = await applyMigrations(parseConfig({ 'migrations-dir': dir, 'database-url': url }), { databaseUrl: url, log: silentLogger, appliedBy: 'bench' });
    engine.push(performance.now() - t);
    if (report.applied.length !== COUNT) throw new Error(`engine applied ${report.applied.length} of ${COUNT}`);
  }
  const p = median(plain);
  const row = (label: string, xs: number[]) =>
    console.log(`  ${label.padEnd(44)} median ${median(xs).toFixed(0).padStart(5)} ms  ratio ${(median(xs) / p).toFixed(2)}x  [${xs.map((x) => x.toFixed(0)).join(', ')}]`);
  console.log(`apply benchmark: ${COUNT} migrations, ${ROUNDS} rounds, PostgreSQL from ${server.source}`);
  row('psql -f (\\i each file, one session)', plain);
  row('pg-migration-gate engine (apply command)', engine);
  row('pg-migration-gate CLI (node dist/cli.js)', cli);
  console.log('  target: engine within 1.15x of psql; the CLI adds Node start-up and parser loading, a fixed cost');
} finally {
  await server.stop();
}
