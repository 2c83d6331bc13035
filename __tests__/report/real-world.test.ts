import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Report } from '../../src/model/report.js';
import { kindOf } from '../../src/report/catalogue.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { renderText } from '../../src/report/text.js';
import { realWorldChange, type Change } from '../../scripts/real-world-change.js';
import { scratchDb } from '../harness/db.js';
import { makeFolder } from '../harness/folders.js';
import { FakeGitHub, pullRequestEvent } from '../harness/github-api.js';
import { runActionInProcess } from '../harness/in-process.js';

/**
 * Real changes of real projects (__fixtures__/real-world), verified for real on the test server by the action from
 * source, on a pull request: the comment it leaves, the job summary, the JSON report and SARIF.
 */
const DOCS = 'https://github.com/acme/shop/blob/0123456789abcdef0123456789abcdef01234567/docs/';

// One fake GitHub for the file: the Actions toolkit takes its API address once, when first loaded.
const github = new FakeGitHub();
let api: string;
beforeAll(async () => {
  api = await github.start();
});
afterAll(() => github.stop());

async function onPullRequest(change: Change) {
  const db = await scratchDb();
  const before = github.comments.length;
  const dir = realWorldChange(change);
  const sarif = join(makeFolder({}), 'results.sarif');
  const event = join(makeFolder({}), 'event.json');
  writeFileSync(event, JSON.stringify(pullRequestEvent(7)));
  const env = { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: event, GITHUB_API_URL: api };
  Object.assign(process.env, env);
  try {
    const run = await runActionInProcess({
      command: 'verify',
      'migrations-dir': dir,
      'database-url': db.url,
      'base-ref': 'main',
      'github-token': 'ghs_token',
      'sarif-file': sarif,
    });
    expect(github.comments).toHaveLength(before + 1);
    const comment = github.comments[before].body;
    const report = JSON.parse(readFileSync(run.outputs['report-path'], 'utf8')) as Report;
    return { run, comment, report, sarif: JSON.parse(readFileSync(sarif, 'utf8')) };
  } finally {
    for (const k of Object.keys(env)) delete process.env[k];
    await db.drop();
  }
}

/** The entry of a statement in the rendered list: its first line and the lines under it. */
function entryOf(md: string, where: string): string {
  const lines = md.split('\n');
  const i = lines.findIndex((l) => l.includes(`**\`${where}\`**`));
  expect(i).toBeGreaterThan(-1);
  const end = lines.findIndex((l, j) => j > i && !l.startsWith('    '));
  return lines.slice(i, end).join('\n');
}

describe('a large change: docs.rs, 33 new migrations', () => {
  let r: Awaited<ReturnType<typeof onPullRequest>>;
  beforeAll(async () => {
    r = await onPullRequest({ project: 'docs-rs', deployed: 0, fresh: 33 });
  }, 120_000);

  test("the comment is an approver's: a verdict, what needs a decision ranked by risk, evidence merged, under 25,000 characters, nothing cut silently", () => {
    const { comment, report, run } = r;
    expect(report.verify!.migrations).toHaveLength(33);
    expect(comment.length).toBeLessThan(25_000);
    expect(comment).toMatch(
      /^<!-- pg-migration-gate: verify .* -->\n❌ \*\*pg-migration-gate verify\*\* failed: 33 new migrations verified — \d+ errors, \d+ warnings\n\n\*\*\d+ statements that need a decision\*\* · \d+ locks on existing tables · \d+ other warnings\./,
    );

    // Failures first, then locks on existing tables, then the rest.
    const [decision, locks, rest] = [
      '### ❌ Needs a decision',
      '### 🔒 Locks on existing tables',
      '### ⚠️ Other warnings',
    ].map((h) => comment.indexOf(h));
    expect(0 < decision && decision < locks && locks < rest).toBe(true);
    // Within what needs a decision, what failed when it ran (a down script that does not undo) before predictions.
    const entries = [...comment.slice(decision, locks).matchAll(/^\d+\. ❌ .*$/gm)].map((m) => m[0]);
    const firstLint = entries.findIndex((e) => !e.includes('.down.sql'));
    expect(entries.slice(0, firstLint).every((e) => e.includes('.down.sql'))).toBe(true);
    expect(entries.slice(firstLint).some((e) => e.includes('.down.sql'))).toBe(false);

    // One entry per statement: the rule that predicted it, the lock observed and the time measured, the re-run.
    const drop = entryOf(comment, '20240221104457_drop_releases_build_status.up.sql:1');
    expect(drop).toMatch(/`ALTER TABLE releases DROP COLUMN build_status`/);
    expect(drop).toMatch(/🔒 observed: ACCESS EXCLUSIVE on public\.releases, \d+ ms \(\[`blocking-lock`\]/);
    // Pages linked where GitHub shows the comment: the action's docs at the commit the workflow runs (uses: ./ here).
    expect(drop).toContain(`❌ [\`drop-column\`](${DOCS}rules/drop-column.md)`);
    expect(drop).toContain(`⚠️ [\`not-idempotent\`](${DOCS}findings/not-idempotent.md) fails when run a second time`);
    expect(drop).toContain('**Fix:** Stop reading and writing the column first');
    expect(comment.split('20240221104457_drop_releases_build_status.up.sql:1`').length - 1).toBe(1);

    // What did not fit is named, with where it is.
    expect(comment).toMatch(
      /_Left out here to keep this short: .*\. All of it is in the job summary of this run and the JSON report \(report-path\)\._/,
    );
    expect(comment).not.toContain('was cut to fit');

    // The job summary has all of it (in-process, only the first run's summary is read: the toolkit keeps its
    // file); the JSON report names every finding's docs page.
    expect(run.summary).toContain('<summary>Migrations: 33 new migrations — ');
    expect(run.summary).toContain(`<summary>All ${report.findings.length} findings, by file, with the fix</summary>`);
    expect(run.summary).not.toContain('Left out here');
    expect(report.findings.every((f) => f.docs && kindOf(f.rule)?.docs === f.docs)).toBe(true);
  });

  test('marks tell the truth: a migration is marked by its worst finding, in every format', () => {
    const { report, run } = r;
    const row = (name: string) =>
      run.summary.split('\n').find((l) => l.startsWith(`| ${name.split('_')[0]} | ${name} |`));
    // Warnings only (a rewrite, a lock, a re-run that fails): ⚠️, not ❌.
    expect(row('20240221124844_multi_stage_build_status')).toMatch(
      /\| ⚠️ apply ok · re-run failed \(warning\) · down\/up ok \|$/,
    );
    // Every check passes but a column is dropped: ❌.
    expect(row('20240221113734_drop_releases_rustc_version')).toMatch(
      /\| ❌ apply ok · re-run failed \(warning\) · down\/up ok \|$/,
    );
    expect(row('20240221114302_ensure_no_buildless_releases_exist')).toMatch(
      /\| ✅ apply ok · re-run ok · down\/up ok \|$/,
    );
    const marks = Object.fromEntries(report.verify!.migrations.map((m) => [m.name, (m as { mark?: string }).mark]));
    expect([
      marks['20240221124844_multi_stage_build_status'],
      marks['20240221113734_drop_releases_rustc_version'],
      marks['20240221114302_ensure_no_buildless_releases_exist'],
    ]).toEqual(['warning', 'error', 'ok']);
    const text = renderText(report);
    expect(text).toContain('  ! 20240221124844_multi_stage_build_status: apply ok');
    expect(text).toContain('  ✗ 20240221113734_drop_releases_rustc_version: apply ok');
    expect(text).toContain('  ✓ 20240221114302_ensure_no_buildless_releases_exist: apply ok');
  });

  test('every finding is in the catalogue, and SARIF gives each rule its real text', () => {
    const { report, sarif } = r;
    expect(report.findings.filter((f) => !kindOf(f.rule)).map((f) => f.rule)).toEqual([]);
    const rules = sarif.runs[0].tool.driver.rules as {
      id: string;
      shortDescription: { text: string };
      help: { text: string };
    }[];
    expect(rules.map((x) => x.id)).toEqual(
      expect.arrayContaining(['blocking-lock', 'not-idempotent', 'not-reversible', 'drop-column', 'table-rewrite']),
    );
    for (const rule of rules)
      expect([rule.id, rule.shortDescription.text, rule.help.text]).toEqual([
        rule.id,
        kindOf(rule.id)!.title,
        kindOf(rule.id)!.help,
      ]);
  });
});

describe('a small change: atuin, 3 new migrations on 17 deployed', () => {
  test('the comment is the whole report: nothing left out, what needs a decision first', async () => {
    const { comment, report } = await onPullRequest({ project: 'atuin', deployed: 17, fresh: 3 });
    expect(report.verify).toMatchObject({ deployed: 17 });
    expect(comment.length).toBeLessThan(13_000);
    expect(comment).not.toContain('Left out here');
    expect(comment.replace(/^<!--.*-->\n/, '').replaceAll(DOCS, 'docs/')).toBe(renderMarkdown(report));
    expect(comment).toMatch(/\n\*\*2 statements that need a decision\*\* · 2 locks on existing tables · .*\d+ notes\./);
    expect(entryOf(comment, '20260127000000_remove-email-verification.sql:1').replace(/\\_/g, '_')).toMatch(
      /^1\. ❌ .*`drop table if exists user_verification_token`\n {4}- 🔒 observed: ACCESS EXCLUSIVE on public\.user_verification_token, ACCESS EXCLUSIVE on public\.users, \d+ ms .*\n {4}- ❌ \[`drop-table`\]/,
    );
    // Notes are folded, not mixed into the entries.
    expect(comment).toMatch(/<summary>ℹ️ \d+ notes: missing-down-script \(3\), missing-header-comment \(3\)/);
    expect(comment.slice(0, comment.indexOf('<summary>ℹ️'))).not.toContain('missing-down-script');
  });
});
