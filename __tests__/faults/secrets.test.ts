import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runAction, type ActionRun } from '../harness/action-runner.js';
import { FakeArtifactService } from '../harness/artifact-service.js';
import { scratchDb, type ScratchDb } from '../harness/db.js';
import { makeFolder } from '../harness/folders.js';

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
  return [r.stdout.replace(/^::add-mask::.*$/gm, ''), r.stderr, r.summary, JSON.stringify(r.outputs), ...files].join('\n');
}

describe('secrets never appear in any output', () => {
  const migrations = () => makeFolder({ '001_a.sql': 'CREATE TABLE IF NOT EXISTS a (id int);\nDROP TABLE IF EXISTS old_stuff;', '002_broken.sql': 'SELECT 1/0;' });

  test.each([
    ['lint', {}],
    ['verify', {}],
    ['plan', {}],
    ['apply (failing)', { command: 'apply', 'allow-ungated': 'true' }],
    ['backup', {}],
    ['restore (refused: bad file)', { command: 'restore', 'allow-ungated': 'true', 'backup-file': '/nonexistent.dump', 'backup-identity': IDENTITY }],
    ['apply (unreachable server)', { command: 'apply', 'allow-ungated': 'true', 'database-url': `postgresql://app:${encodeURIComponent(PASSWORD)}@127.0.0.1:1/prod` }],
    ['apply (gate refused)', { command: 'apply', environment: 'production' }],
  ])('%s', async (name, over) => {
    const sarif = join(makeFolder({}), 'out.sarif');
    const r = await runAction(
      { command: name.split(' ')[0], 'migrations-dir': migrations(), 'database-url': withPassword(db.url), 'github-token': TOKEN, 'sarif-file': sarif, ...over },
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
