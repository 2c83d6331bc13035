import type { TypeName } from '@pgsql/types';
import { nodeAs } from '../../migrations/ast-node.js';
import { alterCmds, typeNameOf, typmodValues, tableOf } from '../ast.js';
import { eachStatement, type LintRule } from '../rule.js';

/** Changes PostgreSQL makes without touching the rows (binary-coercible, or a wider limit). */
function withoutRewrite(from: TypeName | undefined, to: TypeName | undefined): boolean {
  if (!from) return false;
  const a = typeNameOf(from);
  const b = typeNameOf(to);
  const [am] = typmodValues(from);
  const [bm] = typmodValues(to);
  if (a === 'varchar' && b === 'text') return true;
  if (a === 'varchar' && b === 'varchar') return bm === undefined || (am !== undefined && bm >= am);
  if (a === 'text' && b === 'varchar') return bm === undefined;
  if (a === 'numeric' && b === 'numeric') {
    const [ap, as = 0] = typmodValues(from);
    const [bp, bs = 0] = typmodValues(to);
    return bp === undefined || (ap !== undefined && bp >= ap && bs === as);
  }
  if (a === 'cidr' && b === 'inet') return true;
  return a === b && typmodValues(from).length === 0 && typmodValues(to).length === 0;
}

export const rule: LintRule = {
  id: 'changing-column-type',
  group: 'locking',
  severity: 'warning',
  title: 'Changing a column type that rewrites the table',
  message:
    'Changing the type rewrites the table and its indexes under an ACCESS EXCLUSIVE lock: reads and writes wait until it is done.',
  help: 'Add a new column of the new type, backfill it in batches, switch the application over, then drop the old column.',
  check: (ctx) =>
    eachStatement(ctx, (s, i) => {
      const changes = alterCmds(s).filter((c) => c.subtype === 'AT_AlterColumnType');
      const rel = tableOf(s);
      if (!changes.length || ctx.createdBefore(rel, i)) return false;
      for (const cmd of changes) {
        const from = rel && ctx.schemaBefore(i).columnType(rel, cmd.name ?? '');
        const to = nodeAs(cmd.def, 'ColumnDef')?.typeName;
        if (!withoutRewrite(from, to)) {
          return from
            ? `Column ${cmd.name}: ${typeNameOf(from)} to ${typeNameOf(to)}.`
            : `Column ${cmd.name}: its current type is not declared in this folder, so the change cannot be shown to be safe.`;
        }
      }
      return false;
    }),
};
