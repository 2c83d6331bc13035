import { verify } from '../../src/commands/verify.js';
import { silentLogger } from '../../src/foundation/logger.js';
import { COMMENT_TARGET_CHARS } from '../../src/report/limits.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { publishable } from '../../src/report/publishable.js';
import { reviewOf } from '../../src/report/review.js';
import { testConfig } from '../harness/config.js';
import { scratchDb, type ScratchDb } from '../harness/db.js';
import { makeFolder } from '../harness/folders.js';

let db: ScratchDb;
beforeAll(async () => {
  db = await scratchDb();
});
afterAll(async () => {
  await db.drop();
});

/**
 * A change as large as real ones get: 100 new migrations on 10 tables with rows, each with statements that need a
 * decision (an UPDATE without WHERE, a dropped column), a rewrite under ACCESS EXCLUSIVE, an index built with a
 * SHARE lock, and a down script.
 */
function bigChange(): string {
  const files: Record<string, string> = {};
  for (let t = 1; t <= 10; t++) {
    files[`${String(t).padStart(3, '0')}_table_${t}.sql`] =
      `CREATE TABLE t${t} (id bigint PRIMARY KEY, name text, n int);\nINSERT INTO t${t} SELECT g, 'row ' || g, g FROM generate_series(1, 50) g;`;
  }
  for (let i = 1; i <= 100; i++) {
    const t = (i % 10) + 1;
    files[`${String(100 + i).padStart(3, '0')}_change_${i}.sql`] = `-- migrate:up
ALTER TABLE t${t} ADD COLUMN c${i} int;
UPDATE t${t} SET c${i} = n;
ALTER TABLE t${t} ALTER COLUMN c${i} TYPE bigint;
CREATE INDEX t${t}_c${i} ON t${t} (c${i});
ALTER TABLE t${t} DROP COLUMN c${i};

-- migrate:down
SELECT 1;
`;
  }
  return makeFolder(files);
}

test('the comment of a 100-migration change with hundreds of findings fits its budget by ranking and folding, every decision kept', async () => {
  const dir = bigChange();
  const report = await verify(testConfig({ command: 'verify', 'migrations-dir': dir, 'database-url': db.url }), {
    databaseUrl: db.url,
    log: silentLogger,
  });
  expect(report.verify!.migrations).toHaveLength(110);
  const decisions = reviewOf(report).filter((x) => x.tier === 'decision');
  expect(decisions.length).toBeGreaterThanOrEqual(200);
  expect(report.findings.length).toBeGreaterThan(500);

  const { summary, comment } = publishable(report, { secrets: [], reportPath: '/tmp/report.json', sarif: false });
  const whole = renderMarkdown(report);
  expect(whole.length).toBeGreaterThan(4 * COMMENT_TARGET_CHARS);
  expect(comment.length).toBeLessThanOrEqual(COMMENT_TARGET_CHARS);
  // Fitted by choosing what to show, not cut at the end.
  expect(comment).not.toContain('was cut to fit');
  // Every statement that needs a decision is in the comment, by file and line.
  for (const x of decisions) expect(comment).toContain(`\`${x.file}:${x.line}\``);
  expect(comment).toMatch(/Left out here to keep this short: .* All of it is in the job summary/);
  expect(summary.length).toBeGreaterThan(comment.length);
}, 120_000);
