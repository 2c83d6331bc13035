import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startEmbeddedServer } from '../src/cli/embedded-server.js';
import { admin, dbUrl } from './databases.js';

/**
 * What production's users feel while a migration runs: WRITERS clients update a hot table as fast as they can, a
 * reader holds ACCESS SHARE on it for READER_S seconds (a report, a long transaction), and `ALTER TABLE hot ADD
 * COLUMN note text` starts during it, applied by plain psql, dbmate (from the npm registry) and this CLI, with its
 * defaults and with the old default lock-timeout and retries (5 s, 3), one after another on fresh databases of one
 * server. Prints, per tool: the writers' longest and 99th-percentile latency, the longest stretch with no write
 * completing, how long the migration took, and whether it was applied. The writers are a closed loop (a stalled
 * writer sends nothing new), so the p99 hides a stall that the longest write and the longest stretch show.
 */
const WRITERS = Number(process.env.BENCH_WRITERS ?? 8);
const READER_S = Number(process.env.BENCH_READER_S ?? 10);
const MIGRATION_AT_S = 1;

interface Tool {
  name: string;
  /** `dir`: a dbmate-format folder; `plain`: the up statement alone, for psql. */
  run(url: string, dir: string, plain: string): { cmd: string; args: string[] };
}

const CLI = ['dist/cli.js', 'apply', '--yes', '--backup', 'false', '--post-backup', 'false'];
const TOOLS: Tool[] = [
  {
    name: 'psql -f',
    run: (url, _dir, plain) => ({ cmd: 'psql', args: ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url, '-f', plain] }),
  },
  // dbmate asks for TLS unless told otherwise; the throwaway server has none.
  {
    name: 'dbmate up',
    run: (url, dir) => ({
      cmd: join('node_modules', '@dbmate', 'linux-x64', 'bin', 'dbmate'),
      args: [
        '--url',
        `${url}${url.includes('?') ? '&' : '?'}sslmode=disable`,
        '--migrations-dir',
        dir,
        '--no-dump-schema',
        'up',
      ],
    }),
  },
  {
    name: 'this CLI, --lock-timeout 5s --lock-retries 3 (the old defaults)',
    run: (url, dir) => ({
      cmd: process.execPath,
      args: [...CLI, '--lock-timeout', '5s', '--lock-retries', '3', '--migrations-dir', dir, '--database-url', url],
    }),
  },
  {
    name: 'this CLI, defaults',
    run: (url, dir) => ({ cmd: process.execPath, args: [...CLI, '--migrations-dir', dir, '--database-url', url] }),
  },
];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function round(serverUrl: string, tool: Tool, n: number) {
  const name = `bench_live_${n}`;
  await admin(serverUrl, `CREATE DATABASE ${name}`);
  const url = dbUrl(serverUrl, name);
  await admin(
    url,
    'CREATE TABLE hot (id int PRIMARY KEY, n bigint NOT NULL DEFAULT 0); INSERT INTO hot (id) SELECT generate_series(1, 100)',
  );
  const dir = mkdtempSync(join(tmpdir(), 'pmg-live-'));
  writeFileSync(
    join(dir, '20240101000000_note.sql'),
    '-- migrate:up\nALTER TABLE hot ADD COLUMN note text;\n\n-- migrate:down\nALTER TABLE hot DROP COLUMN note;\n',
  );
  const plain = join(mkdtempSync(join(tmpdir(), 'pmg-live-psql-')), 'note.sql');
  writeFileSync(plain, 'ALTER TABLE hot ADD COLUMN note text;\n');

  const t0 = performance.now();
  const done: { at: number; ms: number }[] = [];
  let running = true;
  const writers = await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      const c = new pg.Client({ connectionString: url, application_name: 'writer' });
      await c.connect();
      return c;
    }),
  );
  const writing = writers.map(async (c) => {
    while (running) {
      const started = performance.now();
      await c.query('UPDATE hot SET n = n + 1 WHERE id = $1', [1 + Math.floor(Math.random() * 100)]);
      done.push({ at: performance.now() - t0, ms: performance.now() - started });
    }
  });
  const reader = new pg.Client({ connectionString: url, application_name: 'reader' });
  await reader.connect();
  await sleep(500);
  await reader.query('BEGIN; SELECT count(*) FROM hot');
  const readerEnds = sleep(READER_S * 1000).then(() => reader.query('COMMIT'));

  await sleep(MIGRATION_AT_S * 1000);
  const { cmd, args } = tool.run(url, dir, plain);
  const started = performance.now();
  const exit = await new Promise<number>((resolve) =>
    spawn(cmd, args, { stdio: 'ignore' }).on('exit', (code) => resolve(code ?? 1)),
  );
  const migrationS = (performance.now() - started) / 1000;
  await readerEnds;
  await sleep(1000);
  running = false;
  await Promise.all(writing);
  await Promise.all([...writers, reader].map((c) => c.end()));
  const applied = exit === 0 && (await columnExists(url));
  await admin(serverUrl, `DROP DATABASE ${name}`);

  const latencies = done.map((d) => d.ms).sort((a, b) => a - b);
  const times = done.map((d) => d.at).sort((a, b) => a - b);
  let stall = 0;
  for (let i = 1; i < times.length; i++) stall = Math.max(stall, times[i] - times[i - 1]);
  return {
    max: latencies[latencies.length - 1],
    p99: latencies[Math.floor(latencies.length * 0.99)],
    stallS: stall / 1000,
    migrationS,
    applied,
    writes: done.length,
  };
}

async function columnExists(url: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const r = await c.query(
    "SELECT count(*)::int AS n FROM information_schema.columns WHERE table_name = 'hot' AND column_name = 'note'",
  );
  await c.end();
  return r.rows[0].n === 1;
}

const server = await startEmbeddedServer();
try {
  console.log(
    `live-load benchmark: ${WRITERS} writers on a hot table, a reader holding ACCESS SHARE for ${READER_S} s, ALTER TABLE hot ADD COLUMN started ${MIGRATION_AT_S} s into it; PostgreSQL from ${server.source}`,
  );
  console.log(
    '| tool | writes | longest write | p99 write | longest stretch with no write | migration took | applied |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  let n = 0;
  for (const tool of TOOLS) {
    const r = await round(server.url, tool, n++);
    console.log(
      `| ${tool.name} | ${r.writes} | ${r.max.toFixed(0)} ms | ${r.p99.toFixed(0)} ms | ${r.stallS.toFixed(2)} s | ${r.migrationS.toFixed(1)} s | ${r.applied ? 'yes' : 'no'} |`,
    );
  }
} finally {
  await server.stop();
}
