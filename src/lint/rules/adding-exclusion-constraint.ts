import { nodeAs } from '../../migrations/ast-node.js';
import { alterCmds, tableOf } from '../ast.js';
import { eachStatement, type LintRule } from '../rule.js';

export const rule: LintRule = {
  id: 'adding-exclusion-constraint',
  group: 'locking',
  severity: 'warning',
  title: 'EXCLUDE constraint added to an existing table',
  message:
    'The exclusion constraint builds its index and checks every row while the table is locked against reads and writes (ACCESS EXCLUSIVE); unlike UNIQUE, it cannot adopt an index built concurrently beforehand.',
  help: 'Declare exclusion constraints when the table is created; on a large existing table, plan a maintenance window, or build a new table with the constraint, copy the rows over and swap the names.',
  check: (ctx) =>
    eachStatement(ctx, (s, i) => {
      const c = alterCmds(s)
        .filter((cmd) => cmd.subtype === 'AT_AddConstraint')
        .map((cmd) => nodeAs(cmd.def, 'Constraint'))
        .find((k) => k?.contype === 'CONSTR_EXCLUSION');
      return !!c && !ctx.createdBefore(tableOf(s), i) && `Constraint ${c.conname ?? '(unnamed)'}.`;
    }),
};
