import type { LintRule } from '../rule.js';
import { transactionEvents } from '../transaction-blocks.js';

export const rule: LintRule = {
  id: 'multiple-transaction-blocks',
  group: 'broken',
  severity: 'warning',
  title: 'Several transaction blocks in one migration',
  message: 'The migration commits in several steps and runs outside one transaction: a failure after the first COMMIT leaves it half applied (recorded dirty).',
  help: 'Split the file into one migration per transaction block.',
  check: (ctx) => {
    const { blocks } = transactionEvents(ctx.file.statements);
    const begins = ctx.file.statements.filter((s) => s.kind === 'TransactionStmt' && /BEGIN|START/.test(s.node.kind));
    return blocks > 1 ? [{ statement: begins[1], detail: `${blocks} blocks.` }] : [];
  },
};
