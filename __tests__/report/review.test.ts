import { newReport, type Finding, type Report, type VerifiedMigration } from '../../src/model/report.js';
import type { StatementTrace } from '../../src/model/trace.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { reviewOf } from '../../src/report/review.js';

/** A verify report of migrations `001_a.sql`, `002_b.sql`, …, each with the statements and findings given. */
function verifyReport(
  migrations: { statements?: Partial<StatementTrace>[]; apply?: VerifiedMigration['apply'] }[],
  findings: Finding[],
): Report {
  const r = { ...newReport('verify', 'schema_migrations'), root: 'db/migrations' };
  const name = (i: number) => `00${i + 1}_${'abcdefghij'[i]}.sql`;
  r.verify = {
    deployed: 0,
    schemaChange: [],
    checkMs: {},
    migrations: migrations.map((m, i) => ({
      version: `00${i + 1}`,
      name: name(i),
      file: name(i),
      transaction: true,
      apply: m.apply ?? 'ok',
      idempotency: 'ok',
      reversibility: 'off',
      statements: (m.statements ?? []).map((s) => ({
        file: name(i),
        line: 1,
        column: 1,
        sql: 'SELECT 1',
        lines: 1,
        locks: [],
        rewrites: [],
        durationMs: 1,
        observed: true,
        ...s,
      })),
    })),
  };
  for (const f of findings) {
    r.findings.push(f);
    if (f.severity === 'error') r.ok = false;
  }
  return r;
}

const at = (
  rule: Finding['rule'],
  severity: Finding['severity'],
  file: string,
  line: number,
  message = `${rule} here`,
): Finding => ({ rule, severity, message, file, line, column: 1 });
const lint = (id: string) => id as Finding['rule'];

describe('one entry per statement, ranked by risk', () => {
  const r = verifyReport(
    [
      {
        statements: [
          { line: 1, sql: 'CREATE TABLE t (id int)' },
          {
            line: 3,
            lines: 3,
            sql: 'ALTER TABLE users',
            locks: [{ relation: 'public.users', mode: 'ACCESS EXCLUSIVE' }],
            rewrites: ['public.users'],
            durationMs: 42,
          },
        ],
      },
      {
        statements: [
          {
            line: 1,
            sql: 'CREATE INDEX i ON orders (a)',
            locks: [{ relation: 'public.orders', mode: 'SHARE' }],
            durationMs: 900,
          },
          {
            line: 2,
            sql: 'ALTER TABLE orders DROP COLUMN x',
            locks: [{ relation: 'public.orders', mode: 'ACCESS EXCLUSIVE' }],
          },
        ],
      },
      { apply: 'failed', statements: [{ line: 1, sql: 'SELECT 1' }] },
    ],
    [
      at(lint('prefer-text-over-varchar'), 'warning', '001_a.sql', 1),
      at('blocking-lock', 'warning', '001_a.sql', 3),
      at('table-rewrite', 'warning', '001_a.sql', 3),
      at(lint('changing-column-type'), 'warning', '001_a.sql', 5, 'Changing a column type that rewrites the table'),
      at(
        'not-idempotent',
        'warning',
        '001_a.sql',
        3,
        '001_a.sql fails when run a second time: column "c" already exists',
      ),
      at('blocking-lock', 'warning', '002_b.sql', 1),
      at(lint('require-concurrent-index-creation'), 'warning', '002_b.sql', 1),
      at('blocking-lock', 'warning', '002_b.sql', 2),
      at(lint('drop-column'), 'error', '002_b.sql', 2, 'The column is gone.'),
      at('apply-failed', 'error', '003_c.sql', 4, '003_c.sql fails: division by zero'),
      at(lint('missing-down-script'), 'info', '001_a.sql', 1, 'No way back.'),
    ],
  );
  const items = reviewOf(r);

  test('a statement gathers the lint rule that predicted it, the locks observed and the re-run; notes stand apart', () => {
    const alter = items.find((x) => x.file === '001_a.sql' && x.line === 3)!;
    expect(alter.findings.map((f) => f.rule).sort()).toEqual([
      'blocking-lock',
      'changing-column-type',
      'not-idempotent',
      'table-rewrite',
    ]);
    expect(alter.trace?.sql).toBe('ALTER TABLE users');
    expect(
      items.filter((x) => x.file === '001_a.sql' && x.line === 1).map((x) => x.findings.map((f) => f.rule)),
    ).toEqual([['prefer-text-over-varchar'], ['missing-down-script']]);
  });

  test('failures seen when running first, then predicted ones; then locks, strongest and longest first; then the rest; notes last', () => {
    expect(items.map((x) => `${x.tier} ${x.file}:${x.line}`)).toEqual([
      'decision 003_c.sql:4',
      'decision 002_b.sql:2',
      'lock 001_a.sql:3',
      'lock 002_b.sql:1',
      'warning 001_a.sql:1',
      'note 001_a.sql:1',
    ]);
  });

  test('a line past the last statement of a failed migration is not pinned to a statement it may not be in', () => {
    expect(items.find((x) => x.file === '003_c.sql')?.trace).toBeUndefined();
  });

  test('the markdown says it once: locks observed with time and rewrite, and the rule that predicted them', () => {
    const md = renderMarkdown(r);
    expect(md).toContain(
      '- ⚠️ **`001_a.sql:3`** `ALTER TABLE users` — 🔒 observed: ACCESS EXCLUSIVE on public.users, rewrote public.users, 42 ms ([`blocking-lock`](docs/findings/blocking-lock.md), [`table-rewrite`](docs/findings/table-rewrite.md)), predicted by [`changing-column-type`](docs/rules/changing-column-type.md) · ⚠️ [`not-idempotent`](docs/findings/not-idempotent.md) fails when run a second time: column "c" already exists',
    );
    expect(md).toContain(
      '1. ❌ **`003_c.sql:4`**\n    - ❌ [`apply-failed`](docs/findings/apply-failed.md) fails: division by zero',
    );
    expect(md).toContain('<summary>ℹ️ 1 note: missing-down-script (1)</summary>');
  });
});

describe('a comment within its budget, never cut silently', () => {
  // 40 migrations, each with a lock and two warnings, every fifth with an error: far more than fits.
  const migrations = Array.from({ length: 40 }, () => ({
    statements: [
      {
        line: 1,
        sql: 'ALTER TABLE big ADD COLUMN c int',
        locks: [{ relation: 'public.big', mode: 'ACCESS EXCLUSIVE' }],
      },
      { line: 2, sql: 'CREATE TABLE x (a varchar(10))' },
    ],
  }));
  const r = verifyReport(migrations, []);
  r.verify!.migrations.forEach((m, i) => {
    m.name = m.file = `${String(i + 1).padStart(3, '0')}_change_number_${i + 1}.sql`;
    m.statements.forEach((s) => (s.file = m.file));
    r.findings.push(
      at('blocking-lock', 'warning', m.file, 1),
      at(lint('prefer-text-over-varchar'), 'warning', m.file, 2, 'varchar limits the text. Column a.'),
      at('not-idempotent', 'warning', m.file, 2),
    );
    if (i % 5 === 0) r.findings.push(at(lint('drop-column'), 'error', m.file, 1, 'The column is gone.'));
  });
  r.ok = false;
  r.verify!.schemaChange = Array.from({ length: 200 }, (_, i) => `+ table public.t${i} (1 column)`);

  test('the full rendering has everything; within a budget the detail and the lowest-ranked entries go, and it says so', () => {
    const full = renderMarkdown(r);
    const short = renderMarkdown(r, { budget: 6000, rest: 'the job summary' });
    expect(full.length).toBeGreaterThan(20000);
    expect(short.length).toBeLessThanOrEqual(6000);
    expect(full).toContain('<summary>Schema change (200 lines)</summary>');
    // Every entry that needs a decision fits; locks are cut from the bottom of the ranking, each cut said.
    expect(short.match(/^\d+\. ❌/gm)).toHaveLength(8);
    expect(short).toMatch(/_…and \d+ more, ranked lower: in the job summary\._/);
    expect(short).toMatch(
      /_Left out here to keep this short: .*the table of the 40 migrations with their marks.*the schema change \(200 lines\).* All of it is in the job summary\._/,
    );
    expect(short).not.toContain('<summary>Schema change');
  });

  test('a budget too small for every decision in full keeps the first in full and names the others by rule and place', () => {
    const tiny = renderMarkdown(r, { budget: 1500, rest: 'the job summary' });
    expect(tiny.length).toBeLessThanOrEqual(1500);
    expect(tiny).toContain('1. ❌');
    expect(tiny).not.toContain('2. ❌');
    expect(tiny).toMatch(
      /- ❌ \[`drop-column`\]\(docs\/rules\/drop-column\.md\) \(7\): `006_change_number_6\.sql:1`, .*`036_change_number_36\.sql:1`/,
    );
    expect(tiny).toMatch(
      /_Left out here to keep this short: the details of 7 statements that need a decision \(listed here by rule and place\)/,
    );
    // A little more room: the next ones one line each, before any is reduced to its place.
    // Less room than naming each needs: the last ones are counted by rule, and the note says where they are.
    const tries = Array.from({ length: 30 }, (_, i) => 1000 + i * 20).map((budget) => ({
      budget,
      md: renderMarkdown(r, { budget, rest: 'the job summary' }),
    }));
    for (const t of tries) expect(t.md.length).toBeLessThanOrEqual(t.budget);
    const counted = tries.find(
      (t) =>
        /^- ❌ …and \d statements that need a decision, by rule: \[`drop-column`\]\(docs\/rules\/drop-column\.md\) \(\d\): in the job summary\.$/m.test(
          t.md,
        ) && !t.md.includes('cut to fit'),
    );
    expect(counted?.md).toMatch(/where the last \d of them are/);
    const small = renderMarkdown(r, { budget: 2400, rest: 'the job summary' });
    expect(small).toMatch(/^- ❌ \*\*`006_change_number_6\.sql:1`\*\*/m);
    expect(small).not.toContain('cut to fit');
  });
});
