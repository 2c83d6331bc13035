import { nodeAs } from '../../migrations/ast-node.js';
import { eachStatement, type LintRule } from '../rule.js';

export const rule: LintRule = {
  id: 'drop-table',
  group: 'destructive',
  severity: 'error',
  title: 'DROP TABLE',
  message: 'The table and all its rows are deleted; only a backup brings them back.',
  help: 'Make sure nothing reads the table any more and a backup exists, then acknowledge with -- pg-migration-gate:ignore drop-table on the statement.',
  check: (ctx) =>
    eachStatement(ctx, (s, i) => {
      if (s.kind !== 'DropStmt' || s.node.removeType !== 'OBJECT_TABLE') return false;
      const names: string[] = (s.node.objects ?? []).map((o) =>
        (nodeAs(o, 'List')?.items ?? []).map((x) => nodeAs(x, 'String')?.sval).join('.'),
      );
      // Tables created earlier in the same migration hold no data yet.
      const old = names.filter(
        (n) =>
          !ctx.createdBefore({ name: n.split('.').pop()!, schema: n.includes('.') ? n.split('.')[0] : undefined }, i),
      );
      return old.length
        ? `Table: ${old.join(', ')}${s.node.behavior === 'DROP_CASCADE' ? ' (CASCADE also drops what depends on it)' : ''}.`
        : false;
    }),
};
