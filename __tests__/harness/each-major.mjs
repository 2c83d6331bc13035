// Runs the version-sensitive tests (jest.versions.config.js) once per PostgreSQL major, one major after another,
// each on a throwaway server of its own (PG_MAJOR, see server.ts), and prints one line per major.
//
//   node __tests__/harness/each-major.mjs --majors 13,14,16,17 [jest options]
//
// PG_MAJORS=13,18 in the environment overrides --majors. In the jest options, {major} is replaced by the major
// (--outputFile=out/versions-{major}.json). Exits 1 when any major fails.
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const at = args.indexOf('--majors');
const listed = at >= 0 ? args.splice(at, 2)[1] : undefined;
const majors = (process.env.PG_MAJORS || listed || '').split(',').map((m) => m.trim()).filter(Boolean);
if (!majors.length) {
  console.error('each-major: no majors: pass --majors 13,14 or set PG_MAJORS');
  process.exit(2);
}

const results = [];
for (const major of majors) {
  console.log(`\n== PostgreSQL ${major}: the version-sensitive tests`);
  const started = Date.now();
  const jest = ['--experimental-vm-modules', 'node_modules/jest/bin/jest.js', '--config', 'jest.versions.config.js', ...args.map((a) => a.replaceAll('{major}', major))];
  const run = spawnSync(process.execPath, jest, { stdio: 'inherit', env: { ...process.env, PG_MAJOR: major } });
  results.push({ major, ok: run.status === 0, seconds: Math.round((Date.now() - started) / 1000) });
}

console.log('');
for (const r of results) console.log(`PostgreSQL ${r.major}: ${r.ok ? 'passed' : 'FAILED'} in ${r.seconds} s`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
