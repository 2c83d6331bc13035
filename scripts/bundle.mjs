// Bundles the action (dist/index.js) and the CLI (dist/cli.js) with ncc in ESM mode, and places the
// PostgreSQL parser's WebAssembly beside them.
//
// The sources load command modules and heavy clients with import(), so a run loads only what its command needs;
// ncc emits each such part as a chunk file beside the bundle (<id>.index.js, <id>.cli.js: ncc names chunks after
// the bundle's filename, which keeps the two bundles' chunks apart) that the bundle imports when needed.
//
// Bundled ESM has no __dirname, and libpg-query's loader finds its .wasm through __dirname: every file that
// uses __dirname (whichever chunk holds the loader) gets first lines that define __dirname/__filename from
// import.meta.url, so the loader looks in dist/.
//
// pg decides at load whether it runs in a Cloudflare Worker. Where `navigator` is missing (Node 20) it finds out by
// constructing a fetch Response, which loads Node's whole HTTP client (undici): about 50 ms of every run's start-up,
// for an answer that is always no in a Node bundle. That one test is replaced with `false` (RUNTIME_PROBE); a pg
// whose stream.js no longer has it exactly once fails the build, to be looked at again.
//
// `node scripts/bundle.mjs <dir>` writes the same files to another folder (timing a change without touching dist/).
import { copyFileSync, mkdirSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const ncc = require('@vercel/ncc');

const SHIM = [
  "import { fileURLToPath as __pmgFileURLToPath } from 'node:url';",
  "import { dirname as __pmgDirname } from 'node:path';",
  'const __filename = __pmgFileURLToPath(import.meta.url);',
  'const __dirname = __pmgDirname(__filename);',
].join('\n');

const RUNTIME_PROBE = '  if (isCloudflareRuntime()) {';

const bundles = [
  { entry: 'src/action/index.ts', out: 'index.js' },
  { entry: 'src/cli/bin.ts', out: 'cli.js', shebang: true },
];

const OUT = process.argv[2] ?? 'dist';
rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
const written = [];
for (const b of bundles) {
  const { code, assets } = await ncc(new URL(`../${b.entry}`, import.meta.url).pathname, {
    filename: b.out,
    minify: false,
    sourceMap: false,
    quiet: true,
  });
  const files = { [b.out]: code };
  for (const [name, asset] of Object.entries(assets)) {
    // Chunks are expected, and a package.json saying "type": "module", which dist/ gets below. Any other asset
    // is a file ncc chose to copy beside the bundle: refuse it rather than ship it unnoticed.
    if (name === 'package.json') continue;
    if (!name.endsWith(`.${b.out}`)) throw new Error(`${b.entry}: unexpected ncc asset ${name}`);
    files[name] = asset.source.toString();
  }
  const probes = Object.values(files).reduce((n, text) => n + text.split(RUNTIME_PROBE).length - 1, 0);
  if (probes !== 1)
    throw new Error(
      `${b.entry}: expected pg's Cloudflare runtime probe once in the bundle, found it ${probes} times; look at node_modules/pg/lib/stream.js again`,
    );
  for (const [name, text] of Object.entries(files)) {
    // ncc rewrites a path expression into an asset path when a file of that name happens to exist at build time
    // (a local backups/ folder, say): the bundle would then differ between checkouts. Refuse such a bundle.
    if (text.includes('__nccwpck_require__.ab + ')) {
      throw new Error(
        `${b.entry}: ncc relocated a path expression as an asset in ${name}; build from a clean checkout (move local folders such as backups/ away)`,
      );
    }
    const shebang = b.shebang && name === b.out ? '#!/usr/bin/env node\n' : '';
    const shim = /\b__(dirname|filename)\b/.test(text) ? `${SHIM}\n` : '';
    const code = text
      .replace(/^#!.*\n/, '')
      .replace(RUNTIME_PROBE, '  if (false /* pg-migration-gate runs on Node, never in a Cloudflare Worker */) {');
    writeFileSync(`${OUT}/${name}`, `${shebang}${shim}${code}`);
    if (shebang) chmodSync(`${OUT}/${name}`, 0o755);
    written.push(name);
  }
}
writeFileSync(`${OUT}/package.json`, '{ "type": "module" }\n');
copyFileSync('node_modules/libpg-query/wasm/libpg-query.wasm', `${OUT}/libpg-query.wasm`);
console.log(`bundled ${OUT}/: ${written.join(', ')} and libpg-query.wasm`);
