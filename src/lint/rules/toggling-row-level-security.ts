import { alterCmds, relText, tableOf } from '../ast.js';
import type { Hit, LintRule } from '../rule.js';

export const rule: LintRule = {
  id: 'toggling-row-level-security',
  group: 'compatibility',
  severity: 'warning',
  title: 'Row level security turned on with no policy, or turned off',
  message:
    "Turned on, row level security hides every row from every role but superusers, roles with BYPASSRLS and the table's owner until a permissive policy lets rows through: the application reads nothing and its writes fail. Turned off, the policies stop applying: each role with privileges on the table reads and changes every row (NO FORCE does that for the owner).",
  help: 'Create the policies in the same migration as ENABLE ROW LEVEL SECURITY (or in an earlier one). Turn it off only when no policy is meant to protect the rows any more.',
  check: (ctx) => {
    // As the migration leaves it: a policy created after ENABLE in the same migration counts, one dropped does not.
    const after = ctx.schemaBefore(ctx.file.statements.length);
    return ctx.file.statements.flatMap((s): Hit[] => {
      const rel = tableOf(s);
      if (s.kind !== 'AlterTableStmt' || !rel) return [];
      const cmds = new Set(alterCmds(s).map((c) => c.subtype));
      if (cmds.has('AT_DisableRowSecurity'))
        return [{ statement: s, detail: `${relText(rel)}: its policies stop applying.` }];
      if (cmds.has('AT_NoForceRowSecurity'))
        return [{ statement: s, detail: `${relText(rel)}: its owner bypasses the policies again.` }];
      if (!cmds.has('AT_EnableRowSecurity') || after.hasPolicy(rel)) return [];
      return [
        {
          statement: s,
          detail: `No permissive policy on ${relText(rel)} is declared in this migration or earlier in the folder (policies made outside the folder are not seen).`,
        },
      ];
    });
  },
};
