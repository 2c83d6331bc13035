import { alterCmds, tableOf } from '../ast.js';
import { eachStatement, type LintRule } from '../rule.js';

export const rule: LintRule = {
  id: 'setting-not-null',
  group: 'locking',
  severity: 'warning',
  title: 'SET NOT NULL on an existing column',
  message:
    'PostgreSQL scans the whole table to check for NULLs while holding an ACCESS EXCLUSIVE lock: reads and writes wait.',
  help: 'First ADD CONSTRAINT … CHECK (col IS NOT NULL) NOT VALID, then VALIDATE CONSTRAINT in a later migration; SET NOT NULL then skips the scan (PostgreSQL 12+), after which the CHECK can be dropped.',
  check: (ctx) =>
    eachStatement(ctx, (s, i) => {
      const sets = alterCmds(s).filter((c) => c.subtype === 'AT_SetNotNull');
      const rel = sets.length ? tableOf(s) : undefined;
      if (!rel || ctx.createdBefore(rel, i)) return false;
      const history = ctx.schemaBefore(i);
      // Skipped scans: the column is already NOT NULL, or (12+) a validated CHECK (col IS NOT NULL) proves it.
      const scans = (col: string) =>
        history.columnNotNull(rel, col) !== true &&
        !(ctx.postgresVersion >= 12 && history.hasValidNotNullCheck(rel, col));
      const cmd = sets.find((c) => scans(c.name ?? ''));
      return !!cmd && `Column ${cmd.name}.`;
    }),
};
