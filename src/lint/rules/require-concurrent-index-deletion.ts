import { nodeAs } from '../../migrations/ast-node.js';
import type { Statement } from '../../migrations/parse.js';
import { eachStatement, type LintRule } from '../rule.js';

const indexName = (s: Statement): string | undefined => {
  const items = nodeAs(s.kind === 'DropStmt' ? s.node.objects?.[0] : undefined, 'List')?.items ?? [];
  return nodeAs(items[items.length - 1], 'String')?.sval;
};

export const rule: LintRule = {
  id: 'require-concurrent-index-deletion',
  group: 'locking',
  severity: 'warning',
  title: 'DROP INDEX without CONCURRENTLY',
  message:
    'Dropping the index takes an ACCESS EXCLUSIVE lock on its table: every read and write waits until it is done.',
  help: 'Use DROP INDEX CONCURRENTLY in a migration of its own (it runs outside a transaction).',
  check: (ctx) =>
    eachStatement(ctx, (s, i) => {
      if (s.kind !== 'DropStmt' || s.node.removeType !== 'OBJECT_INDEX' || s.node.concurrent) return false;
      // An index created earlier in the same migration is new: dropping it blocks nobody.
      const name = indexName(s);
      return !ctx.file.statements.slice(0, i).some((p) => p.kind === 'IndexStmt' && p.node.idxname === name);
    }),
};
