import type { LintRule } from '../rule.js';
import { txControl } from '../ast.js';

export const rule: LintRule = {
  id: 'unterminated-transaction',
  group: 'broken',
  severity: 'error',
  title: 'BEGIN without COMMIT',
  message:
    'The transaction is never committed: psql rolls it back when the session ends, silently, and this tool refuses to run the file.',
  help: 'Add COMMIT; at the end of the file, or remove the BEGIN and let the runner wrap the migration in its own transaction.',
  check: (ctx) =>
    txControl(ctx.file.statements)
      .events.filter((e) => e.kind === 'unterminated')
      .map((e) => ({ statement: e.statement })),
};
