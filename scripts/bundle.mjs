// Bundles the action (dist/index.js) and the CLI (dist/cli.js) with ncc in ESM mode, and places the
// PostgreSQL parser's WebAssembly beside them.
//
// Bundled ESM has no __dirname, and libpg-query's loader finds its .wasm through __dirname: each bundle gets
// a first line that defines __dirname/__filename from import.meta.url, so the loader looks in dist/.
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

const bundles = [
  { entry: 'src/index.ts', out: 'dist/index.js' },
  { entry: 'src/bin/pg-migration-gate.ts', out: 'dist/cli.js', shebang: true },
];

rmSync('dist', { recursive: true, force: true });
mkdirSync('dist', { recursive: true });
for (const b of bundles) {
  const { code } = await ncc(new URL(`../${b.entry}`, import.meta.url).pathname, {
    minify: false,
    sourceMap: false,
    quiet: true,
  });
  // ncc rewrites a path expression into an asset path when a file of that name happens to exist at build time
  // (a local backups/ folder, say): the bundle would then differ between checkouts. Refuse such a bundle.
  if (code.includes('__nccwpck_require__.ab + ')) {
    throw new Error(`${b.entry}: ncc relocated a path expression as an asset; build from a clean checkout (move local folders such as backups/ away)`);
  }
  const body = code.replace(/^#!.*\n/, '');
  writeFileSync(b.out, `${b.shebang ? '#!/usr/bin/env node\n' : ''}${SHIM}\n${body}`);
  if (b.shebang) chmodSync(b.out, 0o755);
}
writeFileSync('dist/package.json', '{ "type": "module" }\n');
copyFileSync('node_modules/libpg-query/wasm/libpg-query.wasm', 'dist/libpg-query.wasm');
console.log('bundled dist/index.js, dist/cli.js and dist/libpg-query.wasm');
