import { typeNameOf } from '../ast.js';
import { eachNewColumn, type LintRule } from '../rule.js';

export const rule: LintRule = {
  id: 'prefer-timestamptz',
  group: 'types',
  severity: 'warning',
  title: 'timestamp without time zone',
  message:
    'timestamp without time zone stores no zone: values written from servers or sessions in different zones cannot be told apart.',
  help: 'Use timestamptz (timestamp with time zone); it stores an absolute instant.',
  check: (ctx) =>
    eachNewColumn(
      ctx,
      (c) => typeNameOf(c.typeName) === 'timestamp',
      (c) => `Column ${c.colname}.`,
    ),
};
