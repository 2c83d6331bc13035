import { alterCmds, relName } from '../ast.js';
import { eachStatement, type LintRule } from '../rule.js';

export const rule: LintRule = {
  id: 'constraint-missing-not-valid',
  group: 'locking',
  severity: 'warning',
  title: 'Foreign key or check constraint added without NOT VALID',
  message: 'The constraint is checked against every existing row while the table is locked (and, for a foreign key, the referenced table too): writes wait until the scan ends.',
  help: 'Add the constraint with NOT VALID, then run ALTER TABLE … VALIDATE CONSTRAINT in a separate migration: validation takes a lock that does not block writes.',
  check: (ctx) =>
    eachStatement(ctx, (s, i) => {
      const c = alterCmds(s)
        .filter((cmd) => cmd.subtype === 'AT_AddConstraint')
        .map((cmd) => cmd.def?.Constraint)
        .find((k) => k && (k.contype === 'CONSTR_FOREIGN' || k.contype === 'CONSTR_CHECK') && !k.skip_validation);
      return c && !ctx.createdBefore(relName(s.node.relation), i) ? `Constraint ${c.conname ?? '(unnamed)'}.` : false;
    }),
};
