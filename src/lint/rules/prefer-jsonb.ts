import { nodeAs } from '../../migrations/ast-node.js';
import { alterCmds, typeNameOf } from '../ast.js';
import { eachNewColumn, eachStatement, type LintRule } from '../rule.js';

export const rule: LintRule = {
  id: 'prefer-jsonb',
  group: 'types',
  severity: 'warning',
  title: 'json column',
  message:
    'json keeps the text as written and has no equality operator: SELECT DISTINCT, GROUP BY, UNION and comparisons on the column fail, and every read parses it again.',
  help: 'Use jsonb, which supports everything json does except keeping the exact text and key order.',
  check: (ctx) => [
    ...eachNewColumn(
      ctx,
      (c) => typeNameOf(c.typeName) === 'json',
      (c) => `Column ${c.colname}.`,
    ),
    ...eachStatement(ctx, (s) => {
      const cmd = alterCmds(s).find(
        (c) => c.subtype === 'AT_AlterColumnType' && typeNameOf(nodeAs(c.def, 'ColumnDef')?.typeName) === 'json',
      );
      return cmd ? `Column ${cmd.name} changed to json.` : false;
    }),
  ],
};
