// Writes docs/rules/<id>.md for every lint rule from its data and fixtures (npm run docs).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../src/lint/registry.js';
import { renderRuleDoc, renderRuleIndex } from '../src/lint/rule-doc.js';

mkdirSync(join('docs', 'rules'), { recursive: true });
for (const rule of RULES) {
  const fixture = (name: string) => readFileSync(join('__fixtures__', 'lint', rule.id, name), 'utf8');
  writeFileSync(join('docs', 'rules', `${rule.id}.md`), renderRuleDoc(rule, fixture('bad.sql'), fixture('good.sql')));
}
writeFileSync(join('docs', 'rules', 'README.md'), renderRuleIndex(RULES));
console.log(`wrote ${RULES.length} rule pages to docs/rules/`);
