import { nodeAs } from '../../migrations/ast-node.js';
import { alterCmds, tableOf } from '../ast.js';
import { eachStatement, type LintRule } from '../rule.js';

export const rule: LintRule = {
  id: 'adding-unique-constraint-without-index',
  group: 'locking',
  severity: 'warning',
  title: 'UNIQUE or PRIMARY KEY constraint added without a prebuilt index',
  message:
    'The unique index is built while the table is locked against writes (ACCESS EXCLUSIVE): reads and writes wait until it is done.',
  help: 'CREATE UNIQUE INDEX CONCURRENTLY first, then ADD CONSTRAINT … UNIQUE USING INDEX (or PRIMARY KEY USING INDEX).',
  check: (ctx) =>
    eachStatement(ctx, (s, i) => {
      const adds = alterCmds(s).some((cmd) => {
        const c = nodeAs(cmd.def, 'Constraint');
        return (
          cmd.subtype === 'AT_AddConstraint' &&
          c &&
          (c.contype === 'CONSTR_UNIQUE' || c.contype === 'CONSTR_PRIMARY') &&
          !c.indexname
        );
      });
      return adds && !ctx.createdBefore(tableOf(s), i);
    }),
};
