import { addedColumn, alterCmds, constraintsOf, functionsCalled, tableOf } from '../ast.js';
import { eachStatement, type LintRule } from '../rule.js';

/** Functions whose value differs row by row: a default calling one must be written into every existing row. */
const VOLATILE = new Set([
  'random',
  'gen_random_uuid',
  'uuid_generate_v1',
  'uuid_generate_v4',
  'uuidv4',
  'uuidv7',
  'clock_timestamp',
  'timeofday',
  'nextval',
  'txid_current',
  'setseed',
]);

export const rule: LintRule = {
  id: 'adding-volatile-default',
  group: 'locking',
  severity: 'warning',
  title: 'ADD COLUMN with a default that rewrites the table',
  message:
    'The table is rewritten under an ACCESS EXCLUSIVE lock to store the default in every row: reads and writes wait until it is done.',
  help: 'Add the column without a default (or with a constant one), set the default in a second statement, and backfill existing rows in batches.',
  check: (ctx) =>
    eachStatement(ctx, (s, i) => {
      const added = alterCmds(s).flatMap((c) => addedColumn(c) ?? []);
      if (!added.length || ctx.createdBefore(tableOf(s), i)) return false;
      for (const column of added) {
        const def = constraintsOf(column).find((c) => c.contype === 'CONSTR_DEFAULT');
        if (!def) continue;
        if (ctx.postgresVersion < 11)
          return `Before PostgreSQL 11 every default rewrites the table (column ${column.colname}).`;
        const volatile = functionsCalled(def.raw_expr).find((f) => VOLATILE.has(f));
        if (volatile) return `${volatile}() is volatile (column ${column.colname}).`;
      }
      return false;
    }),
};
