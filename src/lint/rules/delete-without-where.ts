import { eachStatement, type LintRule } from '../rule.js';

export const rule: LintRule = {
  id: 'delete-without-where',
  group: 'destructive',
  severity: 'error',
  title: 'DELETE without WHERE',
  message: 'Every row of the table is deleted.',
  help: 'Add the WHERE clause you meant, or acknowledge with -- pg-migration-gate:ignore delete-without-where on the statement.',
  check: (ctx) => eachStatement(ctx, (s) => s.kind === 'DeleteStmt' && !s.node.whereClause),
};
