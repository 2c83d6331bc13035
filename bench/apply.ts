import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import YAML from 'yaml';
import { applyMigrations } from '../src/apply/pipeline.js';
import { parseConfig } from '../src/config/config.js';
import { startEmbeddedServer } from '../src/db/embedded-server.js';
import { silentLogger } from '../src/logger.js';
import { generateMigrations } from './generate.js';
import { admin, dbUrl } from './databases.js';

/**
 * apply next to plain psql applying the same files with \i in one session, on the same server, alternating, in
 * one run, each on a fresh database. apply is measured three ways: the action bundle as the runner runs it (the
 * production door: one process, inputs as INPUT_* variables, output and summary files), the bundled CLI (the
 * same, from a terminal), and the engine alone (the command called in this process: discovery, parsing, lock,
 * history, plan and every migration). Prints medians and ratios to psql.
 */
const COUNT = Number(process.env.BENCH_MIGRATIONS ?? 300);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);

function psqlBinary(): string {
  return execFileSync('sh', ['-c', 'command -v psql'], { encoding: 'utf8' }).trim();
}

function time(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): number {
  const t = performance.now();
  const r = spawnSync(cmd, args, { env, encoding: 'utf8' });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr || r.stdout}`);
  return ms;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * The environment the runner gives the action's step: every input of action.yml as INPUT_<NAME> with its default
 * (an expression such as ${{ github.token }} has no value here), the given inputs over them, and the runner's
 * files, emptied for each run.
 */
function runnerEnv(given: Record<string, string>, runnerTemp: string): NodeJS.ProcessEnv {
  const { inputs } = YAML.parse(readFileSync('action.yml', 'utf8')) as { inputs: Record<string, { default?: string }> };
  for (const name of Object.keys(given)) if (!(name in inputs)) throw new Error(`action.yml has no input ${name}`);
  const env: NodeJS.ProcessEnv = { ...process.env, GITHUB_ACTIONS: 'true', RUNNER_TEMP: runnerTemp, GITHUB_WORKSPACE: process.cwd() };
  for (const [name, spec] of Object.entries(inputs)) {
    const value = given[name] ?? spec.default ?? '';
    env[`INPUT_${name.toUpperCase()}`] = value.includes('${{') ? '' : value;
  }
  env.GITHUB_OUTPUT = join(runnerTemp, 'output');
  env.GITHUB_STEP_SUMMARY = join(runnerTemp, 'summary');
  writeFileSync(env.GITHUB_OUTPUT, '');
  writeFileSync(env.GITHUB_STEP_SUMMARY, '');
  return env;
}

/** The action's `applied` output, from the file @actions/core writes (name<<delimiter, value, delimiter). */
function appliedOutput(outputFile: string): number {
  return Number(/^applied<<(.+)\n(.*)\n\1$/m.exec(readFileSync(outputFile, 'utf8'))?.[2]);
}

const server = await startEmbeddedServer();
try {
  const { dir, files } = generateMigrations(COUNT);
  const script = join(dir, 'all.psql');
  writeFileSync(script, files.map((f) => `\\i ${join(dir, f)}`).join('\n'));
  const psql = psqlBinary();
  const runnerTemp = mkdtempSync(join(tmpdir(), 'pmg-bench-runner-'));
  const action: number[] = [];
  const cli: number[] = [];
  const engine: number[] = [];
  const plain: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    for (const kind of ['psql', 'action', 'cli', 'engine']) await admin(server.url, `CREATE DATABASE bench_${kind}_${r}`);
    plain.push(time(psql, ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', dbUrl(server.url, `bench_psql_${r}`), '-f', script]));
    // The production extras (a backup first and after, the environment gate) are left out: psql takes none either.
    const env = runnerEnv({ command: 'apply', 'migrations-dir': dir, 'database-url': dbUrl(server.url, `bench_action_${r}`), 'allow-ungated': 'true', backup: 'false' }, runnerTemp);
    action.push(time(process.execPath, ['dist/index.js'], env));
    if (appliedOutput(env.GITHUB_OUTPUT!) !== COUNT) throw new Error(`the action applied ${appliedOutput(env.GITHUB_OUTPUT!)} of ${COUNT}`);
    cli.push(time(process.execPath, ['dist/cli.js', 'apply', '--yes', '--backup', 'false', '--migrations-dir', dir, '--database-url', dbUrl(server.url, `bench_cli_${r}`), '--format', 'json']));
    const url = dbUrl(server.url, `bench_engine_${r}`);
    const t = performance.now();
    const report = await applyMigrations(parseConfig({ 'migrations-dir': dir, 'database-url': url }), { databaseUrl: url, log: silentLogger, appliedBy: 'bench' });
    engine.push(performance.now() - t);
    if (report.applied.length !== COUNT) throw new Error(`engine applied ${report.applied.length} of ${COUNT}`);
  }
  const p = median(plain);
  const row = (label: string, xs: number[]) =>
    console.log(`  ${label.padEnd(46)} median ${median(xs).toFixed(0).padStart(5)} ms  ratio ${(median(xs) / p).toFixed(2)}x  [${xs.map((x) => x.toFixed(0)).join(', ')}]`);
  console.log(`apply benchmark: ${COUNT} migrations, ${ROUNDS} rounds, PostgreSQL from ${server.source}`);
  row('psql -f (\\i each file, one session)', plain);
  row('pg-migration-gate engine (apply command)', engine);
  row('pg-migration-gate CLI (node dist/cli.js)', cli);
  row('pg-migration-gate action (node dist/index.js)', action);
  const ratio = median(action) / p;
  console.log(`  target: the action bundle, whole process as the runner runs it, within 1.15x of psql: ${ratio.toFixed(2)}x — ${ratio <= 1.15 ? 'met' : 'NOT MET'}`);
} finally {
  await server.stop();
}
