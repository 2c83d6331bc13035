import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * The house's one rule: imports flow down. Each room of src/ has a rank; a module may import its own room (its
 * subfolders included) and rooms ranked strictly lower. Two rooms of the same rank may not import each other,
 * and every file lives in a room: nothing sits loose at the top of src/ or db/. The README's development section
 * draws the same picture.
 */
const SRC = join(process.cwd(), 'src');
const ROOMS: [room: string, rank: number][] = [
  ['foundation', 0],
  ['model', 1],
  ['connection', 2],
  ['git', 2],
  ['migrations', 3],
  ['config', 4],
  ['lint', 5],
  ['report', 6],
  ['db/session', 7],
  ['db/history', 8],
  ['db/runner', 9],
  ['db/catalog', 10],
  ['backup', 11],
  ['gate', 11],
  ['github', 12],
  ['verify', 12],
  ['engine', 13],
  ['commands', 14],
  ['action', 15],
  ['cli', 15],
];
/** Only the action's door and the edges that speak to GitHub may load the Actions toolkit. */
const MAY_USE_ACTIONS = /^(action\/|config\/inputs\.ts$|github\/)/;

type Graph = Map<string, string[]>;

/** The room a file of src/ lives in, or undefined when it sits in none. */
function roomOf(file: string): [string, number] | undefined {
  return ROOMS.find(([room]) => file.startsWith(`${room}/`));
}

/** Every import that does not run strictly down to a lower room, and every file outside a room. */
function violations(graph: Graph): string[] {
  const out: string[] = [];
  for (const [from, tos] of graph) {
    const a = roomOf(from);
    if (!a) {
      out.push(`${from} is in no room`);
      continue;
    }
    for (const to of tos) {
      const b = roomOf(to);
      if (!b) out.push(`${from} -> ${to}, which is in no room`);
      else if (a[0] !== b[0] && b[1] >= a[1]) out.push(`${from} -> ${to} (${a[0]} ${a[1]} -> ${b[0]} ${b[1]})`);
    }
  }
  return out;
}

function cycles(graph: Graph): string[] {
  const found: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const visit = (f: string, path: string[]) => {
    if (state.get(f) === 'done') return;
    if (state.get(f) === 'open') {
      found.push([...path.slice(path.indexOf(f)), f].join(' -> '));
      return;
    }
    state.set(f, 'open');
    for (const t of graph.get(f) ?? []) visit(t, [...path, f]);
    state.set(f, 'done');
  };
  for (const f of graph.keys()) visit(f, []);
  return found;
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) =>
    statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : n.endsWith('.ts') ? [join(dir, n)] : [],
  );
}

/** The modules a source text imports: static, type-only, re-exported, side-effect and dynamic (comments allowed). */
function specifiers(text: string): string[] {
  return [...text.matchAll(/(?:from|import)\s*\(?\s*(?:\/\*[^]*?\*\/\s*)*(['"])([^'"]+)\1/g)].map((m) => m[2]);
}

const importsOf = (file: string) => specifiers(readFileSync(file, 'utf8'));

const graph: Graph = new Map(
  files(SRC).map((f) => [
    relative(SRC, f),
    importsOf(f)
      .filter((i) => i.startsWith('.'))
      .map((i) => relative(SRC, resolve(dirname(f), i)).replace(/\.js$/, '.ts')),
  ]),
);

test('every file is in a room, and every import runs down to a lower room or stays in its own', () => {
  expect(violations(graph)).toEqual([]);
});

test('no import cycles', () => {
  expect(cycles(graph)).toEqual([]);
});

test('the Actions toolkit is loaded only by the action and the GitHub edges', () => {
  const users = [...graph.keys()].filter((f) => importsOf(join(SRC, f)).some((i) => i.startsWith('@actions/')));
  expect(users.filter((f) => !MAY_USE_ACTIONS.test(f))).toEqual([]);
});

test('every room is a folder of src/, and every folder of src/ is in a room', () => {
  const folders = new Set([...graph.keys()].map((f) => dirname(f)));
  for (const [room] of ROOMS) expect(`${room}: ${folders.has(room)}`).toBe(`${room}: true`);
  expect([...folders].filter((f) => !roomOf(`${f}/x.ts`))).toEqual([]);
});

test('the check itself fails on an upward import, an import between rooms of one rank, a loose file and a cycle', () => {
  const fabricated: Graph = new Map([
    ['model/report.ts', ['report/markdown.ts']],
    ['verify/scratch.ts', ['github/pr-comment.ts']],
    ['db/history/table.ts', ['db/runner/runner.ts', 'db/history/layouts/own.ts']],
    ['errors.ts', ['model/report.ts']],
    ['db/helpers.ts', []],
    ['lint/a.ts', ['lint/rules/b.ts']],
    ['lint/rules/b.ts', ['lint/a.ts']],
  ]);
  expect(violations(fabricated)).toEqual([
    'model/report.ts -> report/markdown.ts (model 1 -> report 6)',
    'verify/scratch.ts -> github/pr-comment.ts (verify 12 -> github 12)',
    'db/history/table.ts -> db/runner/runner.ts (db/history 8 -> db/runner 9)',
    'errors.ts is in no room',
    'db/helpers.ts is in no room',
  ]);
  expect(cycles(fabricated)).toEqual(['lint/a.ts -> lint/rules/b.ts -> lint/a.ts']);
  // Every form of import is read, and the real graph with it: a known downward import is in it.
  const forms =
    "import(/* webpackIgnore: true */ '../a.js'); import type { B } from \"./b.js\"; export * from './c.js'; import './d.js';";
  expect(specifiers(forms)).toEqual(['../a.js', './b.js', './c.js', './d.js']);
  expect(graph.get('report/markdown.ts')).toContain('model/report.ts');
});
