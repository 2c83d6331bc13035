import { hasTypmods, typeNameOf } from '../ast.js';
import { eachNewColumn, type LintRule } from '../rule.js';

export const rule: LintRule = {
  id: 'prefer-text-over-varchar',
  group: 'types',
  severity: 'warning',
  title: 'varchar(n) where text fits',
  message:
    'Raising a varchar(n) limit later is a schema change of its own; the limit brings no speed or space benefit over text.',
  help: 'Use text, with a CHECK (char_length(col) <= n) constraint if the limit is a business rule.',
  check: (ctx) =>
    eachNewColumn(
      ctx,
      (c) => typeNameOf(c.typeName) === 'varchar' && hasTypmods(c.typeName),
      (c) => `Column ${c.colname}.`,
    ),
};
