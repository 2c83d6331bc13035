import { readFileSync } from 'node:fs';
import { fitMarkdown, renderMarkdown, verdict } from '../../src/report/markdown.js';
import { newReport, type Report } from '../../src/model/report.js';
import { renderText } from '../../src/report/text.js';

const fixture = (name: string): Report => JSON.parse(readFileSync(`__fixtures__/reports/${name}.json`, 'utf8'));

describe('renderMarkdown', () => {
  const md = renderMarkdown(fixture('verify-failed'));

  test('opens with a one-line verdict', () => {
    expect(md.split('\n')[0]).toBe('❌ **pg-migration-gate verify** failed: 2 new migrations verified — 1 error, 2 warnings');
  });

  test('lists the migrations with transaction mode, duration and each check', () => {
    expect(md).toContain('| 001 | 001_events.sql | yes | 12 ms | ✅ apply ok · re-run ok · down/up ok |');
    expect(md).toContain('| 002 | 002_widen.sql | yes | 40 ms | ❌ apply ok · re-run ok · down/up failed |');
  });

  test('groups findings by file (repository paths), errors first, with the fix; pipes are escaped', () => {
    const widen = md.indexOf('**`db/migrations/002_widen.sql`**');
    const events = md.indexOf('**`db/migrations/001_events.sql`**');
    expect(widen).toBeGreaterThan(0);
    expect(events).toBeGreaterThan(widen);
    expect(md).toContain('| 5 | ❌ | `not-reversible` | the down script of 002_widen.sql does not restore the schema: + index public.events.events_kind | Undo every change \\| including indexes |');
    expect(md).toContain('| 3 | ⚠️ | [`prefer-timestamptz`](docs/rules/prefer-timestamptz.md) |');
  });

  test('shows the locks on existing tables, leaving out plain reads', () => {
    expect(md).toContain('| 002_widen.sql | 2 | `ALTER TABLE events ALTER COLUMN id TYPE bigint` | ACCESS EXCLUSIVE public.events | ⚠️ public.events | 35 ms |');
    expect(md).not.toContain('ACCESS SHARE');
    expect(md).not.toContain('| 3 | `SELECT 1`');
  });

  test('shows the schema change as a diff', () => {
    expect(md).toContain('### Schema change\n\n```diff\n+ table public.events (2 columns, 1 constraint, 1 index)\n~ column public.users.id: integer NOT NULL -> bigint NOT NULL\n```');
  });

  test('plan: the pending migrations and the hash', () => {
    const r = { ...newReport('plan', 'schema_migrations', 'db:5432/app'), planHash: 'sha256:abc', pending: [{ version: '7', name: '7_x.sql', file: '7_x.sql', transaction: false, transactionNote: 'CREATE INDEX CONCURRENTLY at line 1' }] };
    const out = renderMarkdown(r);
    expect(verdict(r)).toBe('✅ **pg-migration-gate plan** passed: 1 pending migration — 0 errors, 0 warnings');
    expect(out).toContain('| 7 | 7_x.sql | no (CREATE INDEX CONCURRENTLY at line 1) | — | pending |');
    expect(out).toContain('Target `db:5432/app`, history table `schema_migrations`.');
    expect(out).toContain('Plan hash: `sha256:abc`');
  });

  test('the CLI text shows the same report', () => {
    const text = renderText(fixture('verify-failed'));
    expect(text).toContain('db/migrations/002_widen.sql:5:1  error  not-reversible');
    expect(text).toContain('      line 2: ACCESS EXCLUSIVE public.events; rewrites public.events (35 ms)');
  });
});

describe('fitMarkdown', () => {
  const long = ['# title', '', '```diff', ...Array.from({ length: 5000 }, (_, i) => `+ table public.t${i}`), '```', 'end'].join('\n');

  test('leaves text within the limit alone', () => {
    expect(fitMarkdown('short\n', 100, (s) => s.length, 'x')).toBe('short\n');
  });

  test('cuts at a line, closes an open code block, says where the rest is, and stays within the limit', () => {
    for (const [limit, size] of [[2000, (s: string) => s.length], [3000, (s: string) => Buffer.byteLength(s)]] as const) {
      const cut = fitMarkdown(long, limit, size, '/tmp/report.json');
      expect(size(cut)).toBeLessThanOrEqual(limit);
      expect(cut).toMatch(/```\n\n\n_This report was cut to fit GitHub's limit; the full report is in \/tmp\/report\.json\._\n$/);
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
