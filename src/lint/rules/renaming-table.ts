import { eachStatement, type LintRule } from '../rule.js';

export const rule: LintRule = {
  id: 'renaming-table',
  group: 'compatibility',
  severity: 'warning',
  title: 'Renaming a table',
  message:
    'Application code still using the old name fails from the moment the migration commits until the new code is deployed.',
  help: 'Create a view with the old name in the same migration, or deploy code that copes with both names first.',
  check: (ctx) =>
    eachStatement(
      ctx,
      (s) =>
        s.kind === 'RenameStmt' &&
        s.node.renameType === 'OBJECT_TABLE' &&
        `${s.node.relation?.relname} to ${s.node.newname}.`,
    ),
};
