import { optionOn } from '../../migrations/options.js';
import { eachStatement, type LintRule } from '../rule.js';

export const rule: LintRule = {
  id: 'vacuum-full-or-cluster',
  group: 'locking',
  severity: 'warning',
  title: 'VACUUM FULL or CLUSTER',
  message:
    'The table is rewritten under an ACCESS EXCLUSIVE lock: every read and write waits until it is done, and the disk needs room for a second copy.',
  help: 'Use plain VACUUM, or an online tool such as pg_repack, outside the migration.',
  check: (ctx) =>
    eachStatement(
      ctx,
      (s) => (s.kind === 'VacuumStmt' && optionOn(s.node.options, 'full')) || s.kind === 'ClusterStmt',
    ),
};
