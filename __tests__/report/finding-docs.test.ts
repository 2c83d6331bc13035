import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogue } from '../../src/report/catalogue.js';
import { renderFindingIndex, renderFindingPage } from '../../src/report/docs-pages.js';

const dir = join('docs', 'findings');
const runFindings = catalogue().filter((e) => e.area !== 'lint');
const stale = 'is stale: run npm run docs and commit docs/findings/';

describe('docs/findings/: a page for every finding of the run, generated from the catalogue', () => {
  test.each(runFindings.map((e) => [e.id, e] as const))('%s.md is current', (id, entry) => {
    expect([`${id}.md`, readFileSync(join(dir, `${id}.md`), 'utf8')]).toEqual([`${id}.md`, renderFindingPage(entry)]);
  });

  test(`the index lists them all, and ${stale.replace('is stale: ', 'when not, says so: ')}`, () => {
    const index = readFileSync(join(dir, 'README.md'), 'utf8');
    expect(index).toBe(renderFindingIndex(runFindings));
    for (const e of runFindings) expect(index).toContain(`[\`${e.id}\`](${e.id}.md)`);
  });

  test('no page is left for a finding that is gone', () => {
    const pages = readdirSync(dir).filter((f) => f !== 'README.md');
    expect(pages.filter((p) => !runFindings.some((e) => `${e.id}.md` === p))).toEqual([]);
  });

  test('a page says what happens and what to do, and where it comes from', () => {
    const page = renderFindingPage(runFindings.find((e) => e.id === 'blocking-lock')!);
    expect(page).toMatch(
      /^# blocking-lock\n\n\*\*Lock on an existing table\*\* · Running the change \(verify\) · severity: `warning`\n/,
    );
    expect(page).toContain('## What happens\n\nThe statement took a SHARE, EXCLUSIVE or ACCESS EXCLUSIVE lock');
    expect(page).toContain('## What to do\n\nKeep the statement short');
  });
});
