/** Where in a migration file something happened; line and column are 1-based. */
export interface Location {
  file: string;
  line: number;
  column: number;
}

export function formatLocation(loc: Location): string {
  return `${loc.file}:${loc.line}:${loc.column}`;
}

/** An error made of several problems, one line each, every one saying what is wrong and what to do. */
abstract class ProblemsError extends Error {
  constructor(
    readonly problems: string[],
    options?: { cause?: unknown },
  ) {
    super(problems.join('\n'), options);
  }
}

/**
 * Input the tool cannot work with: configuration, a migrations folder it cannot read, names it cannot order.
 * Nothing has been changed when one is thrown. The CLI exits 2 on it.
 */
export class InputError extends ProblemsError {
  override name = 'InputError';
}

/** A tool this one runs (pg_dump, pg_restore, psql, docker) that exited with an error: its name and what it said last. */
export class ToolError extends Error {
  override name = 'ToolError';
  constructor(
    readonly tool: string,
    readonly exit: string,
    readonly said: string,
  ) {
    super(`${tool} exited with ${exit}: ${said || '(no message)'}`);
  }
}

/** A migration that could not be parsed or applied; carries where, and what this run already did. */
export class MigrationError extends Error {
  override name = 'MigrationError';
  constructor(
    message: string,
    readonly details: {
      location?: Location;
      sqlstate?: string;
      hint?: string;
      cause?: unknown;
    } = {},
  ) {
    super(message, { cause: details.cause });
  }
}

/** The database is not in a state this run may proceed from (drift, dirty, missing, out of order, locked). */
export class StateError extends ProblemsError {
  override name = 'StateError';
}

/**
 * The run was cancelled (SIGINT, SIGTERM) while a step waited or worked: what it started is stopped (a tool's
 * processes and its server session, a query) and nothing after it runs. `reason` is the signal.
 */
export class CancelledError extends Error {
  override name = 'CancelledError';
  constructor(
    readonly reason: string,
    when: string,
    options?: { cause?: unknown },
  ) {
    super(`cancelled (${reason}) ${when}`, options);
  }
}
