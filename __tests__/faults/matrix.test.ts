import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { LOCK_NAMESPACE, lockKey } from '../../src/db/session/advisory-lock.js';
import { parseOutputFile, runnerEnv } from '../harness/action-runner.js';
import { scratchDb, type ScratchDb } from '../harness/db.js';
import { addFile, makeFolder } from '../harness/folders.js';

/**
 * Every failure is a report. A fault is injected at each step of each command, run as a user runs it (the
 * bundled CLI, a real process), and each time: the exit code the README promises (2 for input, 1 for a failed
 * run), a JSON report with the finding, what was applied so far, and no stack trace.
 */
let db: ScratchDb;
beforeEach(async () => {
  db = await scratchDb();
});
afterEach(async () => {
  await db.drop();
});

interface Run {
  code: number;
  report: { ok: boolean; applied: { name: string }[]; findings: { rule: string; message: string; file?: string }[] };
  output: string;
}

function cli(args: string[]): Run {
  const dir = mkdtempSync(join(tmpdir(), 'pmg-matrix-'));
  const reportPath = join(dir, 'report.json');
  const r = spawnSync(process.execPath, [join(process.cwd(), 'dist', 'cli.js'), ...args, '--report-path', reportPath], {
    encoding: 'utf8',
    cwd: dir,
  });
  return { code: r.status ?? -1, report: JSON.parse(readFileSync(reportPath, 'utf8')), output: r.stdout + r.stderr };
}

const ok = () => makeFolder({ '001_a.sql': 'CREATE TABLE a (id int);', '002_b.sql': 'CREATE TABLE b (id int);' });
const apply = (dir: string, ...more: string[]) =>
  cli(['apply', '--yes', '--migrations-dir', dir, '--database-url', db.url, ...more]);
const history = async () =>
  (await db.query('SELECT migration_name FROM schema_migrations ORDER BY id').catch(() => ({ rows: [] }))).rows.map(
    (r) => r.migration_name,
  );

/** A pg_dump stand-in that runs the real one `good` times, then fails: the post-migration backup's fault. */
function flakyPgDump(good: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'pmg-flaky-'));
  const real = spawnSync('sh', ['-c', 'ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1'], {
    encoding: 'utf8',
  }).stdout.trim();
  for (const tool of ['pg_dump', 'pg_restore']) {
    const body =
      tool === 'pg_dump'
        ? `n=$(cat "${dir}/count" 2>/dev/null || echo 0); case "$*" in *--version*) exec "${real}/pg_dump" "$@";; esac; echo $((n+1)) > "${dir}/count"; [ "$n" -lt ${good} ] || { echo "pg_dump: error: disk full" >&2; exit 1; }; exec "${real}/pg_dump" "$@"`
        : `exec "${real}/pg_restore" "$@"`;
    writeFileSync(join(dir, tool), `#!/bin/sh\n${body}\n`);
    chmodSync(join(dir, tool), 0o755);
  }
  return dir;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

const noStack = (r: Run) => expect(r.output).not.toMatch(/\n\s+at [\w.<>]+ \(/);

describe('a fault at each step is a report', () => {
  test('discover: a link that leads nowhere, a link loop — input errors (exit 2) naming the file', () => {
    for (const make of [
      (d: string) => symlinkSync('/nonexistent/x.sql', join(d, '003_gone.sql')),
      (d: string) => symlinkSync(join(d, '003_loop.sql'), join(d, '003_loop.sql')),
    ]) {
      const dir = ok();
      make(dir);
      const r = apply(dir, '--backup', 'false');
      expect([r.code, r.report.findings.map((f) => f.rule)]).toEqual([2, ['configuration']]);
      expect(r.report.findings[0].message).toMatch(/003_(gone|loop)\.sql/);
      noStack(r);
    }
  });

  test('connect: nothing listens on the port — a connection finding, exit 1', async () => {
    const u = new URL(db.url);
    u.port = String(await freePort());
    const r = cli(['plan', '--migrations-dir', ok(), '--database-url', u.toString()]);
    expect([r.code, r.report.findings.map((f) => f.rule)]).toEqual([1, ['connection']]);
    expect(r.report.findings[0].message).toMatch(/could not connect to 127\.0\.0\.1:\d+/);
    noStack(r);
  });

  test('lock: another run holds it — a database-state finding, nothing applied', async () => {
    const other = new pg.Client({ connectionString: db.url });
    await other.connect();
    try {
      await other.query('SELECT pg_advisory_lock($1, $2)', [LOCK_NAMESPACE, lockKey('"public"."schema_migrations"')]);
      const r = apply(ok(), '--backup', 'false', '--lock-wait', '200ms');
      expect([r.code, r.report.findings.map((f) => f.rule)]).toEqual([1, ['database-state']]);
      expect(await history()).toEqual([]);
    } finally {
      await other.end();
    }
  });

  test('plan: an applied migration was edited — the drift is reported, nothing runs', async () => {
    const dir = ok();
    expect(apply(dir, '--backup', 'false').code).toBe(0);
    addFile(dir, '001_a.sql', 'CREATE TABLE a (id bigint);');
    addFile(dir, '003_c.sql', 'CREATE TABLE c (id int);');
    const r = apply(dir, '--backup', 'false');
    expect([r.code, r.report.findings.map((f) => f.rule)]).toEqual([1, ['checksum-drift']]);
    expect(await history()).toEqual(['001_a.sql', '002_b.sql']);
  });

  test('backup: pg_dump fails — nothing applied', async () => {
    const r = apply(ok(), '--pg-dump-path', flakyPgDump(0), '--backup-dir', mkdtempSync(join(tmpdir(), 'pmg-b-')));
    expect([r.code, r.report.findings.map((f) => f.rule)]).toEqual([1, ['backup-failed']]);
    expect(await history()).toEqual([]);
    noStack(r);
  });

  test('apply: the second migration fails — the first stays applied and is listed', async () => {
    const dir = makeFolder({ '001_a.sql': 'CREATE TABLE a (id int);', '002_bad.sql': 'SELECT 1/0;' });
    const r = apply(dir, '--backup', 'false');
    expect([r.code, r.report.findings.map((f) => f.rule), r.report.applied.map((a) => a.name)]).toEqual([
      1,
      ['apply-failed'],
      ['001_a.sql'],
    ]);
  });

  test('health check: it returns false — reported after the migrations, which stay applied', async () => {
    const r = apply(ok(), '--backup', 'false', '--health-check', 'SELECT false');
    expect([r.code, r.report.findings.map((f) => f.rule), r.report.applied.length]).toEqual([
      1,
      ['health-check-failed'],
      2,
    ]);
  });

  test('post-backup: the backup after the migrations fails — the report still says what was applied', async () => {
    const r = apply(ok(), '--pg-dump-path', flakyPgDump(1), '--backup-dir', mkdtempSync(join(tmpdir(), 'pmg-b-')));
    expect(r.code).toBe(1);
    expect(r.report.applied.map((a) => a.name)).toEqual(['001_a.sql', '002_b.sql']);
    expect(r.report.findings[0]).toMatchObject({
      rule: 'post-migration-backup-failed',
      message: expect.stringMatching(/^post-migration backup: .*disk full/s),
    });
    expect(await history()).toEqual(['001_a.sql', '002_b.sql']);
    noStack(r);
  });

  test('publish: the job summary cannot be written — the step still reports the run, outputs and report file exist', () => {
    const { env, outputFile } = runnerEnv({
      command: 'apply',
      'migrations-dir': ok(),
      'database-url': db.url,
      'allow-ungated': 'true',
      backup: 'false',
    });
    const summaryDir = mkdtempSync(join(tmpdir(), 'pmg-summary-'));
    mkdirSync(join(summaryDir, 'not-a-file'));
    const r = spawnSync(process.execPath, [join(process.cwd(), 'dist', 'index.js')], {
      env: { ...env, GITHUB_STEP_SUMMARY: join(summaryDir, 'not-a-file') },
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/::warning::could not publish the report/);
    const outputs = parseOutputFile(readFileSync(outputFile, 'utf8'));
    expect(outputs.applied).toBe('2');
    expect(JSON.parse(readFileSync(outputs['report-path'], 'utf8')).ok).toBe(true);
  });

  test('restore: a metadata file that is not JSON, a dump that pg_restore rejects — reported, nothing restored', async () => {
    const backups = mkdtempSync(join(tmpdir(), 'pmg-r-'));
    const made = cli(['backup', '--database-url', db.url, '--backup-dir', backups, '--format', 'json']);
    expect(made.code).toBe(0);
    const dump = (made.report as unknown as { backup: { path: string } }).backup.path;
    const meta = JSON.parse(readFileSync(`${dump}.json`, 'utf8'));

    writeFileSync(`${dump}.json`, '{ not json');
    const corrupt = cli(['restore', '--yes', '--backup-file', dump, '--database-url', db.url]);
    expect([corrupt.code, corrupt.report.findings.map((f) => f.rule)]).toEqual([2, ['configuration']]);
    expect(corrupt.report.findings[0].message).toMatch(/\.dump\.json/);
    noStack(corrupt);

    writeFileSync(dump, 'PGDMP but not really a dump');
    const { createHash } = await import('node:crypto');
    writeFileSync(
      `${dump}.json`,
      JSON.stringify({ ...meta, sha256: createHash('sha256').update(readFileSync(dump)).digest('hex'), size: 27 }),
    );
    const rejected = cli(['restore', '--yes', '--backup-file', dump, '--database-url', db.url]);
    expect([rejected.code, rejected.report.findings.map((f) => f.rule)]).toEqual([2, ['configuration']]);
    expect(rejected.report.findings[0].message).toMatch(
      /\.dump: pg_restore cannot read the dump \(.*\): the file is damaged or truncated.*nothing was restored/,
    );
    noStack(rejected);
  });
});
