import { nodeAs } from '../../migrations/ast-node.js';
import { eachStatement, type LintRule } from '../rule.js';

export const rule: LintRule = {
  id: 'constrained-domain',
  group: 'types',
  severity: 'warning',
  title: 'CREATE DOMAIN with a CHECK or NOT NULL constraint',
  message:
    'Changing this constraint later means ALTER DOMAIN, which checks every column of the domain in every table while blocking writes to them; a table constraint can be replaced without blocking writes.',
  help: 'Create the domain without constraints (or use the base type), and put CHECK constraints on the table columns that need them.',
  check: (ctx) =>
    eachStatement(ctx, (s) => {
      if (s.kind !== 'CreateDomainStmt') return false;
      const kinds = (s.node.constraints ?? []).map((c) => nodeAs(c, 'Constraint')?.contype);
      const found = [kinds.includes('CONSTR_CHECK') && 'CHECK', kinds.includes('CONSTR_NOTNULL') && 'NOT NULL'].filter(
        Boolean,
      );
      return (
        found.length > 0 &&
        `Domain ${(s.node.domainname ?? []).map((n) => nodeAs(n, 'String')?.sval).join('.')} has ${found.join(' and ')}.`
      );
    }),
};
