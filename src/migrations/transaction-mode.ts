import { MigrationError, formatLocation } from '../foundation/errors.js';
import { psqlReading, type Divergence } from './psql-divergence.js';
import { beginOptions, leadingTransactionModes, type BeginOptions } from './begin-options.js';
import type { Statement } from './parse.js';
import { transactionControl, type TxEvent } from './transaction-control.js';
import { nodeAs } from './ast-node.js';
import { optionOn } from './options.js';

export type TransactionMode = 'transaction' | 'no-transaction';

export interface ExecutionPlan {
  mode: TransactionMode;
  /** Why the migration runs outside a transaction, for reports. */
  reason?: string;
  /** The statements the runner executes: the file's own BEGIN/COMMIT wrapper is left out in transaction mode. */
  statements: Statement[];
  /** Transaction mode only: the modes the file's own BEGIN asked for, which the runner's BEGIN keeps. */
  begin?: BeginOptions;
  /**
   * Transaction mode only: from this statement on (an index into `statements`), each is sent as a query of its
   * own, as psql sends it, because a setting there changes how the server parses the text after it.
   */
  separateFrom?: number;
}

/** Names a statement that PostgreSQL refuses to run inside a transaction block, or undefined. */
export function cannotRunInTransaction(s: Statement): string | undefined {
  switch (s.kind) {
    case 'IndexStmt':
      return s.node.concurrent ? 'CREATE INDEX CONCURRENTLY' : undefined;
    case 'DropStmt':
      return s.node.concurrent ? 'DROP INDEX CONCURRENTLY' : undefined;
    case 'ReindexStmt': {
      if (optionOn(s.node.params, 'concurrently')) return 'REINDEX CONCURRENTLY';
      const object = s.node.kind ?? '';
      return ['REINDEX_OBJECT_SYSTEM', 'REINDEX_OBJECT_DATABASE', 'REINDEX_OBJECT_SCHEMA'].includes(object)
        ? `REINDEX ${object.slice('REINDEX_OBJECT_'.length)}`
        : undefined;
    }
    case 'VacuumStmt':
      return s.node.is_vacuumcmd ? 'VACUUM' : undefined;
    case 'AlterSystemStmt':
      return 'ALTER SYSTEM';
    case 'CreatedbStmt':
      return 'CREATE DATABASE';
    case 'DropdbStmt':
      return 'DROP DATABASE';
    case 'CreateTableSpaceStmt':
      return 'CREATE TABLESPACE';
    case 'DropTableSpaceStmt':
      return 'DROP TABLESPACE';
    case 'ClusterStmt':
      return s.node.relation ? undefined : 'CLUSTER (all tables)';
    case 'CreateSubscriptionStmt':
      return 'CREATE SUBSCRIPTION';
    case 'DropSubscriptionStmt':
      return 'DROP SUBSCRIPTION';
    case 'DiscardStmt':
      return s.node.target === 'DISCARD_ALL' ? 'DISCARD ALL' : undefined;
    case 'AlterDatabaseStmt':
      return (s.node.options ?? []).some((o) => nodeAs(o, 'DefElem')?.defname === 'tablespace')
        ? 'ALTER DATABASE … SET TABLESPACE'
        : undefined;
    case 'AlterTableStmt':
      return (s.node.cmds ?? []).some((c) => {
        const cmd = nodeAs(c, 'AlterTableCmd');
        return cmd?.subtype === 'AT_DetachPartition' && !!nodeAs(cmd.def, 'PartitionCmd')?.concurrent;
      })
        ? 'DETACH PARTITION CONCURRENTLY'
        : undefined;
    default:
      return undefined;
  }
}

/** Why psql could never run the file as written, at the first event that says so; undefined for a sound one. */
function refusal(e: TxEvent): MigrationError | undefined {
  switch (e.kind) {
    case 'nested-begin':
      return new MigrationError(`BEGIN inside a transaction already opened at line ${e.block.location.line}`, {
        location: e.statement.location,
        hint: 'PostgreSQL ignores a nested BEGIN and the inner COMMIT ends the outer transaction; remove the inner BEGIN/COMMIT',
      });
    case 'stray-commit':
      return new MigrationError('COMMIT without a matching BEGIN', {
        location: e.statement.location,
        hint: 'remove the COMMIT or add BEGIN before the statements it should commit',
      });
    case 'rollback':
      return new MigrationError('a top-level ROLLBACK or prepared transaction in a migration', {
        location: e.statement.location,
        hint: 'a migration must not undo itself; remove the statement (the runner rolls back on failure)',
      });
    case 'connect-inside':
      return new MigrationError(
        `\\connect inside the transaction opened at ${formatLocation(e.block.location)}: psql would roll that transaction back`,
        {
          location: e.statement.location,
          hint: 'move the \\connect before the BEGIN or after the COMMIT',
        },
      );
    case 'unterminated':
      return new MigrationError('BEGIN without COMMIT: the changes would be rolled back when the session ends', {
        location: e.statement.location,
        hint: 'add COMMIT; at the end of the file, or remove the BEGIN and let the runner wrap the migration',
      });
    case 'inside': {
      const blocked = cannotRunInTransaction(e.statement);
      if (!blocked) return undefined;
      return new MigrationError(
        `${blocked} cannot run inside the transaction opened at ${formatLocation(e.block.location)}`,
        {
          location: e.statement.location,
          sqlstate: '25001',
          hint: `remove the file's BEGIN/COMMIT so the migration runs outside a transaction, or move ${blocked} into a migration of its own`,
        },
      );
    }
  }
}

/**
 * Decides how a migration runs. Transactional by default; a file wrapped in its own top-level BEGIN … COMMIT
 * runs as one transaction whose wrapper the runner replaces with its own (so the history row commits with it),
 * keeping the wrapper's modes (isolation level, READ ONLY, DEFERRABLE). A file with statements PostgreSQL
 * refuses inside a transaction, with several transaction blocks of its own, or marked
 * `-- migrate:no-transaction`, runs statement by statement. Files that can never run as written (BEGIN without
 * COMMIT, CONCURRENTLY or \connect inside the file's own BEGIN, a top-level ROLLBACK) are refused, and so are
 * those that would run otherwise than under psql (psqlReading).
 */
export function executionPlan(statements: Statement[], noTransactionDirective: boolean): ExecutionPlan {
  const { plan, divergences } = readPlan(statements, noTransactionDirective);
  const first = divergences[0];
  if (first) throw new MigrationError(first.message, { location: first.statement.location, hint: first.hint });
  return plan;
}

/**
 * The plan, and every place where it would do otherwise than psql (which executionPlan refuses, and lint
 * reports); throws only for transaction control that psql could never run.
 */
export function readPlan(
  statements: Statement[],
  noTransactionDirective: boolean,
): { plan: ExecutionPlan; divergences: Divergence[] } {
  const { plan, wrapped } = planOf(statements, noTransactionDirective);
  const transactional = plan.mode === 'transaction';
  const { divergences, parseSettingAt } = psqlReading(plan.statements, transactional, wrapped);
  return {
    plan: transactional && parseSettingAt !== undefined ? { ...plan, separateFrom: parseSettingAt } : plan,
    divergences,
  };
}

function planOf(statements: Statement[], noTransactionDirective: boolean): { plan: ExecutionPlan; wrapped: boolean } {
  const { events, blocks, wrapper } = transactionControl(statements);
  for (const e of events) {
    const refused = refusal(e);
    if (refused) throw refused;
  }
  const unwrapped = (plan: ExecutionPlan) => ({ plan, wrapped: false });
  if (noTransactionDirective)
    return unwrapped({ mode: 'no-transaction', reason: '-- migrate:no-transaction', statements });
  if (blocks.length > 1 || (blocks.length === 1 && !wrapper)) {
    return unwrapped({ mode: 'no-transaction', reason: 'the file manages its own transactions', statements });
  }
  const blocker = statements.map((s) => ({ s, what: cannotRunInTransaction(s) })).find((x) => x.what);
  if (blocker) {
    return unwrapped({
      mode: 'no-transaction',
      reason: `${blocker.what} at line ${blocker.s.location.line}`,
      statements,
    });
  }
  if (!wrapper) return unwrapped({ mode: 'transaction', statements });
  const inside = statements.slice(1, -1);
  const modes = leadingTransactionModes(inside);
  const begin = beginOptions(wrapper, modes);
  return {
    plan: { mode: 'transaction', statements: inside.slice(modes.length), ...(begin && { begin }) },
    wrapped: true,
  };
}
