import { nodeAs } from '../../migrations/ast-node.js';
import { alterCmds } from '../ast.js';
import { eachStatement, type LintRule } from '../rule.js';

export const rule: LintRule = {
  id: 'detach-partition-without-concurrently',
  group: 'locking',
  severity: 'warning',
  title: 'DETACH PARTITION without CONCURRENTLY',
  message: 'Detaching takes an ACCESS EXCLUSIVE lock on the parent table: every query on it waits.',
  help: 'Use ALTER TABLE … DETACH PARTITION … CONCURRENTLY (PostgreSQL 14+) in a migration of its own.',
  check: (ctx) =>
    eachStatement(
      ctx,
      (s) =>
        ctx.postgresVersion >= 14 &&
        alterCmds(s).some((c) => c.subtype === 'AT_DetachPartition' && !nodeAs(c.def, 'PartitionCmd')?.concurrent),
    ),
};
