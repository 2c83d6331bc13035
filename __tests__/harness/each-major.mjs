// Runs the version-sensitive tests (jest.versions.config.js) once per PostgreSQL major, each on throwaway servers
// of its own (PG_MAJOR, see server.ts), and prints one line per major.
//
//   node __tests__/harness/each-major.mjs --majors 13,14,16,17 [--at-once 2] [jest options]
//
// PG_MAJORS=13,18 in the environment overrides --majors. --at-once n (or PG_MAJORS_AT_ONCE) runs n majors at the same
// time (default 1): their tests spend most of their time waiting on PostgreSQL, so two majors side by side take little
// longer than one. Each major's output is then held back and printed whole when it ends, so that the log reads as one
// major after another. In the jest options, {major} is replaced by the major (--outputFile=out/versions-{major}.json).
// Exits 1 when any major fails.
import { spawn } from 'node:child_process';

const args = process.argv.slice(2);
const option = (name) => {
  const at = args.indexOf(name);
  return at >= 0 ? args.splice(at, 2)[1] : undefined;
};
const listed = option('--majors');
const atOnceListed = option('--at-once');
const majors = (process.env.PG_MAJORS || listed || '')
  .split(',')
  .map((m) => m.trim())
  .filter(Boolean);
if (!majors.length) {
  console.error('each-major: no majors: pass --majors 13,14 or set PG_MAJORS');
  process.exit(2);
}
const atOnce = Number(process.env.PG_MAJORS_AT_ONCE || atOnceListed || 1);
if (!Number.isInteger(atOnce) || atOnce < 1) {
  console.error(`each-major: --at-once ${atOnce}: a whole number of majors, 1 or more`);
  process.exit(2);
}

/** One major's jest run; its output goes straight through when it runs alone, else is printed whole at its end. */
function runMajor(major) {
  const started = Date.now();
  const heading = `\n== PostgreSQL ${major}: the version-sensitive tests`;
  const alone = atOnce === 1;
  if (alone) console.log(heading);
  else console.log(`(PostgreSQL ${major}: started)`);
  const jest = [
    '--experimental-vm-modules',
    'node_modules/jest/bin/jest.js',
    '--config',
    'jest.versions.config.js',
    ...args.map((a) => a.replaceAll('{major}', major)),
  ];
  const child = spawn(process.execPath, jest, {
    stdio: alone ? 'inherit' : ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PG_MAJOR: major },
  });
  const out = [];
  child.stdout?.on('data', (d) => out.push(d));
  child.stderr?.on('data', (d) => out.push(d));
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      const seconds = Math.round((Date.now() - started) / 1000);
      if (!alone) {
        console.log(heading);
        process.stdout.write(Buffer.concat(out));
      }
      resolve({ major, ok: code === 0, seconds, signal });
    });
    child.on('error', (err) => {
      out.push(Buffer.from(`each-major: could not start jest: ${err.message}\n`));
    });
  });
}

const queue = [...majors];
const results = [];
await Promise.all(
  Array.from({ length: Math.min(atOnce, majors.length) }, async () => {
    for (let major = queue.shift(); major !== undefined; major = queue.shift()) results.push(await runMajor(major));
  }),
);

console.log('');
results.sort((a, b) => majors.indexOf(a.major) - majors.indexOf(b.major));
for (const r of results)
  console.log(
    `PostgreSQL ${r.major}: ${r.ok ? 'passed' : 'FAILED'} in ${r.seconds} s${r.signal ? ` (${r.signal})` : ''}`,
  );
process.exit(results.every((r) => r.ok) ? 0 : 1);
