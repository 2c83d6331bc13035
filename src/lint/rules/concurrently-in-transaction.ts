import { cannotRunInTransaction } from '../../migrations/transaction-mode.js';
import type { Hit, LintRule } from '../rule.js';
import { txControl } from '../ast.js';

export const rule: LintRule = {
  id: 'concurrently-in-transaction',
  group: 'broken',
  severity: 'error',
  title: 'A statement that cannot run inside a transaction, inside BEGIN … COMMIT',
  message: 'PostgreSQL refuses this statement inside a transaction block: the migration can never run as written.',
  help: "Remove the file's BEGIN/COMMIT (the runner then runs it outside a transaction), or move the statement into a migration of its own.",
  check: (ctx) =>
    txControl(ctx.file.statements).events.flatMap((e): Hit[] => {
      const blocked = e.kind === 'inside' && cannotRunInTransaction(e.statement);
      return blocked
        ? [
            {
              statement: e.statement,
              detail: `${blocked} inside the transaction opened at line ${e.block.location.line}.`,
            },
          ]
        : [];
    }),
};
