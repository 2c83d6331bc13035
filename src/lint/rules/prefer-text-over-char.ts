import { typeNameOf } from '../ast.js';
import { eachNewColumn, type LintRule } from '../rule.js';

export const rule: LintRule = {
  id: 'prefer-text-over-char',
  group: 'types',
  severity: 'warning',
  title: 'char(n)',
  message: 'char(n) pads values with spaces and compares them in surprising ways; it is no faster than text.',
  help: 'Use text (with a CHECK on length if the limit matters).',
  check: (ctx) =>
    eachNewColumn(
      ctx,
      (c) => typeNameOf(c.typeName) === 'bpchar',
      (c) => `Column ${c.colname}.`,
    ),
};
