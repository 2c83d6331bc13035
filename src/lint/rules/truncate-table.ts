import { eachStatement, type LintRule } from '../rule.js';

export const rule: LintRule = {
  id: 'truncate-table',
  group: 'destructive',
  severity: 'error',
  title: 'TRUNCATE',
  message: 'Every row of the table is deleted (and with CASCADE, of every table referencing it).',
  help: 'Make sure the data is expendable and backed up, then acknowledge with -- pg-migration-gate:ignore truncate-table on the statement.',
  check: (ctx) =>
    eachStatement(
      ctx,
      (s) =>
        s.kind === 'TruncateStmt' &&
        (s.node.behavior === 'DROP_CASCADE' ? 'With CASCADE: tables referencing it are emptied too.' : true),
    ),
};
