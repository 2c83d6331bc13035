import { alterCmds, relName } from '../ast.js';
import { eachStatement, type LintRule } from '../rule.js';

export const rule: LintRule = {
  id: 'setting-not-null',
  group: 'locking',
  severity: 'warning',
  title: 'SET NOT NULL on an existing column',
  message: 'PostgreSQL scans the whole table to check for NULLs while holding an ACCESS EXCLUSIVE lock: reads and writes wait.',
  help: 'First ADD CONSTRAINT … CHECK (col IS NOT NULL) NOT VALID, then VALIDATE CONSTRAINT in a later migration; SET NOT NULL then skips the scan (PostgreSQL 12+), after which the CHECK can be dropped.',
  check: (ctx) =>
    eachStatement(ctx, (s, i) => {
      const cmd = alterCmds(s).find((c) => c.subtype === 'AT_SetNotNull');
      return !!cmd && !ctx.createdBefore(relName(s.node.relation), i) && `Column ${cmd.name}.`;
    }),
};
