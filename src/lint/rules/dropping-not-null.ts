import { alterCmds } from '../ast.js';
import { eachStatement, type LintRule } from '../rule.js';

export const rule: LintRule = {
  id: 'dropping-not-null',
  group: 'compatibility',
  severity: 'warning',
  title: 'DROP NOT NULL',
  message:
    'Code deployed before this migration assumes the column is never NULL and may fail on the NULLs it now allows; rolling back needs every NULL fixed first.',
  help: 'Make sure every reader handles NULL before this ships.',
  check: (ctx) =>
    eachStatement(ctx, (s) => {
      const cmd = alterCmds(s).find((c) => c.subtype === 'AT_DropNotNull');
      return cmd ? `Column ${cmd.name}.` : false;
    }),
};
