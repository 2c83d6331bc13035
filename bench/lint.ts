import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadModule, parseSync } from 'libpg-query';
import { lintFiles, NEWEST_POSTGRES, type LintInput } from '../src/lint/lint-files.js';
import { generateMigrations } from './generate.js';

/**
 * Lint throughput on a large generated folder, next to the time libpg-query alone takes to parse the same
 * files, in the same process and run. Prints statements per second and the ratio.
 */
const COUNT = Number(process.env.BENCH_LINT_FILES ?? 3000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

await loadModule();
const { dir, files } = generateMigrations(COUNT);
const texts = files.map((f) => readFileSync(join(dir, f), 'utf8'));
const inputs: LintInput[] = files.map((file, i) => ({
  script: { file, sql: texts[i], startLine: 1 },
  hasDown: false,
  version: file.slice(0, 15),
  noTransactionDirective: false,
  runByThisTool: true,
  inScope: true,
}));
const statements = texts.reduce((n, t) => n + (parseSync(t).stmts?.length ?? 0), 0);

const parse: number[] = [];
const lint: number[] = [];
let findings = 0;
for (let r = 0; r < ROUNDS; r++) {
  let t = performance.now();
  for (const text of texts) parseSync(text);
  parse.push(performance.now() - t);
  t = performance.now();
  findings = (await lintFiles(inputs, { postgresVersion: NEWEST_POSTGRES, disabled: new Set() })).length;
  lint.push(performance.now() - t);
}
const p = median(parse);
const l = median(lint);
console.log(`lint benchmark: ${COUNT} files, ${statements} statements, ${ROUNDS} rounds (${findings} findings)`);
console.log(
  `  libpg-query parse alone: median ${p.toFixed(0)} ms  ${Math.round((statements / p) * 1000)} statements/s`,
);
console.log(
  `  pg-migration-gate lint:  median ${l.toFixed(0)} ms  ${Math.round((statements / l) * 1000)} statements/s`,
);
console.log(`  ratio lint / parse: ${(l / p).toFixed(2)}x (target < 1.5x)`);
