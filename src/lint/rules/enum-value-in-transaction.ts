import { stringConstants } from '../ast.js';
import { eachStatement, type LintRule } from '../rule.js';

export const rule: LintRule = {
  id: 'enum-value-in-transaction',
  group: 'broken',
  severity: 'error',
  title: 'ALTER TYPE … ADD VALUE where it cannot run in a transaction',
  message:
    'A new enum value cannot be added inside a transaction before PostgreSQL 12, and from 12 on it cannot be used until that transaction commits: the migration fails.',
  help: 'Put ALTER TYPE … ADD VALUE in a migration of its own, and use the new value in a later migration.',
  check: (ctx) => {
    if (ctx.file.exec?.mode !== 'transaction') return [];
    return eachStatement(ctx, (s, i) => {
      if (s.kind !== 'AlterEnumStmt' || !s.node.newVal) return false;
      const value = s.node.newVal;
      if (ctx.postgresVersion < 12) return `PostgreSQL ${ctx.postgresVersion} refuses it in a transaction.`;
      const used = ctx.file.statements.slice(i + 1).find((later) => stringConstants(later.node).includes(value));
      return used ? `'${s.node.newVal}' is used at line ${used.location.line} in the same transaction.` : false;
    });
  },
};
