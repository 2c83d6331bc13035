import { alterCmds, tableOf } from '../ast.js';
import { eachStatement, type LintRule } from '../rule.js';

export const rule: LintRule = {
  id: 'drop-column',
  group: 'destructive',
  severity: 'error',
  title: 'DROP COLUMN',
  message: "The column's data is deleted, and application code still reading it fails.",
  help: 'Stop reading and writing the column first (deploy that), keep a backup, then acknowledge with -- pg-migration-gate:ignore drop-column on the statement.',
  check: (ctx) =>
    eachStatement(ctx, (s, i) => {
      const cmd = alterCmds(s).find((c) => c.subtype === 'AT_DropColumn');
      return !!cmd && !ctx.createdBefore(tableOf(s), i) && `Column ${cmd.name}.`;
    }),
};
