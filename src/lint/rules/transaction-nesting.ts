import type { TxEvent } from '../../migrations/transaction-control.js';
import type { Hit, LintRule } from '../rule.js';
import { txControl } from '../ast.js';

function detail(e: TxEvent): string | undefined {
  switch (e.kind) {
    case 'nested-begin':
      return 'BEGIN inside an open transaction is ignored, and the next COMMIT ends the outer one early.';
    case 'stray-commit':
      return 'COMMIT without a BEGIN commits nothing here and hides a missing BEGIN.';
    case 'rollback':
      return e.statement.kind === 'TransactionStmt' && e.statement.node.kind === 'TRANS_STMT_ROLLBACK'
        ? 'A top-level ROLLBACK undoes the migration it belongs to.'
        : 'A two-phase commit statement hands the outcome of the migration to another session.';
    case 'connect-inside':
      return `\\connect ends the session, and psql rolls back the transaction opened at line ${e.block.location.line}.`;
    default:
      return undefined;
  }
}

export const rule: LintRule = {
  id: 'transaction-nesting',
  group: 'broken',
  severity: 'error',
  title: 'Nested or stray transaction control',
  message:
    'The transaction statements do not pair up: part of the migration would commit or roll back where the author did not mean it to.',
  help: 'Keep at most one BEGIN … COMMIT around the whole file (or none: the runner wraps each migration in a transaction).',
  check: (ctx) =>
    txControl(ctx.file.statements).events.flatMap((e): Hit[] => {
      const d = detail(e);
      return d ? [{ statement: e.statement, detail: d }] : [];
    }),
};
