import { optionOn } from '../../migrations/options.js';
import { eachStatement, type LintRule } from '../rule.js';

export const rule: LintRule = {
  id: 'require-concurrent-reindex',
  group: 'locking',
  severity: 'warning',
  title: 'REINDEX without CONCURRENTLY',
  message: 'REINDEX locks out writes to the table (and reads that use the index) until every index is rebuilt.',
  help: 'Use REINDEX … CONCURRENTLY (PostgreSQL 12+) in a migration of its own.',
  check: (ctx) => eachStatement(ctx, (s) => s.kind === 'ReindexStmt' && !optionOn(s.node.params, 'concurrently')),
};
