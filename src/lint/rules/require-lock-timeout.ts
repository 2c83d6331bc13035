import type { Statement } from '../../migrations/parse.js';
import { relName } from '../ast.js';
import { eachStatement, type LintRule } from '../rule.js';

const LOCKING = new Set(['AlterTableStmt', 'IndexStmt', 'DropStmt', 'RenameStmt', 'TruncateStmt', 'CreateTrigStmt', 'ReindexStmt', 'ClusterStmt', 'VacuumStmt']);

const setsLockTimeout = (s: Statement) => s.kind === 'VariableSetStmt' && s.node.name === 'lock_timeout';

export const rule: LintRule = {
  id: 'require-lock-timeout',
  group: 'locking',
  severity: 'warning',
  title: 'Lock taken without lock_timeout',
  message: 'Without lock_timeout, a statement waiting behind a long query queues every later query on the table behind itself: a short lock becomes an outage.',
  help: "Start the file with SET lock_timeout = '5s'; (this tool's runner sets it for you when it applies the folder).",
  check: (ctx) => {
    if (ctx.file.runByGate) return [];
    let guarded = false;
    return eachStatement(ctx, (s, i) => {
      // psql's \connect starts a new session: what was SET before it is gone
      guarded = s.kind !== 'PsqlConnect' && (guarded || setsLockTimeout(s));
      return !guarded && LOCKING.has(s.kind) && !ctx.createdBefore(relName(s.node.relation), i);
    }).slice(0, 1);
  },
};
