import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { verify } from '../src/commands/verify.js';
import { parseConfig } from '../src/config/config.js';
import { startEmbeddedServer } from '../src/cli/embedded-server.js';
import { silentLogger } from '../src/foundation/logger.js';
import { generateMigrations } from './generate.js';

/**
 * verify of a generated folder (deployed migrations committed in git, new ones with down scripts on top), next
 * to plain psql applying the same files once, on the same server, in one run. Prints each check's cost as a
 * ratio to psql's, and the cost per new migration for growing numbers of new ones: it should stay flat.
 */
const DEPLOYED = Number(process.env.BENCH_DEPLOYED ?? 200);
const NEW = (process.env.BENCH_NEW ?? '10,20,40').split(',').map(Number);

const server = await startEmbeddedServer();
const admin = new pg.Client({ connectionString: server.url });
await admin.connect();
const urlOf = (db: string) => Object.assign(new URL(server.url), { pathname: `/${db}` }).toString();
const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, {
    cwd,
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'b',
      GIT_AUTHOR_EMAIL: 'b@b',
      GIT_COMMITTER_NAME: 'b',
      GIT_COMMITTER_EMAIL: 'b@b',
    },
  });

try {
  console.log(`verify benchmark: ${DEPLOYED} deployed migrations, PostgreSQL from ${server.source}`);
  for (const fresh of NEW) {
    const dir = mkdtempSync(join(tmpdir(), 'pmg-bench-verify-'));
    generateMigrations(DEPLOYED, { withDown: true, dir });
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, 'add', '.');
    git(dir, 'commit', '-qm', 'deployed');
    generateMigrations(fresh, { withDown: true, dir, offset: DEPLOYED });

    await admin.query(`CREATE DATABASE bench_psql_${fresh}`);
    // psql knows nothing of -- migrate:down sections: it gets the up scripts alone.
    const upOnly = mkdtempSync(join(tmpdir(), 'pmg-bench-psql-'));
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.sql'))
      .sort();
    for (const f of files)
      writeFileSync(join(upOnly, f), readFileSync(join(dir, f), 'utf8').split('-- migrate:down')[0]);
    const script = join(upOnly, 'all.psql');
    writeFileSync(script, files.map((f) => `\\i ${join(upOnly, f)}`).join('\n'));
    let t = performance.now();
    const r = spawnSync(
      'psql',
      ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', urlOf(`bench_psql_${fresh}`), '-f', script],
      { encoding: 'utf8' },
    );
    if (r.status !== 0) throw new Error(r.stderr);
    const psql = performance.now() - t;

    const config = parseConfig({
      command: 'verify',
      'migrations-dir': dir,
      'database-url': server.url,
      'base-ref': 'main',
    });
    t = performance.now();
    const report = await verify(config, { databaseUrl: server.url, log: silentLogger });
    const total = performance.now() - t;
    const ok = report.verify!.migrations.filter((m) => m.apply === 'ok').length;
    if (ok !== fresh) throw new Error(`only ${ok} of ${fresh} new migrations applied`);
    const ms = report.verify!.checkMs;
    const perCheck = Object.entries(ms)
      .map(([k, v]) => `${k} ${v} ms (${(v / psql).toFixed(2)}x)`)
      .join(', ');
    console.log(
      `  ${String(fresh).padStart(3)} new: psql applies all ${DEPLOYED + fresh} once in ${psql.toFixed(0)} ms; verify ${total.toFixed(0)} ms (${(total / psql).toFixed(2)}x)`,
    );
    console.log(`         per check: ${perCheck}`);
    console.log(
      `         per new migration (apply+locks, re-run, down/up): ${((total - ms.deployed) / fresh).toFixed(0)} ms`,
    );
  }
} finally {
  await admin.end();
  await server.stop();
}
