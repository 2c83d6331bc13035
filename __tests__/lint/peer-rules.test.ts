import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { PEER_RULES } from '../../src/lint/peer-rules.js';
import { RULES } from '../../src/lint/registry.js';
import { makeFolder } from '../harness/folders.js';

const ids = new Set(RULES.map((r) => r.id));

test('every peer rule goes to rules that exist, or says why it is left out', () => {
  for (const p of PEER_RULES) {
    for (const r of p.rules) expect(`${p.id} -> ${ids.has(r) ? 'ok' : r}`).toBe(`${p.id} -> ok`);
    if (!p.rules.length) expect(p.note).toMatch(/^left out/);
  }
  const keys = PEER_RULES.map((p) => `${p.tool}:${p.id}`);
  expect(new Set(keys).size).toBe(keys.length);
});

test("eugene's hints are all there", () => {
  const eugene = PEER_RULES.filter((p) => p.tool === 'eugene').map((p) => p.id);
  expect(eugene.sort()).toEqual(
    ['E1', 'E2', 'E3', 'E4', 'E5', 'E6', 'E7', 'E8', 'E9', 'E10', 'E11', 'W12', 'W13', 'W14', 'E15'].sort(),
  );
});

test('the squawk rule names are the ones the installed squawk knows', () => {
  const dir = makeFolder({ 'empty.sql': 'SELECT 1;\n', 'ignore.sql': '-- squawk-ignore no-such-rule\nSELECT 1;\n' });
  const squawk = (...args: string[]) =>
    spawnSync(join('node_modules', '@squawk-cli', 'linux-x64', 'bin', 'squawk'), args, { encoding: 'utf8' });
  // squawk has no command that lists its rules, but refuses an unknown name in --exclude ("invalid rule name").
  const names = PEER_RULES.filter((p) => p.tool === 'squawk' && p.id !== 'unused-ignore').map((p) => p.id);
  const run = squawk(`--exclude=${names.join(',')}`, join(dir, 'empty.sql'));
  expect(run.stderr).not.toMatch(/invalid/);
  expect(run.status).toBe(0);
  expect(squawk('--exclude=no-such-rule', join(dir, 'empty.sql')).stderr).toMatch(/invalid rule name/);
  // unused-ignore cannot be excluded; it is what squawk reports for an ignore comment naming no rule.
  expect(squawk('--reporter', 'json', join(dir, 'ignore.sql')).stdout).toMatch(/"rule_name":"unused-ignore"/);
});
