import { addedColumn, alterCmds, constraintsOf, tableOf } from '../ast.js';
import { eachStatement, type LintRule } from '../rule.js';

export const rule: LintRule = {
  id: 'adding-required-column',
  group: 'compatibility',
  severity: 'error',
  title: 'ADD COLUMN … NOT NULL without a default',
  message:
    'The statement fails on any table that has rows (they would hold NULL), and inserts by code that does not know the column fail too.',
  help: 'Add the column with a DEFAULT, or add it nullable, backfill, then set NOT NULL.',
  check: (ctx) =>
    eachStatement(ctx, (s, i) => {
      const column = alterCmds(s)
        .map(addedColumn)
        .find((c) => {
          const kinds = constraintsOf(c).map((k) => k.contype);
          return (
            !!c &&
            kinds.includes('CONSTR_NOTNULL') &&
            !kinds.includes('CONSTR_DEFAULT') &&
            !kinds.includes('CONSTR_IDENTITY') &&
            !kinds.includes('CONSTR_GENERATED')
          );
        });
      return column && !ctx.createdBefore(tableOf(s), i) ? `Column ${column.colname}.` : false;
    }),
};
