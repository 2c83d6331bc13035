import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Report } from '../../src/model/report.js';
import {
  markdownOf,
  pageOf,
  RECORD,
  renderPage,
  SCREENSHOT_DIR,
  sha256,
  SHOTS,
  type RecordEntry,
} from '../../scripts/report-page.js';

/**
 * The screenshots in docs/ show the report as GitHub renders it. Taking them needs Chromium, which CI does not
 * have: each is recorded with the hash of the page it was taken of, and this test renders the pages again. When
 * the report's rendering changes, the hash does, and the screenshots must be taken again (npm run screenshots).
 */
const record = JSON.parse(readFileSync(RECORD, 'utf8')) as Record<string, RecordEntry>;
const retake =
  'the rendered report changed since the screenshot was taken: run npm run screenshots and commit docs/screenshots/';

describe('the screenshots in docs/screenshots/ are of the report as it renders now', () => {
  test('each screenshot is recorded, and only those', () => {
    expect(Object.keys(record).sort()).toEqual(SHOTS.map((s) => `${s.name}.png`).sort());
  });

  test.each(SHOTS.map((s) => [s.name, s] as const))('%s', (name, shot) => {
    const entry = record[`${name}.png`];
    const png = join(SCREENSHOT_DIR, `${name}.png`);
    expect(existsSync(png)).toBe(true);
    const image = readFileSync(png);
    expect(image.subarray(1, 4).toString()).toBe('PNG');
    expect({ report: entry.report, form: entry.form, png: entry.png }).toEqual({
      report: shot.report,
      form: shot.form,
      png: sha256(image),
    });
    expect(entry.html === sha256(pageOf(shot)) ? 'current' : retake).toBe('current');
  });

  test('the page is GitHub-flavoured: tables, folded detail, a comment keeps single line breaks', () => {
    const page = renderPage(
      'a\nb\n\n<details>\n<summary>more</summary>\n\n| x | y |\n| --- | --- |\n| 1 | 2 |\n\n</details>\n',
      'comment',
    );
    expect(page).toContain('<p>a<br>b</p>');
    expect(page).toContain('<summary>more</summary>');
    expect(page).toMatch(/<table>[\s\S]*<td>1<\/td>/);
    expect(renderPage('a\nb\n', 'summary')).toContain('<p>a\nb</p>');
  });

  test('the screenshots are of a passing, a warning and a failing report, from real runs', () => {
    const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Report;
    const [passing, warning, failing] = ['passing', 'warning', 'failing'].map((n) =>
      read(`__fixtures__/reports/${n}.json`),
    );
    expect([passing.ok, passing.findings.length]).toEqual([true, 0]);
    expect([warning.ok, warning.findings.some((f) => f.severity === 'warning')]).toEqual([true, true]);
    expect(failing.ok).toBe(false);
    // The comment of a small change is the whole report: nothing is left out of it.
    expect(markdownOf(failing, 'comment')).toBe(markdownOf(failing, 'summary'));
  });
});
