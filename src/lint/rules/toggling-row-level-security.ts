import type { Statement } from '../../migrations/parse.js';
import { alterCmds, relKey, relName, relText, type RelName } from '../ast.js';
import type { Hit, LintRule } from '../rule.js';

const policyOn = (s: Statement, rel: RelName) => {
  const table = s.kind === 'CreatePolicyStmt' ? relName(s.node.table) : undefined;
  return !!table && relKey(table) === relKey(rel);
};

export const rule: LintRule = {
  id: 'toggling-row-level-security',
  group: 'compatibility',
  severity: 'warning',
  title: 'Row level security turned on with no policy, or turned off',
  message:
    "Turned on, row level security hides every row from every role but the table's owner (and, with FORCE, from the owner too) until a policy lets it through: the application reads nothing and its writes fail. Turned off, every policy stops applying: each role with privileges on the table reads and changes every row.",
  help: 'Create the policies in the same migration as ENABLE ROW LEVEL SECURITY (or in an earlier one). Turn it off only when no policy is meant to protect the rows any more.',
  check: (ctx) =>
    ctx.file.statements.flatMap((s, i): Hit[] => {
      const rel = relName(s.node.relation);
      if (s.kind !== 'AlterTableStmt' || !rel) return [];
      return alterCmds(s).flatMap((c): Hit[] => {
        if (c.subtype === 'AT_DisableRowSecurity') return [{ statement: s, detail: `${relText(rel)}: its policies stop applying.` }];
        if (c.subtype !== 'AT_EnableRowSecurity' && c.subtype !== 'AT_ForceRowSecurity') return [];
        if (ctx.schemaBefore(i).hasPolicy(rel) || ctx.file.statements.some((p) => policyOn(p, rel))) return [];
        return [{ statement: s, detail: `No policy on ${relText(rel)} is created in this migration or earlier in the folder.` }];
      });
    }),
};
