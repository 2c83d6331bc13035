import { MigrationError } from '../../foundation/errors.js';
import { LineMap, type Statement } from '../../migrations/parse.js';
import type { Script } from '../../model/migration.js';

/** The fields node-postgres copies from a PostgreSQL ErrorResponse. */
export interface PgError extends Error {
  code?: string;
  position?: string;
  detail?: string;
  hint?: string;
  where?: string;
}

export function sqlstate(err: unknown): string | undefined {
  return (err as PgError | undefined)?.code;
}

/**
 * Turns a server error in a statement into a MigrationError at the file, line and column PostgreSQL points to:
 * its `position` is a 1-based character index into the text we sent, where the statement began at `sentAt`.
 */
export function statementError(err: unknown, script: Script, statement: Statement, sentAt = 0): MigrationError {
  const e = err as PgError;
  const pos = Number(e.position) - sentAt;
  const offset = Number.isFinite(pos) && pos > 0 ? statement.offset + pos - 1 : statement.offset;
  const location = new LineMap(script).at(offset);
  const parts = [e.message];
  if (e.detail) parts.push(`detail: ${e.detail}`);
  if (e.where) parts.push(`where: ${e.where}`);
  return new MigrationError(parts.join('; '), {
    location,
    sqlstate: e.code,
    hint: e.hint ?? hintFor(e.code),
    cause: err,
  });
}

/** What to do about the failures migrations hit most. */
function hintFor(code: string | undefined): string | undefined {
  switch (code) {
    case '55P03':
      return 'another session held a conflicting lock longer than lock-timeout; retry when traffic is lower, or find the blocker in pg_stat_activity';
    case '2D000':
      return "a procedure or DO block that commits or rolls back cannot run inside the migration's transaction: put `-- migrate:no-transaction` on the first line so the file runs statement by statement, as psql runs it";
    case '57014':
      return 'the statement ran longer than statement-timeout; raise it for this migration, or make the change in smaller steps';
    case '42P07':
    case '42701':
    case '42710':
      return 'the object already exists: use IF NOT EXISTS, or check whether this migration already ran outside the history table';
    case '23502':
    case '23505':
    case '23514':
    case '23503':
      return 'existing rows violate the new rule: fix the data first (in an earlier migration) or add the constraint as NOT VALID and validate later';
    default:
      return undefined;
  }
}
