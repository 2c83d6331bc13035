import { eachStatement, type LintRule } from '../rule.js';

export const rule: LintRule = {
  id: 'renaming-column',
  group: 'compatibility',
  severity: 'warning',
  title: 'Renaming a column',
  message:
    'Application code still using the old name fails from the moment the migration commits until the new code is deployed.',
  help: 'Add the new column, write to both, backfill, move readers over, then drop the old one; or deploy code that copes with both names first.',
  check: (ctx) =>
    eachStatement(
      ctx,
      (s) =>
        s.kind === 'RenameStmt' && s.node.renameType === 'OBJECT_COLUMN' && `${s.node.subname} to ${s.node.newname}.`,
    ),
};
