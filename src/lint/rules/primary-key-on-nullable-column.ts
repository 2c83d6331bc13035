import { addedConstraint, alterCmds, tableOf } from '../ast.js';
import { eachStatement, type LintRule } from '../rule.js';

export const rule: LintRule = {
  id: 'primary-key-on-nullable-column',
  group: 'locking',
  severity: 'warning',
  title: 'ADD PRIMARY KEY USING INDEX on a column that allows NULL',
  message:
    'A primary key makes its columns NOT NULL, which scans the whole table under an ACCESS EXCLUSIVE lock: reads and writes wait until it is done.',
  help: 'Make each column NOT NULL first without the long lock: ADD CONSTRAINT … CHECK (col IS NOT NULL) NOT VALID, VALIDATE CONSTRAINT in a later migration, then SET NOT NULL (PostgreSQL 12+ skips the scan); then add the primary key.',
  check: (ctx) =>
    eachStatement(ctx, (s, i) => {
      const rel = tableOf(s);
      const pk = alterCmds(s)
        .map(addedConstraint)
        .find((c) => c?.contype === 'CONSTR_PRIMARY' && c.indexname);
      const index = pk?.indexname;
      if (!index || !rel || ctx.createdBefore(rel, i)) return false;
      const history = ctx.schemaBefore(i);
      // Only columns the folder shows to be nullable: where it cannot tell, a finding would be a guess.
      const nullable = (history.index(index)?.columns ?? []).filter(
        (col) =>
          history.columnNotNull(rel, col) === false &&
          !(ctx.postgresVersion >= 12 && history.hasValidNotNullCheck(rel, col)),
      );
      return (
        nullable.length > 0 &&
        `Index ${index}: ${nullable.join(', ')} ${nullable.length > 1 ? 'allow' : 'allows'} NULL.`
      );
    }),
};
