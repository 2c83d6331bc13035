import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { runAction, type ActionRun } from '../harness/action-runner.js';
import { withPgDump } from '../harness/backup-tools.js';
import { scratchDb, type ScratchDb } from '../harness/db.js';
import { example, makeFolder } from '../harness/folders.js';
import { runActionInProcess, runCliInProcess } from '../harness/in-process.js';

/** The two doors, each tested from source (in this process) and as the bundle users run; they must agree. */
let db: ScratchDb;
beforeEach(async () => {
  db = await scratchDb();
});
afterEach(async () => {
  await db.drop();
});

const action: Record<string, (inputs: Record<string, string>) => Promise<ActionRun>> = {
  source: runActionInProcess,
  bundle: runAction,
};
const cliBundle = async (args: string[]) => {
  const r = spawnSync(process.execPath, [join(process.cwd(), 'dist', 'cli.js'), ...args], { encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
};
const cli: Record<string, typeof runCliInProcess> = { source: runCliInProcess, bundle: cliBundle };

describe.each(['source', 'bundle'])('the action from %s', (from) => {
  withPgDump.test('apply writes outputs and summary; a failing migration fails the step naming the file', async () => {
    const ok = await action[from]({
      command: 'apply',
      'migrations-dir': example('numbered'),
      'database-url': db.url,
      'allow-ungated': 'true',
    });
    expect([ok.code, ok.outputs.applied]).toEqual([0, '3']);
    expect(ok.summary).toMatch(/apply/);

    const bad = await action[from]({
      command: 'apply',
      'migrations-dir': makeFolder({ '001_bad.sql': 'SELECT 1/0;' }),
      'database-url': db.url,
      'allow-ungated': 'true',
      'history-table': 'other',
    });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/::error.*001_bad\.sql failed: division by zero/);
  });

  test('a configuration error exits the step with the problem and no stack trace', async () => {
    const r = await action[from]({
      command: 'apply',
      'migrations-dir': 'examples/numbered',
      'database-url': db.url,
      'lock-timeout': 'soon',
      'allow-ungated': 'true',
    });
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/::error::configuration error:%0Alock-timeout: 'soon' is not a duration/);
    expect(r.stdout).not.toMatch(/\n\s+at /);
  });
});

describe.each(['source', 'bundle'])('the CLI from %s', (from) => {
  withPgDump.test('apply with --yes, then plan: nothing pending; bad input exits 2', async () => {
    const applied = await cli[from]([
      'apply',
      '--yes',
      '--migrations-dir',
      example('numbered'),
      '--database-url',
      db.url,
      '--format',
      'json',
    ]);
    expect(applied.code).toBe(0);
    expect(JSON.parse(applied.stdout).applied).toHaveLength(3);
    const planned = await cli[from]([
      'plan',
      '--migrations-dir',
      example('numbered'),
      '--database-url',
      db.url,
      '--format',
      'json',
    ]);
    expect([planned.code, JSON.parse(planned.stdout).pending]).toEqual([0, []]);
    const bad = await cli[from](['apply', '--lock-timeout', 'soon', '--database-url', db.url]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/configuration error/);
  });
});
