import { eachStatement, type LintRule } from '../rule.js';

export const rule: LintRule = {
  id: 'update-without-where',
  group: 'destructive',
  severity: 'error',
  title: 'UPDATE without WHERE',
  message:
    'Every row of the table is overwritten, and on a large table the whole update runs in one transaction holding row locks on all of them.',
  help: 'Add the WHERE clause you meant (and update in batches), or acknowledge with -- pg-migration-gate:ignore update-without-where on the statement.',
  check: (ctx) => eachStatement(ctx, (s) => s.kind === 'UpdateStmt' && !s.node.whereClause),
};
