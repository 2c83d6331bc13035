import type { Statement } from '../migrations/parse.js';

export type TxEvent =
  | { kind: 'nested-begin' | 'stray-commit' | 'rollback' | 'unterminated'; statement: Statement }
  | { kind: 'inside'; statement: Statement; block: Statement };

/** Walks a file's top-level transaction control, as psql would execute it, and reports what it meets. */
export function transactionEvents(statements: Statement[]): { events: TxEvent[]; blocks: number } {
  const events: TxEvent[] = [];
  let open: Statement | undefined;
  let blocks = 0;
  for (const s of statements) {
    const k = s.kind === 'TransactionStmt' ? (s.node.kind as string) : undefined;
    if (k === 'TRANS_STMT_BEGIN' || k === 'TRANS_STMT_START') {
      if (open) events.push({ kind: 'nested-begin', statement: s });
      else open = s;
    } else if (k === 'TRANS_STMT_COMMIT') {
      if (!open) events.push({ kind: 'stray-commit', statement: s });
      else blocks++;
      open = undefined;
    } else if (k === 'TRANS_STMT_ROLLBACK' || k === 'TRANS_STMT_PREPARE') {
      events.push({ kind: 'rollback', statement: s });
      open = undefined;
    } else if (open && !k) {
      events.push({ kind: 'inside', statement: s, block: open });
    }
  }
  if (open) events.push({ kind: 'unterminated', statement: open });
  return { events, blocks };
}
