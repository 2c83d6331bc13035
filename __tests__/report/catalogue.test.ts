import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { findingsFor } from '../../src/engine/failure-findings.js';
import { ConnectionError, withClient } from '../../src/db/session/connect.js';
import { InputError, MigrationError, StateError, ToolError } from '../../src/foundation/errors.js';
import { RULES } from '../../src/lint/registry.js';
import { APPLY_FINDINGS } from '../../src/model/findings-apply.js';
import { VERIFY_FINDINGS } from '../../src/model/findings-verify.js';
import { INPUT_RULE, type Finding } from '../../src/model/report.js';
import { DRILL_PREFIX, ENGINE_LINT_IDS, RUN_FINDINGS } from '../../src/model/run-findings.js';
import { catalogue, kindOf } from '../../src/report/catalogue.js';
import { renderSarif } from '../../src/report/sarif.js';
import { serverUrl } from '../harness/db.js';

const SRC = join(process.cwd(), 'src');
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) =>
    statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : n.endsWith('.ts') ? [join(dir, n)] : [],
  );
const isId = (s: string) => /^[a-z][a-z0-9]*(-[a-z0-9]+)+$|^[a-z]+$/.test(s);

/**
 * Every finding id written in the source: `rule: …` (with every quoted id in the expression: a ternary, a type),
 * comparisons with `rule`, verify's failure('…') helper, and the apply pipeline's steps, which report
 * `<step>-failed` when they throw.
 */
function idsInSource(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of files(SRC)) {
    const rel = relative(process.cwd(), file);
    const text = readFileSync(file, 'utf8');
    const add = (id: string) => isId(id) && !found.has(id) && found.set(id, rel);
    for (const m of text.matchAll(/\brule:\s*([^,;{}\n]+)/g))
      for (const q of m[1].matchAll(/(?<!\[)'([^']+)'/g)) add(q[1]);
    for (const m of text.matchAll(/\brule\s*[!=]==\s*'([^']+)'/g)) add(m[1]);
    for (const m of text.matchAll(/\bfailure\(\s*'([^']+)'/g)) add(m[1]);
    if (rel.endsWith(join('engine', 'pipeline.ts')))
      for (const m of text.matchAll(/\[\s*'([a-z][a-z -]*)',\s*(?:async\b|[a-zA-Z]+\s*[\],])/g))
        add(`${m[1].replace(/ /g, '-')}-failed`);
  }
  return found;
}

describe('the catalogue of findings', () => {
  const entries = catalogue();

  test('holds every lint rule of the registry, each with its docs page', () => {
    for (const rule of RULES)
      expect(kindOf(rule.id)).toMatchObject({
        area: 'lint',
        severity: rule.severity,
        title: rule.title,
        docs: `docs/rules/${rule.id}.md`,
      });
  });

  test('declares each id once: no run finding shares an id with another or with a lint rule', () => {
    const ids = entries.map((e) => e.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    expect(Object.keys(VERIFY_FINDINGS).filter((id) => id in APPLY_FINDINGS)).toEqual([]);
  });

  test("every entry says what happens and what to do; the run's own, in sentences", () => {
    for (const e of entries) expect([e.id, e.title, e.message, e.help].every(Boolean)).toBe(true);
    for (const e of entries.filter((x) => x.area !== 'lint')) {
      expect([e.id, e.title.length > 3, /[.)]$/.test(e.message), /[.)]$/.test(e.help)]).toEqual([
        e.id,
        true,
        true,
        true,
      ]);
    }
  });

  test('the lint rules the engine reports itself are rules of the registry', () => {
    for (const id of ENGINE_LINT_IDS) expect(RULES.map((r) => r.id)).toContain(id);
    expect(INPUT_RULE in RUN_FINDINGS).toBe(true);
  });

  test('every finding id written in the source is in the catalogue', () => {
    const ids = idsInSource();
    // The scan finds what it should: ids from the engine, verify, the plan, and the pipeline's steps.
    for (const id of [
      'apply-failed',
      'blocking-lock',
      'checksum-drift',
      'post-migration-backup-failed',
      'syntax-error',
      'transaction-control',
    ])
      expect(ids.has(id)).toBe(true);
    const unknown = [...ids].filter(([id]) => !kindOf(id)).map(([id, file]) => `${id} (${file})`);
    expect(unknown).toEqual([]);
  });

  test('every finding made from an error is in the catalogue', async () => {
    // A server's refusal, as the engine's own client reports it.
    const refused = await withClient(serverUrl(), (c) =>
      c.query('SELECT 1/0').then(
        () => undefined,
        (e: unknown) => e,
      ),
    );
    const errors = [
      new InputError(['bad']),
      new StateError(['dirty']),
      new ConnectionError('refused'),
      new MigrationError('broken', { sqlstate: '42601' }),
      refused,
      Object.assign(new Error('reset'), { code: 'ECONNRESET', syscall: 'read' }),
      Object.assign(new Error('missing'), { code: 'ENOENT', syscall: 'open', path: '/x' }),
      new ToolError('pg_dump', '1', 'pg_dump: error: query failed: ERROR:  permission denied for table secrets'),
      new Error('surprise'),
    ];
    const rules = errors.flatMap((e) => findingsFor(e).map((f) => f.rule));
    expect(rules).toEqual([
      'configuration',
      'database-state',
      'connection',
      'migration',
      'database-error',
      'connection',
      'configuration',
      'tool-failed',
      'internal-error',
    ]);
    for (const r of rules) expect(kindOf(r)).toBeDefined();
  });

  test("a tool's refusal gets the hint for its last error, not for a warning it carried on after", () => {
    const said =
      'pg_restore: warning: permission denied to set parameter\npg_restore: error: could not write to output file: No space left on device';
    expect(findingsFor(new ToolError('pg_restore', '1', said))[0]).toMatchObject({
      rule: 'tool-failed',
      help: expect.stringMatching(/disk holding backup-dir is full/),
    });
    expect(
      findingsFor(new ToolError('pg_dump', '1', 'pg_dump: error: aborting because of server version mismatch'))[0].help,
    ).toMatch(/pg-dump-path/);
    expect(findingsFor(new ToolError('psql', '3', 'something else entirely'))[0].help).toBe(
      "psql's own words are above; fix what it names, then run again",
    );
  });

  test('a restore drill finding is the finding it repeats', () => {
    expect(kindOf(`${DRILL_PREFIX}apply-failed`)).toMatchObject({
      title: 'Restore drill: A migration failed',
      docs: 'docs/findings/apply-failed.md',
    });
    expect(kindOf(`${DRILL_PREFIX}no-such-thing`)).toBeUndefined();
  });

  test('the type of a finding refuses an id outside the catalogue', () => {
    // @ts-expect-error: not a catalogue id; `npm run typecheck` fails if Finding['rule'] ever accepts any string.
    const f: Finding = { rule: 'no-such-finding', severity: 'error', message: 'x' };
    expect(kindOf(f.rule)).toBeUndefined();
  });

  test('every id has its docs page', () => {
    expect(entries.filter((e) => !existsSync(e.docs)).map((e) => e.docs)).toEqual([]);
  });

  test("SARIF carries each rule's title, what happens and what to do, for run findings as for lint rules", () => {
    const report = {
      command: 'verify',
      ok: false,
      historyTable: 'h',
      pending: [],
      applied: [],
      notes: [],
      findings: [
        { rule: 'blocking-lock', severity: 'warning', message: 'SHARE on public.t', file: '1.sql', line: 2 },
        { rule: 'drop-table', severity: 'error', message: 'gone', file: '1.sql', line: 3 },
      ] as Finding[],
    };
    const sarif = renderSarif(report, '0.0.0') as {
      runs: {
        tool: {
          driver: {
            rules: {
              id: string;
              shortDescription: { text: string };
              fullDescription: { text: string };
              help: { text: string };
              defaultConfiguration: { level: string };
            }[];
          };
        };
      }[];
    };
    const rules = sarif.runs[0].tool.driver.rules;
    expect(rules[0]).toMatchObject({
      id: 'blocking-lock',
      shortDescription: { text: 'Lock on an existing table' },
      fullDescription: { text: RUN_FINDINGS['blocking-lock'].message },
      help: { text: RUN_FINDINGS['blocking-lock'].help },
      defaultConfiguration: { level: 'warning' },
    });
    expect(rules[1]).toMatchObject({
      id: 'drop-table',
      shortDescription: { text: kindOf('drop-table')!.title },
      defaultConfiguration: { level: 'error' },
    });
  });
});
