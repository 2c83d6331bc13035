import { cannotRunInTransaction } from '../../migrations/transaction.js';
import type { LintRule } from '../rule.js';
import { transactionEvents } from '../transaction-blocks.js';

export const rule: LintRule = {
  id: 'concurrently-in-transaction',
  group: 'broken',
  severity: 'error',
  title: 'A statement that cannot run inside a transaction, inside BEGIN … COMMIT',
  message: 'PostgreSQL refuses this statement inside a transaction block: the migration can never run as written.',
  help: "Remove the file's BEGIN/COMMIT (the runner then runs it outside a transaction), or move the statement into a migration of its own.",
  check: (ctx) =>
    transactionEvents(ctx.file.statements)
      .events.filter((e) => e.kind === 'inside' && cannotRunInTransaction(e.statement))
      .map((e) => ({ statement: e.statement, detail: `${cannotRunInTransaction(e.statement)} inside the transaction opened at line ${e.kind === 'inside' ? e.block.location.line : '?'}.` })),
};
