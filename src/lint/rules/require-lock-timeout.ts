import type { AlterTableType } from '@pgsql/types';
import type { Statement } from '../../migrations/parse.js';
import { cannotRunInTransaction } from '../../migrations/transaction-mode.js';
import { optionOn } from '../../migrations/options.js';
import { alterCmds, tableOf } from '../ast.js';
import { eachStatement, type LintRule } from '../rule.js';

const LOCKING = new Set([
  'AlterTableStmt',
  'IndexStmt',
  'DropStmt',
  'RenameStmt',
  'TruncateStmt',
  'CreateTrigStmt',
  'ReindexStmt',
  'ClusterStmt',
  'VacuumStmt',
  'LockStmt',
  'AlterDomainStmt',
]);

/** ALTER TABLE forms that take SHARE UPDATE EXCLUSIVE at most: queued, they hold up no read and no write. */
const WEAK_ALTER = new Set<AlterTableType | undefined>([
  'AT_ValidateConstraint',
  'AT_SetStatistics',
  'AT_SetRelOptions',
  'AT_ResetRelOptions',
  'AT_ClusterOn',
  'AT_DropCluster',
]);

/** Whether waiting for this statement's lock would queue ordinary reads or writes behind it. */
function queuesQueries(s: Statement): boolean {
  if (!LOCKING.has(s.kind)) return false;
  // Plain VACUUM and the CONCURRENTLY forms wait for a lock that reads and writes never wait behind.
  if (s.kind === 'VacuumStmt') return optionOn(s.node.options, 'full');
  if (/CONCURRENTLY/.test(cannotRunInTransaction(s) ?? '')) return false;
  if (s.kind === 'AlterTableStmt') return alterCmds(s).some((c) => !WEAK_ALTER.has(c.subtype));
  return true;
}

const setsLockTimeout = (s: Statement) => s.kind === 'VariableSetStmt' && s.node.name === 'lock_timeout';

export const rule: LintRule = {
  id: 'require-lock-timeout',
  group: 'locking',
  severity: 'warning',
  title: 'Lock taken without lock_timeout',
  message:
    'Without lock_timeout, a statement waiting behind a long query queues every later query on the table behind itself: a short lock becomes an outage.',
  help: "Start the file with SET lock_timeout = '5s'; (this tool's runner sets it for you when it applies the folder).",
  check: (ctx) => {
    if (ctx.file.runByThisTool) return [];
    let guarded = false;
    return eachStatement(ctx, (s, i) => {
      // psql's \connect starts a new session: what was SET before it is gone
      guarded = s.kind !== 'PsqlConnect' && (guarded || setsLockTimeout(s));
      return !guarded && queuesQueries(s) && !ctx.createdBefore(tableOf(s), i);
    }).slice(0, 1);
  },
};
