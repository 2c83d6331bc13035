import type { LintRule } from '../rule.js';

export const rule: LintRule = {
  id: 'missing-down-script',
  group: 'conventions',
  severity: 'info',
  title: 'No down script or rollback notes',
  message: 'There is no written way back: if this migration must be undone, the only option is restoring a backup.',
  help: "Add a down script in the folder's style: a .down.sql file, a -- migrate:down section, or -- ROLLBACK: <sql> lines.",
  check: (ctx) =>
    ctx.file.runByThisTool && !ctx.file.hasDown && ctx.file.statements.length > 0
      ? [{ location: { file: ctx.file.file, line: 1, column: 1 } }]
      : [],
};
