import { eachStatement, type LintRule } from '../rule.js';

export const rule: LintRule = {
  id: 'drop-schema',
  group: 'destructive',
  severity: 'error',
  title: 'DROP SCHEMA',
  message: 'The schema is deleted, and with CASCADE every table, row and function in it.',
  help: 'Drop the objects one by one after checking each, or acknowledge with -- pg-migration-gate:ignore drop-schema on the statement.',
  check: (ctx) =>
    eachStatement(
      ctx,
      (s) =>
        s.kind === 'DropStmt' &&
        s.node.removeType === 'OBJECT_SCHEMA' &&
        (s.node.behavior === 'DROP_CASCADE' ? 'With CASCADE.' : true),
    ),
};
