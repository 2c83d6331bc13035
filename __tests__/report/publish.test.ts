import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runAction } from '../harness/action-runner.js';
import { withPgDump } from '../harness/backup-tools.js';
import { scratchDb, type ScratchDb } from '../harness/db.js';
import { addFile, makeFolder } from '../harness/folders.js';
import { FakeGitHub, pullRequestEvent } from '../harness/github-api.js';

let db: ScratchDb;
let github: FakeGitHub;
let api: string;
beforeEach(async () => {
  db = await scratchDb();
  github = new FakeGitHub();
  api = await github.start();
});
afterEach(async () => {
  await github.stop();
  await db.drop();
});

function prEnv(): Record<string, string> {
  const event = join(makeFolder({}), 'event.json');
  writeFileSync(event, JSON.stringify(pullRequestEvent(42)));
  return { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: event, GITHUB_API_URL: api };
}

const verifyInputs = (dir: string) => ({
  command: 'verify',
  'migrations-dir': dir,
  'database-url': db.url,
  'github-token': 'ghs_test_token_value',
  checks: 'apply,reversibility,locks,lint',
});

describe('the pull request comment', () => {
  test('is created once, then updated by later runs, and says so when nothing is wrong any more', async () => {
    const dir = makeFolder({ '001_a.sql': 'CREATE TABLE a (id bigint PRIMARY KEY);\nDROP TABLE old_sessions;\n' });
    const env = prEnv();
    const first = await runAction(verifyInputs(dir), { env });
    expect(first.code).toBe(1);
    expect(github.comments).toHaveLength(1);
    expect(github.comments[0].body).toMatch(
      /^<!-- pg-migration-gate: verify .* -->\n❌ \*\*pg-migration-gate verify\*\* failed/,
    );
    expect(github.comments[0].body).toContain('drop-table');
    expect(github.requests.find((r) => r.method === 'POST')?.auth).toBe('token ghs_test_token_value');

    addFile(
      dir,
      '001_a.sql',
      'CREATE TABLE a (id bigint PRIMARY KEY);\n-- pg-migration-gate:ignore drop-table\nDROP TABLE IF EXISTS old_sessions;\n',
    );
    const second = await runAction(verifyInputs(dir), { env });
    expect(second.code).toBe(0);
    expect(github.comments).toHaveLength(1);
    expect(github.requests.filter((r) => r.method === 'PATCH')).toHaveLength(1);
    expect(github.comments[0].body).toMatch(
      /✅ \*\*pg-migration-gate verify\*\* passed: 1 new migration verified — 0 errors/,
    );
    expect(second.stdout).toMatch(/pull request comment updated: https:\/\/github\.com\/acme\/shop\/pull\/42/);
    expect(second.stdout.replace(/::add-mask::.*\n/g, '')).not.toContain('ghs_test_token_value');
  });

  test('a token without pull-requests: write gives a warning naming the permission, never a failed check', async () => {
    github.forbidden = true;
    const dir = makeFolder({ '001_a.sql': 'CREATE TABLE IF NOT EXISTS a (id bigint PRIMARY KEY);\n' });
    const r = await runAction(verifyInputs(dir), { env: prEnv() });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /::warning::could not write the pull request comment \(HTTP 403\): the token needs permissions: pull-requests: write/,
    );
    expect(r.summary).toMatch(/✅ \*\*pg-migration-gate verify\*\* passed/);
  });

  test('comment: false, or no pull request, writes no comment', async () => {
    const dir = makeFolder({ '001_a.sql': 'CREATE TABLE IF NOT EXISTS a (id bigint PRIMARY KEY);\n' });
    await runAction({ ...verifyInputs(dir), comment: 'false' }, { env: prEnv() });
    await runAction(verifyInputs(dir), { env: { GITHUB_API_URL: api } });
    expect(github.requests).toEqual([]);
  });
});

describe('annotations, summary and SARIF', () => {
  test('errors and warnings annotate their lines, most severe first, at most 10 of each kind; the summary counts the rest', async () => {
    const lines = Array.from({ length: 12 }, (_, i) => `ALTER TABLE t${i} ADD COLUMN c varchar(10);`);
    const dir = makeFolder({ '001_wide.sql': `DELETE FROM sessions;\n${lines.join('\n')}\n` });
    const sarif = join(makeFolder({}), 'out', 'results.sarif');
    const r = await runAction({
      command: 'lint',
      'migrations-dir': dir,
      'sarif-file': sarif,
      'disable-rules': 'missing-down-script',
    });
    const errors = r.stdout.split('\n').filter((l) => l.startsWith('::error '));
    const warnings = r.stdout.split('\n').filter((l) => l.startsWith('::warning '));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBe(
      `::error title=delete-without-where,file=${dir}/001_wide.sql,line=1,col=1::Every row of the table is deleted.%0AAdd the WHERE clause you meant, or acknowledge with -- pg-migration-gate:ignore delete-without-where on the statement.`,
    );
    expect(warnings).toHaveLength(10);
    expect(warnings[0]).toMatch(/^::warning title=prefer-text-over-varchar,file=.*001_wide\.sql,line=2,col=\d+::/);
    expect(r.summary).toMatch(/_2 more finding\(s\) are not annotated .* and in the SARIF file\._/);
    // The page is linked where GitHub shows the summary: the action's docs at the commit the workflow runs (uses: ./).
    expect(r.summary).toContain(
      '| 1 | ❌ | [`delete-without-where`](https://github.com/acme/shop/blob/0123456789abcdef0123456789abcdef01234567/docs/rules/delete-without-where.md) | Every row of the table is deleted. |',
    );
    const doc = JSON.parse(readFileSync(sarif, 'utf8'));
    expect(doc.version).toBe('2.1.0');
    expect(doc.runs[0].results).toHaveLength(13);
    expect(doc.runs[0].results[0]).toMatchObject({
      ruleId: 'delete-without-where',
      level: 'error',
      locations: [{ physicalLocation: { region: { startLine: 1, startColumn: 1 } } }],
    });
    expect(doc.runs[0].tool.driver.rules.map((x: { id: string }) => x.id).sort()).toEqual([
      'delete-without-where',
      'prefer-text-over-varchar',
    ]);
  });

  withPgDump.test('the job summary of an apply shows the migrations, the plan hash and what the run did', async () => {
    const dir = makeFolder({
      '001_a.sql': 'CREATE TABLE a (id int);',
      '002_b.sql': 'CREATE TABLE b (id int);\nSELECT 1/0;',
    });
    const r = await runAction({
      command: 'apply',
      'migrations-dir': dir,
      'database-url': db.url,
      'allow-ungated': 'true',
    });
    expect(r.code).toBe(1);
    expect(r.summary).toMatch(
      /^❌ \*\*pg-migration-gate apply\*\* failed: 1 migration applied of 2 pending — 1 error, 0 warnings/,
    );
    expect(r.summary).toMatch(/\| 001 \| 001_a\.sql \| yes \| \d+ ms \| ✅ applied \|/);
    expect(r.summary).toContain('| 002 | 002_b.sql | yes | — | ❌ failed, rolled back |');
    expect(r.summary).toMatch(/Plan hash: `sha256:[0-9a-f]{64}(@[^`\s]+)?`/);
    expect(r.summary).toContain('- this run applied 1 migration(s) before it stopped; they stay applied and recorded');
    expect(r.stdout).toMatch(/^::group::publish the report$/m);
  });
});
