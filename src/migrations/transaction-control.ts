import type { Statement } from './parse.js';

/**
 * What a file's own transaction control does when psql runs it top to bottom: the blocks it commits, and every
 * place where it does not pair up. The one reading of BEGIN/COMMIT: the runner's plan (executionPlan) refuses
 * the first problem, the lint rules report each one, so the two cannot disagree about a file.
 */

export type TxEvent =
  /** A statement inside the block `block` opened (the rules and the plan decide whether it may be there). */
  | { kind: 'inside'; statement: Statement; block: Statement }
  /** BEGIN while `block` is open: PostgreSQL ignores it, and the next COMMIT ends the outer block. */
  | { kind: 'nested-begin'; statement: Statement; block: Statement }
  /** psql's \connect while `block` is open: the session ends and the open transaction is rolled back. */
  | { kind: 'connect-inside'; statement: Statement; block: Statement }
  /** COMMIT with no block open. */
  | { kind: 'stray-commit'; statement: Statement }
  /** ROLLBACK, or a two-phase commit statement, at the top level of the file. */
  | { kind: 'rollback'; statement: Statement }
  /** A BEGIN never committed; reported after every other event. */
  | { kind: 'unterminated'; statement: Statement };

export interface TransactionBlock {
  /** BEGIN / START TRANSACTION, or the COMMIT AND CHAIN that opened the block. */
  begin: Statement;
  commit: Statement;
}

export interface TransactionControl {
  /** In file order. */
  events: TxEvent[];
  /** The blocks the file commits, in order. */
  blocks: TransactionBlock[];
  /** The file's own BEGIN when a single block opens with its first statement and commits with its last. */
  wrapper?: Statement;
}

type Control = 'begin' | 'commit' | 'abort' | 'savepoint' | 'connect';

function controlOf(s: Statement): Control | undefined {
  if (s.kind === 'PsqlConnect') return 'connect';
  if (s.kind !== 'TransactionStmt') return undefined;
  switch (s.node.kind) {
    case 'TRANS_STMT_BEGIN':
    case 'TRANS_STMT_START':
      return 'begin';
    case 'TRANS_STMT_COMMIT':
      return 'commit';
    case 'TRANS_STMT_ROLLBACK':
    case 'TRANS_STMT_PREPARE':
    case 'TRANS_STMT_COMMIT_PREPARED':
    case 'TRANS_STMT_ROLLBACK_PREPARED':
      return 'abort';
    default:
      return 'savepoint';
  }
}

/** COMMIT AND CHAIN, ROLLBACK AND CHAIN: the next transaction opens at once. */
const chains = (s: Statement) => s.kind === 'TransactionStmt' && !!s.node.chain;

export function transactionControl(statements: Statement[]): TransactionControl {
  const events: TxEvent[] = [];
  const blocks: TransactionBlock[] = [];
  let open: Statement | undefined;
  for (const s of statements) {
    switch (controlOf(s)) {
      case 'begin':
        if (open) events.push({ kind: 'nested-begin', statement: s, block: open });
        else open = s;
        break;
      case 'commit':
        if (open) blocks.push({ begin: open, commit: s });
        else events.push({ kind: 'stray-commit', statement: s });
        // COMMIT AND CHAIN opens the next transaction at once
        open = open && chains(s) ? s : undefined;
        break;
      case 'abort':
        events.push({ kind: 'rollback', statement: s });
        open = undefined;
        break;
      case 'connect':
        if (open) events.push({ kind: 'connect-inside', statement: s, block: open });
        open = undefined;
        break;
      case 'savepoint':
        break;
      default:
        if (open) events.push({ kind: 'inside', statement: s, block: open });
    }
  }
  if (open) events.push({ kind: 'unterminated', statement: open });
  const only = blocks.length === 1 ? blocks[0] : undefined;
  const wrapped =
    only && only.begin === statements[0] && only.commit === statements[statements.length - 1] && !chains(only.commit);
  return { events, blocks, wrapper: wrapped ? only.begin : undefined };
}
