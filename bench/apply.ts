import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyMigrations } from '../src/engine/pipeline.js';
import { parseConfig } from '../src/config/config.js';
import { startEmbeddedServer } from '../src/cli/embedded-server.js';
import { silentLogger } from '../src/foundation/logger.js';
import { generateMigrations, type Wrapping } from './generate.js';
import { admin, dbUrl } from './databases.js';
import { appliedOutput, runnerEnv } from './runner-env.js';

/**
 * apply next to its peers on the same files, on the same server, alternating, in one run, each on a fresh database:
 * plain psql applying them with \i in one session, dbmate and node-pg-migrate (both from the npm registry, each
 * running every migration in a transaction of its own, as this tool does), and this tool three ways: the action
 * bundle as the runner runs it (the production door: one process, inputs as INPUT_* variables, output and summary
 * files), the bundled CLI (the same, from a terminal), and the engine alone (the command called in this process:
 * discovery, parsing, lock, history, plan and every migration). Every tool gets the same statements, each in its own
 * folder convention (see generate.ts). Prints medians, ratios to psql and to dbmate, and the action against the CLI.
 */
const DBMATE = join('node_modules', '@dbmate', 'linux-x64', 'bin', 'dbmate');
const NODE_PG_MIGRATE = join('node_modules', 'node-pg-migrate', 'bin', 'node-pg-migrate.js');
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

/** A tool run as its own process against a database: the command, or the in-process engine. */
interface Contender {
  label: string;
  run(url: string): number | Promise<number>;
}

const server = await startEmbeddedServer();
try {
  const folder = (wrapping: Wrapping) => generateMigrations(COUNT, { wrapping });
  const { dir, files } = folder('begin-commit');
  const dbmateDir = folder('dbmate').dir;
  const npmDir = folder('bare').dir;
  const script = join(dir, 'all.psql');
  writeFileSync(script, files.map((f) => `\\i ${join(dir, f)}`).join('\n'));
  const psql = psqlBinary();
  const runnerTemp = mkdtempSync(join(tmpdir(), 'pmg-bench-runner-'));
  const contenders: Contender[] = [
    {
      label: 'psql -f (\\i each file, one session)',
      run: (url) => time(psql, ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url, '-f', script]),
    },
    // dbmate asks for TLS unless told otherwise; the throwaway server has none.
    {
      label: 'dbmate up',
      run: (url) =>
        time(DBMATE, ['--url', `${url}?sslmode=disable`, '--migrations-dir', dbmateDir, '--no-dump-schema', 'up']),
    },
    {
      label: 'node-pg-migrate up (a transaction each)',
      run: (url) =>
        time(
          process.execPath,
          [
            NODE_PG_MIGRATE,
            'up',
            '--migrations-dir',
            npmDir,
            '--no-single-transaction',
            '--migration-file-language',
            'sql',
          ],
          { ...process.env, DATABASE_URL: url },
        ),
    },
    {
      label: 'pg-migration-gate engine (apply command)',
      run: async (url) => {
        const t = performance.now();
        const report = await applyMigrations(parseConfig({ 'migrations-dir': dir, 'database-url': url }), {
          databaseUrl: url,
          log: silentLogger,
          appliedBy: 'bench',
        });
        if (report.applied.length !== COUNT) throw new Error(`engine applied ${report.applied.length} of ${COUNT}`);
        return performance.now() - t;
      },
    },
    {
      label: 'pg-migration-gate CLI (node dist/cli.js)',
      run: (url) =>
        time(process.execPath, [
          'dist/cli.js',
          'apply',
          '--yes',
          '--backup',
          'false',
          '--migrations-dir',
          dir,
          '--database-url',
          url,
          '--format',
          'json',
        ]),
    },
    {
      label: 'pg-migration-gate action (node dist/index.js)',
      run: (url) => {
        // The production extras (a backup first and after, the environment gate) are left out: the peers take none either.
        const env = runnerEnv(
          { command: 'apply', 'migrations-dir': dir, 'database-url': url, 'allow-ungated': 'true', backup: 'false' },
          runnerTemp,
        );
        const ms = time(process.execPath, ['dist/index.js'], env);
        if (appliedOutput(env.GITHUB_OUTPUT!) !== COUNT)
          throw new Error(`the action applied ${appliedOutput(env.GITHUB_OUTPUT!)} of ${COUNT}`);
        return ms;
      },
    },
  ];
  const times = contenders.map(() => [] as number[]);
  for (let r = 0; r < ROUNDS; r++) {
    for (const [i, c] of contenders.entries()) {
      await admin(server.url, `CREATE DATABASE bench_${i}_${r}`);
      times[i].push(await c.run(dbUrl(server.url, `bench_${i}_${r}`)));
    }
  }
  const med = times.map(median);
  const [psqlMs, dbmateMs] = med;
  console.log(`apply benchmark: ${COUNT} migrations, ${ROUNDS} rounds, PostgreSQL from ${server.source}`);
  for (const [i, c] of contenders.entries()) {
    console.log(
      `  ${c.label.padEnd(46)} median ${med[i].toFixed(0).padStart(5)} ms  ${(med[i] / psqlMs).toFixed(2)}x psql  ${(med[i] / dbmateMs).toFixed(2)}x dbmate  [${times[i].map((x) => x.toFixed(0)).join(', ')}]`,
    );
  }
  const [cli, action] = med.slice(-2);
  const verdict = (ok: boolean) => (ok ? 'met' : 'NOT MET');
  console.log(
    `  target: the CLI, whole process, at most dbmate's time: ${(cli / dbmateMs).toFixed(2)}x — ${verdict(cli <= dbmateMs)}`,
  );
  console.log(
    `  target: the action within 10% of the CLI: ${(action / cli).toFixed(2)}x — ${verdict(action <= cli * 1.1)}`,
  );
} finally {
  await server.stop();
}
