import { alterCmds } from '../ast.js';
import { idempotencyOf } from '../conventions.js';
import { eachStatement, type LintRule } from '../rule.js';

export const rule: LintRule = {
  id: 'non-idempotent-ddl',
  group: 'conventions',
  severity: 'warning',
  title: 'CREATE or DROP without IF [NOT] EXISTS in a folder that keeps migrations idempotent',
  message: 'Running the migration a second time fails, which this folder otherwise avoids.',
  help: 'Use IF NOT EXISTS / IF EXISTS (or CREATE OR REPLACE) as the rest of the folder does.',
  check: (ctx) => {
    if (!ctx.folder.idempotent) return [];
    return eachStatement(ctx, (s) => {
      if (idempotencyOf(s) === false) return true;
      const cmd = alterCmds(s).find(
        (c) => (c.subtype === 'AT_AddColumn' || c.subtype === 'AT_DropColumn') && !c.missing_ok,
      );
      return cmd
        ? `${cmd.subtype === 'AT_AddColumn' ? 'ADD COLUMN' : 'DROP COLUMN'} without IF ${cmd.subtype === 'AT_AddColumn' ? 'NOT ' : ''}EXISTS.`
        : false;
    });
  },
};
