import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { lintFiles, NEWEST_POSTGRES, type LintInput } from '../../src/lint/lint-files.js';
import { RULES } from '../../src/lint/registry.js';
import type { FolderConventions } from '../../src/lint/rule.js';
import { catalogue, kindOf } from '../../src/report/catalogue.js';
import { renderFindingPage, renderRuleIndex } from '../../src/report/docs-pages.js';

interface FixtureContext {
  runByThisTool?: boolean;
  postgresVersion?: number;
  folder?: FolderConventions;
  bad?: Partial<LintInput> & { version?: string };
  good?: Partial<LintInput> & { version?: string };
}

const root = join('__fixtures__', 'lint');
const CONTEXT_KEYS = ['runByThisTool', 'postgresVersion', 'folder', 'bad', 'good'];

/** Lints one fixture file the way the folder form would, with the fixture's context.json applied. */
async function lintFixture(id: string, which: 'bad' | 'good') {
  const dir = join(root, id);
  const ctx: FixtureContext = existsSync(join(dir, 'context.json'))
    ? JSON.parse(readFileSync(join(dir, 'context.json'), 'utf8'))
    : {};
  // A key the loader does not read would change nothing, silently (as an old name once did).
  const unread = Object.keys(ctx).filter((k) => !CONTEXT_KEYS.includes(k));
  if (unread.length)
    throw new Error(`${dir}/context.json: ${unread.join(', ')} is not one of ${CONTEXT_KEYS.join(', ')}`);
  const input = (file: string, inScope: boolean): LintInput => ({
    script: { file, sql: readFileSync(join(dir, file), 'utf8'), startLine: 1 },
    hasDown: true,
    noTransactionDirective: false,
    runByThisTool: ctx.runByThisTool ?? true,
    inScope,
    ...ctx[which],
  });
  const inputs = [
    ...(existsSync(join(dir, 'before.sql')) ? [input('before.sql', false)] : []),
    input(`${which}.sql`, true),
  ];
  return lintFiles(inputs, {
    postgresVersion: ctx.postgresVersion ?? NEWEST_POSTGRES,
    disabled: new Set(),
    folder: ctx.folder,
  });
}

describe.each(RULES.map((r) => [r.id, r] as const))('%s', (id, rule) => {
  test('flags bad.sql', async () => {
    const findings = await lintFixture(id, 'bad');
    const mine = findings.filter((f) => f.rule === id);
    expect(mine.length).toBeGreaterThan(0);
    for (const f of mine) {
      expect(f).toMatchObject({
        severity: rule.severity,
        help: rule.help,
        docs: `docs/rules/${id}.md`,
        file: 'bad.sql',
      });
      expect(f.message.startsWith(rule.message)).toBe(true);
    }
  });

  test('passes good.sql', async () => {
    const findings = await lintFixture(id, 'good');
    expect(findings.filter((f) => f.rule === id)).toEqual([]);
  });

  test('has its data and an up-to-date docs page', () => {
    expect(id).toMatch(/^[a-z]+(-[a-z0-9]+)+$/);
    expect(existsSync(join('src', 'lint', 'rules', `${id}.ts`))).toBe(true);
    expect(rule.title.length).toBeGreaterThan(3);
    for (const text of [rule.message, rule.help]) expect(text.length).toBeGreaterThan(20);
    const page = join('docs', 'rules', `${id}.md`);
    expect(existsSync(page)).toBe(true);
    const bad = readFileSync(join(root, id, 'bad.sql'), 'utf8');
    const good = readFileSync(join(root, id, 'good.sql'), 'utf8');
    expect(readFileSync(page, 'utf8')).toBe(renderFindingPage(kindOf(id)!, { bad, good }));
  });
});

test('docs/rules/README.md lists every rule', () => {
  expect(readFileSync(join('docs', 'rules', 'README.md'), 'utf8')).toBe(
    renderRuleIndex(catalogue().filter((e) => e.area === 'lint')),
  );
});

test('every fixtures folder belongs to a rule', () => {
  expect(readdirSync(root).sort()).toEqual(RULES.map((r) => r.id).sort());
});
