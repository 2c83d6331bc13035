import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { PEER_RULES } from '../src/lint/peer-rules.js';
import { cases, counted, gate, realFiles, squawk, type Found, type Tool } from './peer-tools.js';

/**
 * pg-migration-gate's lint side by side with squawk (squawk-cli from the npm registry): both tools' findings on
 * our own cases (dangerous migrations, the recommended safe forms, type hygiene) and per file on real migrations,
 * then whole-process times on one small real file and on a corpus of a thousand real migration files, the two
 * tools run alternately in one run. BENCH_CLI picks the bundle (default dist/cli.js); BENCH_ROUNDS the rounds.
 */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
/** BENCH_PARTS=cases,real,time (the default) picks the parts to run. */
const PARTS = new Set((process.env.BENCH_PARTS ?? 'cases,real,time').split(','));
const CORPUS = Number(process.env.BENCH_CORPUS_FILES ?? 1000);
const tools = [gate(), squawk()] as const;
const [ours, theirs] = tools;
const pct = (n: number, d: number) => `${n}/${d} (${d ? Math.round((n / d) * 100) : 0}%)`;
const rules = (found: Found[]) => [...new Set(found.map((f) => f.rule))].join(', ') || '-';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function compareCases(): void {
  const all = cases();
  const flagged = new Map<string, { ours: number; theirs: number; total: number }>();
  const seenPeerRules = new Set<string>();
  console.log(`\n## Cases (__fixtures__/lint-cases): warnings and errors that count\n`);
  console.log(`| kind | case | peers | ${theirs.name} | pg-migration-gate |`);
  console.log('| --- | --- | --- | --- | --- |');
  for (const c of all) {
    const found = [ours, theirs].map((t) => t.findings(c.files));
    for (const f of found[1]) seenPeerRules.add(f.rule);
    const [a, b] = found.map((f) => counted(c, f));
    const row = flagged.get(c.kind) ?? { ours: 0, theirs: 0, total: 0 };
    flagged.set(c.kind, {
      ours: row.ours + (a.length ? 1 : 0),
      theirs: row.theirs + (b.length ? 1 : 0),
      total: row.total + 1,
    });
    console.log(`| ${c.kind} | ${c.name} | ${c.peers.join(' ') || '-'} | ${rules(b)} | ${rules(a)} |`);
  }
  console.log('\n| kind | squawk flags | pg-migration-gate flags |');
  console.log('| --- | --- | --- |');
  for (const [kind, r] of flagged) console.log(`| ${kind} | ${pct(r.theirs, r.total)} | ${pct(r.ours, r.total)} |`);
  const unmapped = [...seenPeerRules].filter((r) => !PEER_RULES.some((p) => p.tool === 'squawk' && p.id === r));
  console.log(
    unmapped.length
      ? `\nsquawk rules missing from the peer table: ${unmapped.join(', ')}`
      : '\nevery squawk rule seen is in the peer table (docs/rules/README.md#peer-rules)',
  );
  const d = flagged.get('dangerous')!;
  const s = flagged.get('safe')!;
  console.log(
    `dangerous cases flagged: ${pct(d.ours, d.total)} (target at least 95%); safe cases with a warning: ${pct(s.ours, s.total)}`,
  );
}

/** Each real folder linted in order by both tools, findings per file. */
function compareRealFiles(): void {
  console.log(`\n## Real migrations, per file\n`);
  console.log(`| file | ${theirs.name} | pg-migration-gate |`);
  console.log('| --- | --- | --- |');
  const byFolder = new Map<string, string[]>();
  for (const f of realFiles().filter((f) => !f.endsWith('.down.sql') && !f.includes('/down')))
    byFolder.set(dirname(f), [...(byFolder.get(dirname(f)) ?? []), f]);
  for (const files of byFolder.values()) {
    const [a, b] = [ours, theirs].map((t) => t.findings(files));
    for (const f of files)
      console.log(`| ${f} | ${rules(b.filter((x) => x.file === f))} | ${rules(a.filter((x) => x.file === f))} |`);
  }
}

/** A corpus of `count` real migration files, copied round-robin under names that keep their order. */
function corpus(count: number): string[] {
  const dir = join('.tmp', `lint-corpus-${count}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const real = realFiles();
  return Array.from({ length: count }, (_, i) => {
    const to = join(dir, `${String(i).padStart(5, '0')}_${basename(real[i % real.length])}`);
    copyFileSync(real[i % real.length], to);
    return to;
  });
}

function time(tool: Tool, files: string[]): number {
  const [cmd, args] = tool.command(files);
  const t = performance.now();
  spawnSync(cmd, args, { stdio: 'ignore' });
  return performance.now() - t;
}

/** Whole-process wall time of both tools on the same files, alternating, after a warm-up run of each. */
function race(label: string, files: string[], rounds: number): number {
  for (const t of tools) time(t, files);
  const times = tools.map(() => [] as number[]);
  for (let r = 0; r < rounds; r++) tools.forEach((t, i) => times[i].push(time(t, files)));
  const [a, b] = times.map(median);
  console.log(`| ${label} | ${b.toFixed(0)} ms | ${a.toFixed(0)} ms | ${(a / b).toFixed(2)}x |`);
  return a / b;
}

function timeBoth(): void {
  console.log(`\n## Whole-process time (median of ${ROUNDS} alternating runs)\n`);
  console.log(`| run | ${theirs.name} | pg-migration-gate | ratio |`);
  console.log('| --- | --- | --- | --- |');
  const small = join('__fixtures__', 'real-world', 'atuin', 'migrations', '20230315224203_create-deleted.sql');
  const one = race('1 small file', [small], ROUNDS);
  const files = corpus(CORPUS);
  const many = race(
    `${files.length} files (${readdirSync(join('__fixtures__', 'real-world')).join(', ')} and the layout scenarios, repeated)`,
    files,
    Math.max(3, Math.ceil(ROUNDS / 3)),
  );
  console.log(
    `\ntargets: 1 file within 2x (${one.toFixed(2)}x), ${files.length} files within 1.2x (${many.toFixed(2)}x)`,
  );
}

console.log(`# lint: ${ours.name} and ${theirs.name}, node ${process.version}`);
if (PARTS.has('cases')) compareCases();
if (PARTS.has('real')) compareRealFiles();
if (PARTS.has('time')) timeBoth();
