import { MigrationError } from '../foundation/errors.js';
import type { Statement } from './parse.js';
import { nodeAs, nodesOf, type Node } from './ast-node.js';

export type Isolation = 'SERIALIZABLE' | 'REPEATABLE READ' | 'READ COMMITTED' | 'READ UNCOMMITTED';

/** What a file's own BEGIN asks of its transaction, and a BEGIN that asks the same. */
export interface BeginOptions {
  isolation?: Isolation;
  readOnly?: boolean;
  deferrable?: boolean;
  /** `BEGIN ISOLATION LEVEL SERIALIZABLE, READ ONLY, DEFERRABLE`: built from the values above, never the file's text. */
  sql: string;
}

const ISOLATIONS: Record<string, Isolation> = {
  serializable: 'SERIALIZABLE',
  'repeatable read': 'REPEATABLE READ',
  'read committed': 'READ COMMITTED',
  'read uncommitted': 'READ UNCOMMITTED',
};

/** READ ONLY and DEFERRABLE arrive as integer constants, 1 or 0 (an empty ival). */
const flag = (arg: Node | undefined) => nodeAs(arg, 'A_Const')?.ival?.ival === 1;

/**
 * The transaction modes of a BEGIN / START TRANSACTION, read from its AST; undefined when it has none. As in
 * PostgreSQL, a mode given twice takes its last value.
 */
export function beginOptions(begin: Statement, then: Statement[] = []): BeginOptions | undefined {
  const modes = nodesOf(
    [begin, ...then].flatMap(
      (s) =>
        (s.kind === 'TransactionStmt' ? s.node.options : s.kind === 'VariableSetStmt' ? s.node.args : undefined) ?? [],
    ),
    'DefElem',
  );
  if (!modes.length) return undefined;
  const o: Omit<BeginOptions, 'sql'> = {};
  for (const m of modes) {
    if (m.defname === 'transaction_isolation') {
      const level = (nodeAs(m.arg, 'A_Const')?.sval?.sval ?? '').toLowerCase();
      o.isolation = ISOLATIONS[level] ?? unknownMode(begin, `ISOLATION LEVEL ${level}`);
    } else if (m.defname === 'transaction_read_only') o.readOnly = flag(m.arg);
    else if (m.defname === 'transaction_deferrable') o.deferrable = flag(m.arg);
    else unknownMode(begin, m.defname ?? '');
  }
  const parts = [
    o.isolation && `ISOLATION LEVEL ${o.isolation}`,
    o.readOnly !== undefined && (o.readOnly ? 'READ ONLY' : 'READ WRITE'),
    o.deferrable !== undefined && (o.deferrable ? 'DEFERRABLE' : 'NOT DEFERRABLE'),
  ].filter(Boolean);
  return { ...o, sql: `BEGIN ${parts.join(', ')}` };
}

/**
 * The `SET TRANSACTION …` statements right after a file's BEGIN: the same modes as BEGIN's own, and valid only
 * before the transaction's first query. Our own queries run first in that transaction (the lock fence, the write
 * counters), so they are folded into our BEGIN, where they mean what they meant in psql.
 */
export function leadingTransactionModes(statements: Statement[]): Statement[] {
  const n = statements.findIndex(
    (s) => !(s.kind === 'VariableSetStmt' && s.node.kind === 'VAR_SET_MULTI' && s.node.name === 'TRANSACTION'),
  );
  return statements.slice(0, n === -1 ? statements.length : n);
}

/** The grammar allows no other mode today; one added later must not be dropped silently. */
function unknownMode(begin: Statement, what: string): never {
  throw new MigrationError(`BEGIN with a transaction mode pg-migration-gate does not know (${what})`, {
    location: begin.location,
    hint: 'remove the mode, or run the migration without its own BEGIN/COMMIT',
  });
}
