import { nodeAs } from '../../migrations/ast-node.js';
import type { ColumnDef, Constraint } from '@pgsql/types';
import { addedColumn, addedConstraint, alterCmds, constraintsOf, tableOf } from '../ast.js';
import { eachStatement, type LintRule } from '../rule.js';

/** A constraint written on a new column that PostgreSQL checks against every existing row. */
function checkedOnNewColumn(col: ColumnDef | undefined): Constraint | undefined {
  const constraints = constraintsOf(col);
  const def = constraints.find((c) => c.contype === 'CONSTR_DEFAULT');
  // A new column without a default holds only NULLs: PostgreSQL skips the foreign key's check, never a CHECK's.
  const nonNullDefault = !!def && !nodeAs(def.raw_expr, 'A_Const')?.isnull;
  return constraints.find((c) => c.contype === 'CONSTR_CHECK' || (c.contype === 'CONSTR_FOREIGN' && nonNullDefault));
}

export const rule: LintRule = {
  id: 'constraint-missing-not-valid',
  group: 'locking',
  severity: 'warning',
  title: 'Foreign key or check constraint added without NOT VALID',
  message:
    'The constraint is checked against every existing row while the table is locked (and, for a foreign key, the referenced table too): writes wait until the scan ends.',
  help: 'Add the constraint with NOT VALID, then run ALTER TABLE … VALIDATE CONSTRAINT in a separate migration: validation takes a lock that does not block writes.',
  check: (ctx) =>
    eachStatement(ctx, (s, i) => {
      if (ctx.createdBefore(tableOf(s), i)) return false;
      for (const cmd of alterCmds(s)) {
        const c = addedConstraint(cmd);
        if (c && (c.contype === 'CONSTR_FOREIGN' || c.contype === 'CONSTR_CHECK') && !c.skip_validation)
          return `Constraint ${c.conname ?? '(unnamed)'}.`;
        const col = addedColumn(cmd);
        const onColumn = checkedOnNewColumn(col);
        if (col && onColumn)
          return `${onColumn.contype === 'CONSTR_CHECK' ? 'CHECK' : 'REFERENCES'} on new column ${col.colname}: add the column first, then the constraint NOT VALID.`;
      }
      return false;
    }),
};
