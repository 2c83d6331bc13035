import type { ColumnDef } from '@pgsql/types';
import { addedColumn, alterCmds, constraintsOf, SERIAL_TYPES, typeNameOf, tableOf } from '../ast.js';
import { eachStatement, type LintRule, type RuleContext } from '../rule.js';

/** Why adding this column writes a value into every existing row, or undefined when it does not. */
function fillsEveryRow(ctx: RuleContext, col: ColumnDef): string | undefined {
  const type = typeNameOf(col.typeName);
  if (SERIAL_TYPES.has(type)) return `${type} draws a sequence value for every row`;
  for (const c of constraintsOf(col)) {
    if (c.contype === 'CONSTR_IDENTITY') return 'an identity column draws a sequence value for every row';
    // PostgreSQL 18 computes VIRTUAL columns when read; before 18 every generated column is STORED.
    if (c.contype === 'CONSTR_GENERATED' && (c.generated_kind !== 'v' || ctx.postgresVersion < 18))
      return 'a STORED generated column is computed and written for every row';
  }
  return undefined;
}

export const rule: LintRule = {
  id: 'adding-serial-or-generated-column',
  group: 'locking',
  severity: 'warning',
  title: 'ADD COLUMN of a serial, identity or stored generated column',
  message:
    'Every existing row gets its value written now: the table is rewritten under an ACCESS EXCLUSIVE lock, and reads and writes wait until it is done.',
  help: 'Add a plain nullable column, fill it in batches, then attach the default, identity or constraint; from PostgreSQL 18 a VIRTUAL generated column needs no rewrite.',
  check: (ctx) =>
    eachStatement(ctx, (s, i) => {
      if (ctx.createdBefore(tableOf(s), i)) return false;
      for (const cmd of alterCmds(s)) {
        const col = addedColumn(cmd);
        const why = col && fillsEveryRow(ctx, col);
        if (why) return `Column ${col.colname}: ${why}.`;
      }
      return false;
    }),
};
