import { relText, tableOf } from '../ast.js';
import { eachStatement, type LintRule } from '../rule.js';

export const rule: LintRule = {
  id: 'require-concurrent-index-creation',
  group: 'locking',
  severity: 'warning',
  title: 'CREATE INDEX without CONCURRENTLY on an existing table',
  message:
    'Building this index blocks every write to the table (SHARE lock) until it finishes, which on a busy table can take minutes.',
  help: 'Use CREATE INDEX CONCURRENTLY in a migration of its own (it runs outside a transaction).',
  check: (ctx) =>
    eachStatement(ctx, (s, i) => {
      const rel = tableOf(s);
      return s.kind === 'IndexStmt' && !s.node.concurrent && !ctx.createdBefore(rel, i) && `Table: ${relText(rel!)}.`;
    }),
};
