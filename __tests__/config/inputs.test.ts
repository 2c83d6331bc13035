import { readFileSync } from 'node:fs';
import { parseConfig } from '../../src/config/config.js';
import { readInputs } from '../../src/config/inputs.js';
import { INPUT_GROUPS, INPUT_SPECS, INPUTS, type InputName } from '../../src/config/inputs-spec.js';
import { InputError } from '../../src/foundation/errors.js';

/** Sets INPUT_* variables as the runner does, so the real @actions/core getInput reads them. */
function withInputs(inputs: Record<string, string>, fn: () => void): void {
  const saved = { ...process.env };
  for (const k of Object.keys(process.env)) if (k.startsWith('INPUT_')) delete process.env[k];
  for (const [k, v] of Object.entries(inputs)) process.env[`INPUT_${k.toUpperCase()}`] = v;
  try {
    fn();
  } finally {
    process.env = saved;
  }
}

const problems = (raw: Record<string, string>) => {
  try {
    parseConfig(raw);
  } catch (err) {
    if (err instanceof InputError) return err.problems;
    throw err;
  }
  return [];
};

describe('inputs as the runner passes them', () => {
  test('defaults', () => {
    withInputs({}, () => {
      const c = parseConfig(readInputs().raw);
      expect(c).toMatchObject({
        command: 'verify',
        migrationsDir: 'migrations',
        historyTable: { table: 'schema_migrations' },
        lockTimeoutMs: 200,
        statementTimeoutMs: 0,
        lockRetries: 100,
        lockWaitMs: 60000,
        backupLockTimeoutMs: 30000,
        timeoutsOff: ['statement-timeout'],
        allowOutOfOrder: false,
        acceptEdited: [],
      });
      expect(c.databaseUrl).toBeUndefined();
    });
  });

  test('every input is read, hyphens kept in the variable names', () => {
    withInputs(
      {
        command: 'apply',
        'migrations-dir': 'db/migrations',
        'database-url': 'postgresql://app:pw@db:5432/shop',
        'history-table': 'ops.schema_migrations',
        'lock-timeout': '750ms',
        'statement-timeout': '2min',
        'lock-retries': '5',
        'lock-wait': '0',
        'allow-out-of-order': 'true',
        baseline: '20240101_000000',
        'accept-edited': '001, 002',
        'resolve-dirty': '003=rerun',
      },
      () => {
        const c = parseConfig(readInputs().raw);
        expect(c).toMatchObject({
          command: 'apply',
          migrationsDir: 'db/migrations',
          databaseUrl: 'postgresql://app:pw@db:5432/shop',
          historyTable: { schema: 'ops', table: 'schema_migrations' },
          lockTimeoutMs: 750,
          statementTimeoutMs: 120000,
          lockRetries: 5,
          lockWaitMs: 0,
          timeoutsOff: [],
          allowOutOfOrder: true,
          baseline: '20240101_000000',
          acceptEdited: ['001', '002'],
          resolveDirty: { version: '003', as: 'rerun' },
        });
        expect(c.secrets).toContain('pw');
      },
    );
  });

  test('the runner context: report under RUNNER_TEMP, applied_by names repository, commit and run', () => {
    withInputs({}, () => {
      Object.assign(process.env, {
        RUNNER_TEMP: '/tmp/rt',
        GITHUB_REPOSITORY: 'o/r',
        GITHUB_SHA: 'abcdef0123456789',
        GITHUB_RUN_ID: '7',
        GITHUB_ACTOR: 'me',
      });
      const { runner } = readInputs();
      expect(runner.reportPath).toBe('/tmp/rt/pg-migration-gate/report.json');
      expect(runner.appliedBy).toBe('github:o/r@abcdef012345 run 7/1 by me');
    });
  });

  test("the docs' address: the action's repository at the ref the workflow uses, else the workspace's commit (uses: ./)", () => {
    withInputs({}, () => {
      Object.assign(process.env, {
        GITHUB_SERVER_URL: 'https://github.com',
        GITHUB_REPOSITORY: 'o/r',
        GITHUB_SHA: 'abc123',
        GITHUB_ACTION_REPOSITORY: 'acme/pg-migration-gate',
        GITHUB_ACTION_REF: 'v1',
      });
      expect(readInputs().runner.docsUrl).toBe('https://github.com/acme/pg-migration-gate/blob/v1/docs/');
      delete process.env.GITHUB_ACTION_REPOSITORY;
      delete process.env.GITHUB_ACTION_REF;
      expect(readInputs().runner.docsUrl).toBe('https://github.com/o/r/blob/abc123/docs/');
    });
  });
});

describe('parseConfig collects every problem', () => {
  test('bad values, each with the fix', () => {
    expect(
      problems({
        command: 'migrate',
        'lock-timeout': '5',
        'lock-wait': 'soon',
        'lock-retries': '-1',
        'allow-out-of-order': 'maybe',
        'history-table': 'x; DROP TABLE users',
        'resolve-dirty': '003',
        'database-url': 'mysql://u:p@h/db',
      }),
    ).toEqual([
      "command: 'migrate' is not one of lint, verify, plan, apply, backup, restore",
      'history-table: \'x; DROP TABLE users\' is not a table name; write it as in SQL: a name, optionally schema-qualified (ops.schema_migrations), double-quoted to keep upper case ("Ops"."Migrations")',
      'database-url: must be a postgresql:// URI (postgresql://user:password@host:5432/dbname?sslmode=require) or key=value pairs (host=… dbname=…)',
      "resolve-dirty: '003' must be <version>=rerun or <version>=applied",
      "lock-timeout: '5' is not a duration; write it with a unit, e.g. 5s, 500ms, 2min (off to turn the limit off)",
      "lock-retries: '-1' must be a whole number from 0 to 100",
      "lock-wait: 'soon' is not a duration; write it with a unit, e.g. 5s, 500ms, 2min (0 not to wait)",
      "allow-out-of-order: 'maybe' is not true or false",
    ]);
  });

  test('history-table names: 63 bytes at most, one schema at most, nothing but names', () => {
    for (const bad of [
      'a.b.c',
      `t${'x'.repeat(63)}`,
      'a.',
      '.a',
      '""',
      '"a"b',
      'a b',
      '1abc',
      '"unterminated',
      'a;b',
    ]) {
      expect([bad, problems({ 'history-table': bad })]).toEqual([
        bad,
        [expect.stringContaining('is not a table name')],
      ]);
    }
  });

  test('history-table names fold as PostgreSQL folds them: unquoted to lower case, quoted kept', () => {
    const table = (v: string) => parseConfig({ 'history-table': v }).historyTable;
    expect(table('Schema_Migrations')).toEqual({ table: 'schema_migrations' });
    expect(table('Ops.Schema_Migrations$1')).toEqual({ schema: 'ops', table: 'schema_migrations$1' });
    expect(table('"Ops"."Schema_Migrations"')).toEqual({ schema: 'Ops', table: 'Schema_Migrations' });
    expect(table('ops."with ""quotes"" and.dot"')).toEqual({ schema: 'ops', table: 'with "quotes" and.dot' });
    expect(table(' ÉTÉ_migrations ')).toEqual({ table: 'ÉtÉ_migrations' }); // only ASCII letters fold, as in the server
  });

  test('a password with special characters is registered as a secret, raw and encoded', () => {
    const c = parseConfig({ 'database-url': `postgresql://app:${encodeURIComponent('p@ss:w/rd?#')}@db/shop` });
    expect(c.secrets).toEqual(['p@ss:w/rd?#', encodeURIComponent('p@ss:w/rd?#')]);
  });

  test('a password given as a query parameter is a secret too, in every form it is written', () => {
    const secrets = (url: string) => parseConfig({ 'database-url': url }).secrets;
    expect(secrets('postgresql://app@db/shop?sslmode=require&password=p%40ss%2a&connect_timeout=5')).toEqual([
      'p@ss*',
      'p%40ss%2a',
      'p%40ss*',
    ]);
    // libpq decodes parameter names too; both places at once, as libpq reads them.
    expect(secrets('postgres://app:one@db/shop?pass%77ord=two')).toEqual(['one', 'two']);
    expect(secrets('postgresql://app@db/shop?password=')).toEqual([]);
  });
});

describe('durations', () => {
  const ms = (input: 'lock-timeout' | 'statement-timeout' | 'lock-wait' | 'backup-lock-timeout', value: string) => {
    const c = parseConfig({ [input]: value });
    return {
      'lock-timeout': c.lockTimeoutMs,
      'statement-timeout': c.statementTimeoutMs,
      'lock-wait': c.lockWaitMs,
      'backup-lock-timeout': c.backupLockTimeoutMs,
    }[input];
  };

  test('are whole milliseconds, rounded to the nearest, never to 0', () => {
    expect(ms('lock-timeout', '1.5ms')).toBe(2);
    expect(ms('lock-timeout', '1.4ms')).toBe(1);
    expect(ms('lock-timeout', '1ms')).toBe(1);
    expect(ms('statement-timeout', '0.0015s')).toBe(2);
    expect(ms('lock-wait', '2.5s')).toBe(2500);
    expect(ms('backup-lock-timeout', '1 min')).toBe(60000);
    expect(ms('lock-timeout', '596h')).toBe(2_145_600_000);
  });

  test('below 1 ms, zero for a timeout, or past int4 milliseconds: refused with the fix', () => {
    expect(
      problems({
        'lock-timeout': '0.4ms',
        'lock-wait': '0.9ms',
        'statement-timeout': '0',
        'backup-lock-timeout': '0s',
      }),
    ).toEqual([
      "lock-timeout: '0.4ms' is shorter than 1 ms, the least PostgreSQL counts; write 1ms or more (or off to turn the limit off)",
      "statement-timeout: '0' would turn the limit off (PostgreSQL reads 0 as no limit); write off if that is meant, or a duration such as 5s",
      "lock-wait: '0.9ms' is shorter than 1 ms, the least PostgreSQL counts; write 1ms or more (or 0 not to wait)",
      "backup-lock-timeout: '0s' would turn the limit off (PostgreSQL reads 0 as no limit); write off if that is meant, or a duration such as 5s",
    ]);
    expect(problems({ 'lock-timeout': '597h', 'lock-wait': 'off' })).toEqual([
      "lock-timeout: '597h' is longer than PostgreSQL allows (about 24 days)",
      "lock-wait: 'off' is not a duration; write it with a unit, e.g. 5s, 500ms, 2min (0 not to wait)",
    ]);
  });

  test('a timeout is off only by the word off, and the config says which ones are', () => {
    const c = parseConfig({ 'lock-timeout': 'OFF', 'statement-timeout': '10min', 'backup-lock-timeout': ' off ' });
    expect(c).toMatchObject({
      lockTimeoutMs: 0,
      statementTimeoutMs: 600000,
      backupLockTimeoutMs: 0,
      timeoutsOff: ['lock-timeout', 'backup-lock-timeout'],
    });
  });

  test('lock-wait 0 means one try, not forever', () => {
    expect(ms('lock-wait', '0')).toBe(0);
    expect(ms('lock-wait', '0s')).toBe(0);
    expect(parseConfig({ 'lock-wait': '0' }).timeoutsOff).toEqual(['statement-timeout']);
  });
});

test('VERSION matches package.json', async () => {
  const { VERSION } = await import('../../src/foundation/product-version.js');
  expect(VERSION).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
});

describe('action.yml and the README stay in step with the inputs', () => {
  const actionYml = readFileSync('action.yml', 'utf8');
  const readme = readFileSync('README.md', 'utf8');

  const escape = (v: string) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  test.each(Object.entries(INPUTS))('%s', (name, value) => {
    const block = new RegExp(
      `\\n  ${name}:\\n    description: .+\\n    required: false\\n    default: '${escape(value)}'\\n`,
    );
    expect(actionYml).toMatch(block);
    expect(readme).toMatch(new RegExp(`\\| \`${name}\` \\|[^\\n]*\\| ${value ? `\`${escape(value)}\`` : '—'} \\|`));
  });

  test('both group the inputs by job, under the same headings, in the same order', () => {
    for (const [group, label] of Object.entries(INPUT_GROUPS)) {
      const first = (Object.keys(INPUT_SPECS) as InputName[]).find((n) => INPUT_SPECS[n].group === group)!;
      expect(actionYml).toContain(`\n  # ${label}\n  ${first}:\n`);
      expect(readme).toMatch(
        new RegExp(
          `\\*\\*${escape(label)}\\*\\*\\n\\n\\| input \\| description \\| default \\|\\n\\| --- \\| --- \\| --- \\|\\n\\| \`${first}\` \\|`,
        ),
      );
    }
  });

  test('action.yml declares node24 and dist/index.js, and no input the code does not read', () => {
    expect(actionYml).toMatch(/runs:\n  using: 'node24'\n  main: 'dist\/index.js'/);
    const declared = [...actionYml.split('\noutputs:')[0].matchAll(/\n  ([a-z-]+):\n    description/g)].map(
      (m) => m[1],
    );
    expect(declared).toEqual(Object.keys(INPUTS));
  });
});
