import type { LintRule } from '../rule.js';
import { transactionEvents } from '../transaction-blocks.js';

const DETAIL = {
  'nested-begin': 'BEGIN inside an open transaction is ignored, and the next COMMIT ends the outer one early.',
  'stray-commit': 'COMMIT without a BEGIN commits nothing here and hides a missing BEGIN.',
  rollback: 'A top-level ROLLBACK undoes the migration it belongs to.',
} as const;

export const rule: LintRule = {
  id: 'transaction-nesting',
  group: 'broken',
  severity: 'error',
  title: 'Nested or stray transaction control',
  message: 'The transaction statements do not pair up: part of the migration would commit or roll back where the author did not mean it to.',
  help: 'Keep at most one BEGIN … COMMIT around the whole file (or none: the runner wraps each migration in a transaction).',
  check: (ctx) =>
    transactionEvents(ctx.file.statements)
      .events.filter((e) => e.kind === 'nested-begin' || e.kind === 'stray-commit' || e.kind === 'rollback')
      .map((e) => ({ statement: e.statement, detail: DETAIL[e.kind as keyof typeof DETAIL] })),
};
