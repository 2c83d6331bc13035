import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * The house's one rule: imports flow down. Data types at the bottom (model/), pure parsing and analysis above,
 * database and tools above those, renderers, then the commands, then the two doors. A module may import its
 * own folder and anything ranked lower; nothing imports upward, and no file reaches itself again through imports.
 */
const SRC = join(process.cwd(), 'src');
const RANKS: [RegExp, number][] = [
  [/^(model\/|errors\.ts$|logger\.ts$|redact\.ts$|version\.ts$)/, 0],
  [/^(config|connection|migrations|git)\//, 1],
  [/^lint\//, 2],
  [/^(db|gate)\//, 3],
  [/^(backup|github)\//, 4],
  [/^verify\//, 5],
  [/^report\//, 6],
  [/^(apply|commands)\//, 7],
  [/^(main\.ts|cli\.ts|publish\.ts|index\.ts|bin\/)/, 8],
];
/** Only the doors and the edges that speak to GitHub may load the Actions toolkit. */
const MAY_USE_ACTIONS = /^(main\.ts|publish\.ts|config\/inputs\.ts|github\/)/;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : n.endsWith('.ts') ? [join(dir, n)] : []));
}

const rank = (rel: string) => {
  const r = RANKS.find(([re]) => re.test(rel));
  if (!r) throw new Error(`${rel} has no layer: add its folder to RANKS`);
  return r[1];
};

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map((m) => m[1]);
}

const graph = new Map<string, string[]>();
for (const f of files(SRC)) {
  const rel = relative(SRC, f);
  graph.set(
    rel,
    importsOf(f)
      .filter((i) => i.startsWith('.'))
      .map((i) => relative(SRC, resolve(dirname(f), i)).replace(/\.js$/, '.ts')),
  );
}

test('every import runs down a layer, or within its own', () => {
  const upward: string[] = [];
  for (const [from, tos] of graph) {
    for (const to of tos) {
      const sameFolder = dirname(from) === dirname(to);
      if (!sameFolder && rank(to) > rank(from)) upward.push(`${from} -> ${to}`);
    }
  }
  expect(upward).toEqual([]);
});

test('no import cycles', () => {
  const cycles: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const visit = (f: string, path: string[]) => {
    if (state.get(f) === 'done') return;
    if (state.get(f) === 'open') {
      cycles.push([...path.slice(path.indexOf(f)), f].join(' -> '));
      return;
    }
    state.set(f, 'open');
    for (const t of graph.get(f) ?? []) visit(t, [...path, f]);
    state.set(f, 'done');
  };
  for (const f of graph.keys()) visit(f, []);
  expect(cycles).toEqual([]);
});

test('the Actions toolkit is loaded only by the doors and the GitHub edges', () => {
  const users = [...graph.keys()].filter((f) => importsOf(join(SRC, f)).some((i) => i.startsWith('@actions/')));
  expect(users.filter((f) => !MAY_USE_ACTIONS.test(f))).toEqual([]);
});

test('the check itself can fail: an upward import is seen', () => {
  expect(rank('model/report.ts')).toBeLessThan(rank('report/markdown.ts'));
  expect(importsOf(join(SRC, 'report', 'markdown.ts')).some((i) => i.includes('model/report'))).toBe(true);
});
