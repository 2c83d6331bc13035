import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { chooseTool } from '../src/backup/pg-tools.js';
import { startEmbeddedServer } from '../src/cli/embedded-server.js';

/**
 * backup of a generated database of BENCH_BACKUP_MB (default 1024) MB, end to end through the CLI (dump, check,
 * sha256, metadata), next to plain pg_dump -Fc of the same database in the same run; with the CLI's peak RSS.
 */
const MB = Number(process.env.BENCH_BACKUP_MB ?? 1024);
const server = await startEmbeddedServer();
const c = new pg.Client({ connectionString: server.url });
await c.connect();
try {
  // About 120 bytes a row on disk with the index.
  const rows = Math.round((MB * 1024 * 1024) / 120);
  let t = performance.now();
  await c.query(
    'CREATE TABLE events (id bigint PRIMARY KEY, kind text NOT NULL, payload text NOT NULL, at timestamptz NOT NULL)',
  );
  for (let done = 0; done < rows; done += 1_000_000) {
    await c.query(
      `INSERT INTO events SELECT g, 'kind-' || (g % 17), md5(g::text) || md5((g * 7)::text), now() - (g || ' seconds')::interval FROM generate_series($1::bigint, $2::bigint) g`,
      [done + 1, Math.min(done + 1_000_000, rows)],
    );
  }
  const size = (await c.query('SELECT pg_database_size(current_database()) AS s')).rows[0].s;
  console.log(
    `backup benchmark: database of ${(size / 1048576).toFixed(0)} MB (${rows} rows) generated in ${((performance.now() - t) / 1000).toFixed(0)} s`,
  );

  const pgDump = await chooseTool('pg_dump', 15);
  const dir = mkdtempSync(join(tmpdir(), 'pmg-bench-backup-'));
  const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
  const plain: number[] = [];
  const tool: number[] = [];
  let rss = 0;
  let dumpSize = 0;
  for (let r = 0; r < rounds; r++) {
    t = performance.now();
    execFileSync(pgDump.path, ['--format=custom', `--file=${join(dir, `plain-${r}.dump`)}`, `--dbname=${server.url}`]);
    plain.push(performance.now() - t);
    dumpSize = statSync(join(dir, `plain-${r}.dump`)).size;
    t = performance.now();
    const out = spawnSync(
      '/usr/bin/time',
      [
        '-f',
        '%M',
        process.execPath,
        'dist/cli.js',
        'backup',
        '--database-url',
        server.url,
        '--backup-dir',
        join(dir, `tool-${r}`),
        '--format',
        'json',
      ],
      { encoding: 'utf8' },
    );
    tool.push(performance.now() - t);
    if (out.status !== 0) throw new Error(out.stderr);
    rss = Math.max(rss, Number(out.stderr.trim().split('\n').pop()));
  }
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(
    `  pg_dump -Fc alone:                    median ${(med(plain) / 1000).toFixed(1)} s  [${plain.map((x) => (x / 1000).toFixed(1)).join(', ')}]  dump ${(dumpSize / 1048576).toFixed(0)} MB`,
  );
  console.log(
    `  pg-migration-gate backup (CLI):       median ${(med(tool) / 1000).toFixed(1)} s  [${tool.map((x) => (x / 1000).toFixed(1)).join(', ')}]  (dump + pg_restore --list + sha256 + metadata)`,
  );
  console.log(
    `  ratio backup / pg_dump: ${(med(tool) / med(plain)).toFixed(2)}x (target <= 1.05x); CLI peak RSS ${(rss / 1024).toFixed(0)} MB (target < 150 MB)`,
  );
} finally {
  await c.end();
  await server.stop();
}
