// Writes the docs page of every finding from the catalogue (npm run docs): docs/rules/<id>.md for each lint rule,
// with its fixtures as examples, and docs/findings/<id>.md for each of the run's own, with both indexes.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogue } from '../src/report/catalogue.js';
import { renderFindingIndex, renderFindingPage, renderRuleIndex } from '../src/report/docs-pages.js';

const entries = catalogue();
const rules = entries.filter((e) => e.area === 'lint');
const findings = entries.filter((e) => e.area !== 'lint');

mkdirSync(join('docs', 'rules'), { recursive: true });
for (const e of rules) {
  const fixture = (name: string) => readFileSync(join('__fixtures__', 'lint', e.id, name), 'utf8');
  writeFileSync(
    join('docs', 'rules', `${e.id}.md`),
    renderFindingPage(e, { bad: fixture('bad.sql'), good: fixture('good.sql') }),
  );
}
writeFileSync(join('docs', 'rules', 'README.md'), renderRuleIndex(rules));

const dir = join('docs', 'findings');
mkdirSync(dir, { recursive: true });
// A finding that left the catalogue takes its page with it.
for (const f of readdirSync(dir))
  if (f !== 'README.md' && !findings.some((e) => `${e.id}.md` === f)) rmSync(join(dir, f));
for (const e of findings) writeFileSync(join(dir, `${e.id}.md`), renderFindingPage(e));
writeFileSync(join(dir, 'README.md'), renderFindingIndex(findings));
console.log(`wrote ${rules.length} rule pages to docs/rules/ and ${findings.length} finding pages to docs/findings/`);
