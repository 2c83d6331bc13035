import { readFileSync } from 'node:fs';
import type { Report } from '../../src/model/report.js';
import { COMMENT_TARGET_CHARS } from '../../src/report/limits.js';
import { publishable } from '../../src/report/publishable.js';

/** Links in a job summary or a pull request comment resolve against GitHub's page, not this project's files. */
const large = JSON.parse(readFileSync('__fixtures__/reports/large.json', 'utf8')) as Report;
const DOCS = 'https://github.com/acme/pg-migration-gate/blob/v1/docs/';
const options = { secrets: [], reportPath: '/tmp/report.json', sarif: false };

describe('the pages the summary and the comment link to', () => {
  test('with the docs address known, every finding links to its page there, and the comment still fits', () => {
    const { summary, comment } = publishable(large, { ...options, docsUrl: DOCS });
    for (const md of [summary, comment]) {
      expect(md).not.toMatch(/\]\(docs\//);
      expect(md).toContain(`](${DOCS}findings/`);
      expect(md).toContain(`](${DOCS}rules/`);
    }
    expect(comment.length).toBeLessThanOrEqual(COMMENT_TARGET_CHARS);
    expect(comment).not.toContain('was cut to fit');
  });

  test('without it (the CLI), the links stay relative to this project', () => {
    const { comment } = publishable(large, options);
    expect(comment).toMatch(/\]\(docs\/rules\/[a-z-]+\.md\)/);
  });
});
