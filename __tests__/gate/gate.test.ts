import { runAction } from '../harness/action-runner.js';
import { scratchDb, type ScratchDb } from '../harness/db.js';
import { FakeGitHub, oidcEnv } from '../harness/github-api.js';

let db: ScratchDb;
let github: FakeGitHub;
let env: Record<string, string>;
beforeEach(async () => {
  db = await scratchDb();
  github = new FakeGitHub();
  const api = await github.start();
  env = { GITHUB_API_URL: api, ...oidcEnv(api) };
});
afterEach(async () => {
  await github.stop();
  await db.drop();
});

const inputs = (over: Record<string, string> = {}) => ({
  command: 'apply',
  'migrations-dir': 'examples/numbered',
  'database-url': db.url,
  environment: 'production',
  'github-token': 'ghs_gate_token',
  backup: 'false',
  ...over,
});
const nothingApplied = async () =>
  expect((await db.query("SELECT to_regclass('schema_migrations') AS h, to_regclass('users') AS u")).rows[0]).toEqual({
    h: null,
    u: null,
  });

describe('the gate of a production apply', () => {
  test('a job bound to the named, protected environment passes, and the report says how it was proven', async () => {
    github.jobEnvironment = 'production';
    github.environments = { production: ['required_reviewers', 'branch_policy'] };
    const r = await runAction(inputs(), { env });
    expect(r.code).toBe(0);
    expect(r.outputs.applied).toBe('3');
    expect(r.summary).toContain(
      "- job bound to the protected environment 'production' (required_reviewers), proven with its OIDC token",
    );
  });

  test.each([
    [
      'no environment input',
      { environment: '' },
      'production',
      { production: ['required_reviewers'] },
      {},
      /environment: apply and restore change a production database.*Add environment: production to the job/,
    ],
    [
      'a job bound to another environment',
      {},
      'staging',
      { production: ['required_reviewers'] },
      {},
      /this job is bound to the environment 'staging', not 'production'/,
    ],
    [
      'a job bound to no environment',
      {},
      undefined,
      { production: ['required_reviewers'] },
      {},
      /this job is not bound to a deployment environment; add environment: production to the job/,
    ],
    [
      'an environment without protection (only a branch policy)',
      {},
      'production',
      { production: ['branch_policy'] },
      {},
      /'production' has no protection rule.*Settings → Environments → production/,
    ],
    [
      'an environment the token cannot read',
      {},
      'production',
      {},
      {},
      /could not read the protection rules of 'production'.*actions: read/,
    ],
    [
      'no id-token permission',
      {},
      'production',
      { production: ['required_reviewers'] },
      { ACTIONS_ID_TOKEN_REQUEST_URL: '' },
      /OIDC token is not available .*add permissions: id-token: write to the job/,
    ],
  ])('%s fails before the database is touched', async (_name, over, bound, environments, envOver, message) => {
    github.jobEnvironment = bound;
    github.environments = environments;
    const r = await runAction(inputs(over as Record<string, string>), {
      env: { ...env, ...(envOver as Record<string, string>) },
    });
    expect(r.code).toBe(2);
    expect(decodeURIComponent(r.stdout.replace(/%0A/g, '\n'))).toMatch(message);
    await nothingApplied();
  });

  test('allow-ungated runs without the proof, and says so loudly', async () => {
    const r = await runAction(inputs({ environment: '', 'allow-ungated': 'true' }), { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^::warning::allow-ungated: true — apply ran without proof of a protected environment$/m);
    expect(r.summary).toContain('- allow-ungated: true — apply ran without proof of a protected environment');
  });

  test('restore is gated exactly like apply', async () => {
    const r = await runAction(
      { command: 'restore', 'database-url': db.url, 'backup-file': '/nonexistent.dump' },
      { env },
    );
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/environment: apply and restore change a production database/);
  });
});

describe('plan pinning', () => {
  test('apply runs the approved plan, and refuses a different one changing nothing', async () => {
    github.jobEnvironment = 'production';
    github.environments = { production: ['required_reviewers'] };
    const plan = await runAction(
      { command: 'plan', 'migrations-dir': 'examples/numbered', 'database-url': db.url },
      { env },
    );
    const hash = plan.outputs['plan-hash'];
    // The same database, another plan.
    const other = hash.replace(/^sha256:[0-9a-f]{64}/, `sha256:${'0'.repeat(64)}`);
    const refused = await runAction(inputs({ 'expected-plan': other }), { env });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(
      new RegExp(`::error::apply failed: the plan is ${hash}, not the approved ${other}: .*nothing was changed`),
    );
    await nothingApplied();
    const approved = await runAction(inputs({ 'expected-plan': hash }), { env });
    expect(approved.code).toBe(0);
    expect(approved.outputs['plan-hash']).toBe(hash);
    expect(approved.outputs.applied).toBe('3');
  });
});
