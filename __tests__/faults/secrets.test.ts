import { chmodSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chooseTool } from '../../src/backup/pg-tools.js';
import { toolConnection } from '../../src/backup/tool-connection.js';
import { redact } from '../../src/foundation/redact.js';
import { runAction, type ActionRun } from '../harness/action-runner.js';
import { FakeArtifactService } from '../harness/artifact-service.js';
import { scratchDb, type ScratchDb } from '../harness/db.js';
import { makeFolder } from '../harness/folders.js';
import { runActionInProcess } from '../harness/in-process.js';

/** Recognisable secrets: the test server trusts local connections, so any password gets in. */
const PASSWORD = 'Hunter2-p@ss:w/rd?#';
const TOKEN = 'ghs_SecretTokenValue123';
const IDENTITY = 'AGE-SECRET-KEY-1QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ';

let db: ScratchDb;
let service: FakeArtifactService;
let env: Record<string, string>;
beforeAll(async () => {
  db = await scratchDb();
  service = new FakeArtifactService();
  const { url, token } = await service.start();
  env = { ACTIONS_RUNTIME_TOKEN: token, ACTIONS_RESULTS_URL: url };
});
afterAll(async () => {
  await service.stop();
  await db.drop();
});

const withPassword = (url: string) => {
  const u = new URL(url);
  u.password = encodeURIComponent(PASSWORD);
  return u.toString();
};

/** Every place a run writes to: stdout (logs, annotations), stderr, the summary, outputs, and every file it left. */
function everything(r: ActionRun, extra: string[] = []): string {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (!e.name.endsWith('.dump')) files.push(readFileSync(p, 'utf8'));
    }
  };
  walk(r.runnerTemp);
  for (const f of extra) if (existsSync(f)) files.push(readFileSync(f, 'utf8'));
  // The runner is told the secrets to mask (::add-mask::), which is the one place they must appear.
  return [r.stdout.replace(/^::add-mask::.*$/gm, ''), r.stderr, r.summary, JSON.stringify(r.outputs), ...files].join(
    '\n',
  );
}

describe('secrets never appear in any output', () => {
  const migrations = () =>
    makeFolder({
      '001_a.sql': 'CREATE TABLE IF NOT EXISTS a (id int);\nDROP TABLE IF EXISTS old_stuff;',
      '002_broken.sql': 'SELECT 1/0;',
    });

  test.each([
    ['lint', {}],
    ['verify', {}],
    ['plan', {}],
    ['apply (failing)', { command: 'apply', 'allow-ungated': 'true' }],
    ['backup', {}],
    [
      'restore (refused: bad file)',
      { command: 'restore', 'allow-ungated': 'true', 'backup-file': '/nonexistent.dump', 'backup-identity': IDENTITY },
    ],
    [
      'apply (unreachable server)',
      {
        command: 'apply',
        'allow-ungated': 'true',
        'database-url': `postgresql://app:${encodeURIComponent(PASSWORD)}@127.0.0.1:1/prod`,
      },
    ],
    ['apply (gate refused)', { command: 'apply', environment: 'production' }],
  ])('%s', async (name, over) => {
    const sarif = join(makeFolder({}), 'out.sarif');
    const r = await runAction(
      {
        command: name.split(' ')[0],
        'migrations-dir': migrations(),
        'database-url': withPassword(db.url),
        'github-token': TOKEN,
        'sarif-file': sarif,
        ...over,
      },
      { env },
    );
    expect(r.stdout).toMatch(/::add-mask::/);
    const all = everything(r, [sarif]);
    for (const secret of [PASSWORD, encodeURIComponent(PASSWORD), TOKEN, IDENTITY]) expect(all).not.toContain(secret);
  });

  test('the backup artifact carries no secret either', async () => {
    await runAction({ command: 'backup', 'database-url': withPassword(db.url), 'github-token': TOKEN }, { env });
    expect(service.artifacts.size).toBeGreaterThan(0);
    for (const { bytes } of service.artifacts.values()) {
      const text = bytes.toString('latin1');
      expect(text).toContain('"format": "pg-migration-gate-backup/1"');
      for (const secret of [PASSWORD, encodeURIComponent(PASSWORD), TOKEN]) expect(text).not.toContain(secret);
    }
  });
});

describe('a password given as ?password= in the URL (libpq reads it there too)', () => {
  const withQueryPassword = (url: string) =>
    `${url}${url.includes('?') ? '&' : '?'}sslmode=disable&password=${encodeURIComponent(PASSWORD)}`;

  /**
   * pg_dump, pg_restore and psql behind wrappers that log each command line, and the length of the PGPASSWORD they got
   * (never its value), then run the real tool.
   */
  async function loggingTools(): Promise<{ dir: string; calls: () => { argv: string; passwordLength: number }[] }> {
    const dir = makeFolder({});
    const log = join(makeFolder({}), 'calls.log');
    for (const name of ['pg_dump', 'pg_restore', 'psql']) {
      const real = (await chooseTool(name, 10)).path;
      writeFileSync(
        join(dir, name),
        `#!/bin/sh\nprintf '%s\\t%s\\n' "\${#PGPASSWORD}" "$*" >> '${log}'\nexec '${real}' "$@"\n`,
      );
      chmodSync(join(dir, name), 0o755);
    }
    const calls = () =>
      (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : []).map((l) => ({
        passwordLength: Number(l.split('\t')[0]),
        argv: l.slice(l.indexOf('\t') + 1),
      }));
    return { dir, calls };
  }

  test('reaches pg_dump and psql through PGPASSWORD only, and no output of a backup and a restore', async () => {
    const tools = await loggingTools();
    const url = withQueryPassword(db.url);
    const backup = await runActionInProcess({
      command: 'backup',
      'database-url': url,
      'github-token': TOKEN,
      'pg-dump-path': tools.dir,
    });
    expect(backup.code).toBe(0);
    const restore = await runActionInProcess({
      command: 'restore',
      'database-url': url,
      'allow-ungated': 'true',
      'backup-file': backup.outputs['backup-path'],
      'pg-dump-path': tools.dir,
    });
    expect(restore.code).toBe(0);

    const connected = tools.calls().filter((c) => c.argv.includes('--dbname='));
    // pg_dump, then psql running pg_restore's script; pg_restore itself never connects, and gets no password.
    expect(connected.map((c) => c.argv.split(' ')[0])).toEqual(['--format=custom', '-X']);
    expect(
      tools
        .calls()
        .filter((c) => c.argv.startsWith('--clean'))
        .map((c) => c.passwordLength),
    ).toEqual([0]);
    for (const c of connected) {
      expect(c.passwordLength).toBe(PASSWORD.length);
      expect(c.argv.split('--dbname=')[1]).not.toMatch(/password/i);
      expect(c.argv).toContain("sslmode='disable'");
    }
    const all = [everything(backup), everything(restore), ...tools.calls().map((c) => c.argv)].join('\n');
    for (const secret of [PASSWORD, encodeURIComponent(PASSWORD), TOKEN]) expect(all).not.toContain(secret);
    expect(backup.stdout).toContain(`::add-mask::${PASSWORD}`);
  });

  test('the tools get it off the command line wherever it is written; libpq uses the last one', () => {
    const tool = { path: 'pg_restore', major: 15, version: '15.0' };
    const { dbnameArg, env } = toolConnection(
      'postgresql://app:first@db:5432/shop?password=s%40cond&sslmode=require&pass%77ord=th%21rd',
      tool,
      'pmg restore 1',
    );
    expect(dbnameArg).toBe(
      "--dbname=user='app' host='db' port='5432' dbname='shop' sslmode='require' application_name='pmg restore 1' gssencmode='disable' connect_timeout='15'",
    );
    expect(env.PGPASSWORD).toBe('th!rd');
    expect(toolConnection("postgres://:only@h1:5432/db?options=-c%20x%3D'y'", tool).dbnameArg).toBe(
      "--dbname=host='h1' port='5432' dbname='db' options='-c x=\\'y\\'' gssencmode='disable' connect_timeout='15'",
    );
  });

  test('redact masks it in URLs and conninfo strings, even when not registered as a secret', () => {
    expect(
      redact(
        "could not connect to postgresql://app:pw@db/shop?sslmode=require&password=s%40cret&x=1 (host=db password='a b\\'c' port=5432) PGPASSWORD=zz",
      ),
    ).toBe(
      'could not connect to postgresql://app:***@db/shop?sslmode=require&password=***&x=1 (host=db password=*** port=5432) PGPASSWORD=***',
    );
  });
});
