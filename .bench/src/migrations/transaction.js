import { MigrationError, formatLocation } from '../errors.js';
/** Names a statement that PostgreSQL refuses to run inside a transaction block, or undefined. */
export function cannotRunInTransaction(s) {
    const n = s.node;
    switch (s.kind) {
        case 'IndexStmt':
            return n.concurrent ? 'CREATE INDEX CONCURRENTLY' : undefined;
        case 'DropStmt':
            return n.concurrent ? 'DROP INDEX CONCURRENTLY' : undefined;
        case 'ReindexStmt': {
            const concurrently = (n.params ?? []).some((p) => p.DefElem?.defname === 'concurrently');
            if (concurrently)
                return 'REINDEX CONCURRENTLY';
            return n.kind === 'REINDEX_OBJECT_SYSTEM' || n.kind === 'REINDEX_OBJECT_DATABASE' ? 'REINDEX DATABASE/SYSTEM' : undefined;
        }
        case 'VacuumStmt':
            return n.is_vacuumcmd ? 'VACUUM' : undefined;
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
            return n.relation ? undefined : 'CLUSTER (all tables)';
        case 'CreateSubscriptionStmt':
            return 'CREATE SUBSCRIPTION';
        case 'AlterTableStmt':
            return (n.cmds ?? []).some((c) => c.AlterTableCmd?.subtype === 'AT_DetachPartition' && c.AlterTableCmd.def?.PartitionCmd?.concurrent)
                ? 'DETACH PARTITION CONCURRENTLY'
                : undefined;
        default:
            return undefined;
    }
}
const OPENS = new Set(['TRANS_STMT_BEGIN', 'TRANS_STMT_START']);
const CLOSES = new Set(['TRANS_STMT_COMMIT']);
const ABORTS = new Set(['TRANS_STMT_ROLLBACK', 'TRANS_STMT_PREPARE', 'TRANS_STMT_COMMIT_PREPARED', 'TRANS_STMT_ROLLBACK_PREPARED']);
function txKind(s) {
    return s.kind === 'TransactionStmt' ? s.node.kind : undefined;
}
/**
 * Decides how a migration runs. Transactional by default; a file wrapped in its own top-level BEGIN … COMMIT
 * runs as one transaction whose wrapper the runner replaces with its own (so the history row commits with it).
 * A file with statements PostgreSQL refuses inside a transaction, with several transaction blocks of its own,
 * or marked `-- migrate:no-transaction`, runs statement by statement. Files that can never run as written
 * (BEGIN without COMMIT, CONCURRENTLY inside the file's own BEGIN, a top-level ROLLBACK) are refused.
 */
export function executionPlan(statements, noTransactionDirective) {
    let depth = 0;
    let opened;
    let blocks = 0;
    for (const s of statements) {
        const k = txKind(s);
        if (k && OPENS.has(k)) {
            if (depth > 0) {
                throw new MigrationError(`BEGIN inside a transaction already opened at line ${opened.location.line}`, {
                    location: s.location,
                    hint: 'PostgreSQL ignores a nested BEGIN and the inner COMMIT ends the outer transaction; remove the inner BEGIN/COMMIT',
                });
            }
            depth = 1;
            opened = s;
        }
        else if (k && CLOSES.has(k)) {
            if (depth === 0) {
                throw new MigrationError('COMMIT without a matching BEGIN', { location: s.location, hint: 'remove the COMMIT or add BEGIN before the statements it should commit' });
            }
            depth = 0;
            blocks++;
        }
        else if (k && ABORTS.has(k)) {
            throw new MigrationError('a top-level ROLLBACK or prepared transaction in a migration', {
                location: s.location,
                hint: 'a migration must not undo itself; remove the statement (the runner rolls back on failure)',
            });
        }
        else if (depth > 0) {
            const blocked = cannotRunInTransaction(s);
            if (blocked) {
                throw new MigrationError(`${blocked} cannot run inside the transaction opened at ${formatLocation(opened.location)}`, {
                    location: s.location,
                    sqlstate: '25001',
                    hint: `remove the file's BEGIN/COMMIT so the migration runs outside a transaction, or move ${blocked} into a migration of its own`,
                });
            }
        }
    }
    if (depth > 0) {
        throw new MigrationError('BEGIN without COMMIT: the changes would be rolled back when the session ends', {
            location: opened.location,
            hint: 'add COMMIT; at the end of the file, or remove the BEGIN and let the runner wrap the migration',
        });
    }
    const wrapped = blocks === 1 && statements.length >= 2 && OPENS.has(txKind(statements[0]) ?? '') && CLOSES.has(txKind(statements[statements.length - 1]) ?? '');
    if (noTransactionDirective)
        return { mode: 'no-transaction', reason: '-- migrate:no-transaction', statements };
    if (blocks > 1 || (blocks === 1 && !wrapped)) {
        return { mode: 'no-transaction', reason: 'the file manages its own transactions', statements };
    }
    const blocker = statements.map((s) => ({ s, what: cannotRunInTransaction(s) })).find((x) => x.what);
    if (blocker) {
        return { mode: 'no-transaction', reason: `${blocker.what} at line ${blocker.s.location.line}`, statements };
    }
    return { mode: 'transaction', statements: wrapped ? statements.slice(1, -1) : statements };
}
