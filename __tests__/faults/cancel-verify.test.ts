import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseOutputFile, runnerEnv } from '../harness/action-runner.js';
import { adminQuery, scratchDb, type ScratchDb } from '../harness/db.js';
import { makeFolder } from '../harness/folders.js';
import { buildSource } from '../harness/source-build.js';

/**
 * verify under real signals, on real processes: a SIGINT or SIGTERM stops it at the running statement, its
 * scratch databases are dropped and the report says cancelled (exit code 130); a verify killed outright leaves
 * them, and the next verify on the server drops them, since their creating session is gone.
 */
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let entry: { cli: string; action: string };
let db: ScratchDb;
beforeAll(() => {
  entry = process.env.OLD
    ? { cli: join(process.cwd(), 'dist', 'cli.js'), action: join(process.cwd(), 'dist', 'index.js') }
    : buildSource();
}, 120_000);
beforeEach(async () => {
  db = await scratchDb();
});
afterEach(async () => {
  await db.drop();
});

const slow = () =>
  makeFolder({
    '001_a.sql': 'CREATE TABLE a (id int);',
    '002_slow.sql': 'CREATE TABLE b (id int);\nSELECT pg_sleep(30);',
    '003_c.sql': 'CREATE TABLE c (id int);',
  });
const scratch = async () =>
  new Set(
    (await adminQuery("SELECT datname FROM pg_database WHERE datname LIKE 'pmg\\_verify\\_%'")).rows.map(
      (r) => r.datname as string,
    ),
  );
const sleepers = async () =>
  (
    await adminQuery(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname LIKE 'pmg\\_verify\\_%' AND query LIKE '%pg_sleep(30)%' AND pid <> pg_backend_pid()",
    )
  ).rows[0].n as number;

async function sleeping(): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (await sleepers()) return;
    await sleep(25);
  }
  throw new Error('the migration never started');
}

function verify(dir: string, reportPath: string) {
  const child = spawn(process.execPath, [
    entry.cli,
    'verify',
    '--checks',
    'apply',
    '--migrations-dir',
    dir,
    '--database-url',
    db.url,
    '--format',
    'json',
    '--report-path',
    reportPath,
  ]);
  let stdout = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.resume();
  const started = performance.now();
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; ms: number }>(
    (resolve) =>
      child.on('close', (code, signal) => resolve({ code, signal, stdout, ms: performance.now() - started })),
  );
  return { child, done };
}

describe('verify, cancelled by a signal', () => {
  test.each(['SIGINT', 'SIGTERM'] as const)(
    '%s: the statement is cancelled, no scratch database is left, the report says cancelled; exit 130',
    async (signal) => {
      const before = await scratch();
      const reportPath = join(tmpdir(), `pmg-verify-${signal}-${process.pid}.json`);
      const { child, done } = verify(slow(), reportPath);
      await sleeping();
      child.kill(signal);
      const r = await done;
      expect(r.code).toBe(130);
      expect(r.ms).toBeLessThan(15_000);
      const report = JSON.parse(readFileSync(reportPath, 'utf8'));
      expect(report).toMatchObject({ command: 'verify', ok: false, cancelled: signal });
      expect(report.findings.map((f: { rule: string }) => f.rule)).toEqual(['cancelled']);
      expect(JSON.parse(r.stdout)).toMatchObject({ cancelled: signal });
      expect([...(await scratch())].filter((d) => !before.has(d))).toEqual([]);
      expect(await sleepers()).toBe(0);
    },
  );
  test('the action, SIGINT as "Cancel workflow" sends it: outputs, summary and report file say cancelled; the step fails', async () => {
    const before = await scratch();
    const { env, outputFile, summaryFile } = runnerEnv({
      command: 'verify',
      checks: 'apply',
      'migrations-dir': slow(),
      'database-url': db.url,
    });
    const child = spawn(process.execPath, [entry.action], { env });
    child.stdout.resume();
    child.stderr.resume();
    const done = new Promise<number | null>((resolve) => child.on('close', resolve));
    await sleeping();
    child.kill('SIGINT');
    expect(await done).toBe(1);
    const outputs = parseOutputFile(readFileSync(outputFile, 'utf8'));
    expect(JSON.parse(readFileSync(outputs['report-path'], 'utf8'))).toMatchObject({
      command: 'verify',
      cancelled: 'SIGINT',
    });
    expect(readFileSync(summaryFile, 'utf8')).toMatch(/was cancelled \(SIGINT\)/);
    expect([...(await scratch())].filter((d) => !before.has(d))).toEqual([]);
  });
});

describe('verify, killed outright (SIGKILL)', () => {
  test("leaves its scratch database; the next verify drops it, and no verify drops a running verify's", async () => {
    const before = await scratch();
    const killed = verify(slow(), join(tmpdir(), `pmg-verify-killed-${process.pid}.json`));
    await sleeping();
    killed.child.kill('SIGKILL');
    await killed.done;
    const left = [...(await scratch())].filter((d) => !before.has(d));
    expect(left).toHaveLength(1);

    // The next verify drops it first thing, and keeps running on its own scratch database.
    const runningReport = join(tmpdir(), `pmg-verify-running-${process.pid}.json`);
    const running = verify(slow(), runningReport);
    // PostgreSQL 13 lets the killed run's statement go on until its database is dropped WITH (FORCE).
    for (let i = 0; i < 600 && (await scratch()).has(left[0]); i++) await sleep(25);
    await sleeping();
    const runningOwn = [...(await scratch())].filter((d) => !before.has(d));
    expect(runningOwn).toHaveLength(1);
    expect(runningOwn[0]).not.toBe(left[0]);

    // One more verify meanwhile: the running one's scratch database stays.
    const r = await verify(
      makeFolder({ '001_a.sql': 'CREATE TABLE a (id int);' }),
      join(tmpdir(), `pmg-verify-next-${process.pid}.json`),
    ).done;
    expect(r.code).toBe(0);
    expect((await scratch()).has(runningOwn[0])).toBe(true);

    running.child.kill('SIGTERM');
    expect((await running.done).code).toBe(130);
    expect(JSON.parse(readFileSync(runningReport, 'utf8')).notes.join('\n')).toContain(
      `verify dropped ${left[0]}, left behind by an earlier verify whose process was killed`,
    );
    expect([...(await scratch())].filter((d) => !before.has(d))).toEqual([]);
  }, 120_000);
});
