import { readFileSync } from 'node:fs';
import { runAction } from '../harness/action-runner.js';
import { withPgDump } from '../harness/backup-tools.js';
import { scratchDb, type ScratchDb } from '../harness/db.js';
import { example, makeFolder } from '../harness/folders.js';

let db: ScratchDb;
beforeEach(async () => {
  db = await scratchDb();
});
afterEach(async () => {
  await db.drop();
});

/** The test server trusts local connections, so any password gets in: a recognisable one proves masking. */
const PASSWORD = 'Sup3r-S3cret_pw';
const withPassword = (url: string) => {
  const u = new URL(url);
  u.password = PASSWORD;
  return u.toString();
};

describe('the bundled action, run as the runner runs it', () => {
  withPgDump.test(
    'command: apply applies the folder and writes its outputs; a second run applies nothing',
    async () => {
      const inputs = {
        command: 'apply',
        'migrations-dir': 'examples/numbered',
        'database-url': withPassword(db.url),
        'allow-ungated': 'true',
      };
      const first = await runAction(inputs);
      expect(first.stderr).toBe('');
      expect(first.code).toBe(0);
      expect(first.outputs).toMatchObject({ pending: '3', applied: '3' });
      expect(first.outputs['plan-hash']).toMatch(/^sha256:[0-9a-f]{64}(@\S+)?$/);
      const report = JSON.parse(readFileSync(first.outputs['report-path'], 'utf8'));
      expect(report).toMatchObject({ command: 'apply', ok: true, findings: [] });
      expect(report.applied.map((a: { version: string }) => a.version)).toEqual(['001', '002', '003']);
      expect(report.applied[0]).toEqual(
        expect.objectContaining({ name: '001_initial_schema.sql', durationMs: expect.any(Number) }),
      );
      expect(first.stdout).toMatch(/::add-mask::Sup3r-S3cret_pw/);
      const printed = first.stdout.replace(/::add-mask::.*\n/g, '');
      expect(printed).not.toContain(PASSWORD);
      expect(readFileSync(first.outputs['report-path'], 'utf8')).not.toContain(PASSWORD);
      const applied = await db.query('SELECT applied_by FROM schema_migrations ORDER BY id LIMIT 1');
      expect(applied.rows[0].applied_by).toBe('github:acme/shop@0123456789ab run 4242/1 by octocat');

      const second = await runAction(inputs);
      expect(second.code).toBe(0);
      expect(second.outputs).toMatchObject({ pending: '0', applied: '0' });
    },
  );

  test('command: plan reports pending migrations and changes nothing', async () => {
    const r = await runAction({ command: 'plan', 'migrations-dir': example('timestamped'), 'database-url': db.url });
    expect(r.code).toBe(0);
    expect(r.outputs.pending).toBe('4');
    expect((await db.query("SELECT to_regclass('schema_migrations') AS t")).rows[0].t).toBeNull();
  });

  test('command: lint needs no database; counts land in the outputs, errors fail the step', async () => {
    const ok = await runAction({ command: 'lint', 'migrations-dir': 'examples/timestamped' });
    expect(ok.code).toBe(0);
    expect(ok.outputs).toMatchObject({ findings: expect.stringMatching(/^[1-9]\d*$/), errors: '0' });
    const bad = await runAction({
      command: 'lint',
      'migrations-dir': makeFolder({ '001_cleanup.sql': 'DROP TABLE sessions;' }),
    });
    expect(bad.code).toBe(1);
    expect(bad.outputs).toMatchObject({ findings: '2', errors: '1' });
    expect(bad.stdout).toMatch(/::error::lint failed: The table and all its rows are deleted/);
  });

  test('command: verify (the default) uses scratch databases on the server and reports counts', async () => {
    const r = await runAction({
      'migrations-dir': 'examples/numbered',
      'database-url': db.url,
      checks: 'apply,reversibility,locks',
    });
    expect(r.code).toBe(0);
    expect(r.outputs).toMatchObject({ errors: '0', warnings: '2' });
    const report = JSON.parse(readFileSync(r.outputs['report-path'], 'utf8'));
    expect(report.verify.migrations.map((m: { reversibility: string }) => m.reversibility)).toEqual(['ok', 'ok', 'ok']);
    expect((await db.query("SELECT to_regclass('users') AS t")).rows[0].t).toBeNull();
  });

  test('configuration errors fail the step with every problem listed, and touch nothing', async () => {
    const r = await runAction({
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

  test('a missing database-url says what to add', async () => {
    const r = await runAction({ command: 'apply', 'migrations-dir': 'examples/numbered' });
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(
      /::error::configuration error:%0Adatabase-url: required for command apply; pass it from a secret/,
    );
  });

  test('an unreachable server fails with the target named and the password nowhere', async () => {
    const r = await runAction({
      command: 'apply',
      'migrations-dir': 'examples/numbered',
      'database-url': `postgresql://app:${PASSWORD}@127.0.0.1:1/prod`,
      'allow-ungated': 'true',
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/::error::apply failed: could not connect to 127\.0\.0\.1:1\/prod: .*check database-url/);
    expect(r.stdout.replace(/::add-mask::.*\n/g, '')).not.toContain(PASSWORD);
  });
});
