// Writes docs/findings/<id>.md for every finding of the run itself, and the index, from the catalogue
// (npm run docs:findings). The lint rules' pages are written by rule-docs.ts.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogue } from '../src/report/catalogue.js';
import { renderFindingDoc, renderFindingIndex } from '../src/report/finding-doc.js';

const dir = join('docs', 'findings');
mkdirSync(dir, { recursive: true });
const entries = catalogue().filter((e) => e.area !== 'lint');
// A finding that left the catalogue takes its page with it.
for (const f of readdirSync(dir)) if (f !== 'README.md' && !entries.some((e) => `${e.id}.md` === f)) rmSync(join(dir, f));
for (const e of entries) writeFileSync(join(dir, `${e.id}.md`), renderFindingDoc(e));
writeFileSync(join(dir, 'README.md'), renderFindingIndex(entries));
console.log(`wrote ${entries.length} finding pages to docs/findings/`);
