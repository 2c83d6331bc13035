import { readFileSync } from 'node:fs';
import { fitMarkdown, renderMarkdown, verdict } from '../../src/report/markdown.js';
import { newReport, type Report } from '../../src/model/report.js';
import { renderText } from '../../src/report/text.js';

const fixture = (name: string): Report => JSON.parse(readFileSync(`__fixtures__/reports/${name}.json`, 'utf8'));

describe('renderMarkdown', () => {
  const md = renderMarkdown(fixture('verify-failed'));

  test('opens with a one-line verdict, then what follows in a line', () => {
    const [first, , second] = md.split('\n');
    expect(first).toBe('❌ **pg-migration-gate verify** failed: 2 new migrations verified — 1 error, 2 warnings');
    expect(second).toBe(
      '**1 statement that needs a decision** · 1 lock on an existing table · 1 other warning. Paths are relative to `db/migrations/`.',
    );
  });

  test('marks each migration by its worst finding: a warning is ⚠️, not ✅ or ❌', () => {
    expect(md).toContain('| 001 | 001_events.sql | yes | 12 ms | ⚠️ apply ok · re-run ok · down/up ok |');
    expect(md).toContain('| 002 | 002_widen.sql | yes | 40 ms | ❌ apply ok · re-run ok · down/up failed |');
    expect(md).toContain('<summary>Migrations: 2 new migrations — 1 ❌ · 1 ⚠️</summary>');
  });

  test('what needs a decision comes first, with its evidence and the fix', () => {
    expect(md.indexOf('### ❌ Needs a decision (1)')).toBeLessThan(md.indexOf('### 🔒 Locks on existing tables (1)'));
    expect(md.indexOf('### 🔒 Locks on existing tables (1)')).toBeLessThan(md.indexOf('### ⚠️ Other warnings (1)'));
    expect(md).toContain(
      [
        '1. ❌ **`002_widen.sql:5`**',
        '    - ❌ [`not-reversible`](docs/findings/not-reversible.md) the down script does not restore the schema: + index public.events.events\\_kind',
        '    - **Fix:** Undo every change \\| including indexes',
      ].join('\n'),
    );
  });

  test('a lock is one entry with the statement, the locks observed, the rewrite and the time measured', () => {
    expect(md).toContain(
      '- ⚠️ **`002_widen.sql:2`** `ALTER TABLE events ALTER COLUMN id TYPE bigint` — 🔒 observed: ACCESS EXCLUSIVE on public.events, rewrote public.events, 35 ms ([`blocking-lock`](docs/findings/blocking-lock.md))',
    );
    expect(md).toContain(
      '- ⚠️ **`001_events.sql:3`** — ⚠️ [`prefer-timestamptz`](docs/rules/prefer-timestamptz.md) timestamp without time zone stores no zone.',
    );
  });

  test('the detail is folded: the locks table (no plain reads), every finding with its fix, the schema change', () => {
    expect(md).toContain(
      '| 002_widen.sql | 2 | `ALTER TABLE events ALTER COLUMN id TYPE bigint` | ACCESS EXCLUSIVE public.events | ⚠️ public.events | 35 ms |',
    );
    expect(md).not.toContain('ACCESS SHARE');
    expect(md).toContain('<summary>All 3 findings, by file, with the fix</summary>');
    expect(md).toContain(
      '| 5 | ❌ | [`not-reversible`](docs/findings/not-reversible.md) | the down script of 002\\_widen.sql does not restore the schema: + index public.events.events\\_kind | Undo every change \\| including indexes |',
    );
    expect(md).toContain(
      '### Schema change\n\n```diff\n+ table public.events (2 columns, 1 constraint, 1 index)\n~ column public.users.id: integer NOT NULL -> bigint NOT NULL\n```',
    );
  });

  test('plan: the pending migrations (not folded) and the hash', () => {
    const r = {
      ...newReport('plan', 'schema_migrations', 'db:5432/app'),
      planHash: 'sha256:abc',
      pending: [
        {
          version: '7',
          name: '7_x.sql',
          file: '7_x.sql',
          transaction: false,
          transactionNote: 'CREATE INDEX CONCURRENTLY at line 1',
        },
      ],
    };
    const out = renderMarkdown(r);
    expect(verdict(r)).toBe('✅ **pg-migration-gate plan** passed: 1 pending migration — 0 errors, 0 warnings');
    expect(out).toContain('### Migrations\n\n| version | name | transaction | duration | result |');
    expect(out).toContain('| 7 | 7_x.sql | no (CREATE INDEX CONCURRENTLY at line 1) | — | ✅ pending |');
    expect(out).toContain('Target `db:5432/app`, history table `schema_migrations`.');
    expect(out).toContain('Plan hash: `sha256:abc`');
  });

  test('the CLI text marks migrations the same way and keeps one line per finding', () => {
    const text = renderText(fixture('verify-failed'));
    expect(text).toContain('  ! 001_events.sql: apply ok (12 ms), re-run ok, down/up ok');
    expect(text).toContain('  ✗ 002_widen.sql: apply ok (40 ms), re-run ok, down/up failed');
    expect(text).toContain('db/migrations/002_widen.sql:5:1  error  not-reversible');
    expect(text).toContain('      line 2: ACCESS EXCLUSIVE public.events; rewrites public.events (35 ms)');
  });

  test('markup in messages cannot break the rendering', () => {
    const r = fixture('verify-failed');
    r.findings[1].message = 'a <script> *bold* [link](x) `code` | pipe\nnext line';
    const out = renderMarkdown(r);
    expect(out).toContain('a \\<script\\> \\*bold\\* \\[link\\](x) \\`code\\` \\| pipe next line');
  });
});

describe('fitMarkdown', () => {
  const long = [
    '# title',
    '',
    '```diff',
    ...Array.from({ length: 5000 }, (_, i) => `+ table public.t${i}`),
    '```',
    'end',
  ].join('\n');

  test('leaves text within the limit alone', () => {
    expect(fitMarkdown('short\n', 100, (s) => s.length, 'x')).toBe('short\n');
  });

  test('cuts at a line, closes an open code block, says where the rest is, and stays within the limit', () => {
    for (const [limit, size] of [
      [2000, (s: string) => s.length],
      [3000, (s: string) => Buffer.byteLength(s)],
    ] as const) {
      const cut = fitMarkdown(long, limit, size, '/tmp/report.json');
      expect(size(cut)).toBeLessThanOrEqual(limit);
      expect(cut).toMatch(
        /```\n\n\n_This report was cut to fit GitHub's limit; the full report is in \/tmp\/report\.json\._\n$/,
      );
      expect((cut.match(/^```/gm) ?? []).length % 2).toBe(0);
    }
  });

  test('multi-byte text is measured in bytes for the summary', () => {
    const text = 'é'.repeat(600) + '\n' + 'é'.repeat(600) + '\n';
    const cut = fitMarkdown(text, 1400, (s) => Buffer.byteLength(s), 'r');
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(1400);
    expect(cut.startsWith('é'.repeat(600))).toBe(true);
  });
});
