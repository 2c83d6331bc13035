import { eachStatement, type LintRule } from '../rule.js';

export const rule: LintRule = {
  id: 'drop-database',
  group: 'destructive',
  severity: 'error',
  title: 'DROP DATABASE',
  message: 'A whole database is deleted from inside a migration.',
  help: 'Do this by hand, deliberately, never in a migration; acknowledge with -- pg-migration-gate:ignore drop-database if you truly mean it.',
  check: (ctx) => eachStatement(ctx, (s) => s.kind === 'DropdbStmt'),
};
