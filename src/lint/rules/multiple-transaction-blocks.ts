import type { LintRule } from '../rule.js';
import { txControl } from '../ast.js';

export const rule: LintRule = {
  id: 'multiple-transaction-blocks',
  group: 'broken',
  severity: 'warning',
  title: 'Several transaction blocks in one migration',
  message:
    'The migration commits in several steps and runs outside one transaction: a failure after the first COMMIT leaves it half applied (recorded dirty).',
  help: 'Split the file into one migration per transaction block.',
  check: (ctx) => {
    const { blocks } = txControl(ctx.file.statements);
    return blocks.length > 1 ? [{ statement: blocks[1].begin, detail: `${blocks.length} blocks.` }] : [];
  },
};
