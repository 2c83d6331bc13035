import type { Statement } from '../../migrations/parse.js';
import type { ExecutionPlan } from '../../migrations/transaction-mode.js';
import { MIGRATING_NAMESPACE } from './advisory-lock.js';
import { connect, type Client } from './connect.js';
import { OWN_SESSION_LIMITS, sessionSettings } from './own-session.js';

/**
 * What a new connection starts from, restored on a connection that already ran a migration: the session user
 * and role (SET SESSION AUTHORIZATION DEFAULT also ends SET ROLE), every setting, cursors, prepared statements,
 * LISTEN, session advisory locks, cached plans, sequence caches and temp tables. DISCARD ALL would do the same
 * but may not run inside a transaction block, and these travel in the same simple query as a migration.
 * RESET ALL goes back to the role's and database's settings: our own `settings` follow it at once, so that what
 * comes after runs as ours. The session's own "migrating" lock (see MIGRATING_NAMESPACE) is taken again at once.
 */
function sessionReset(key: number, settings: readonly string[]): readonly string[] {
  return [
    'SET SESSION AUTHORIZATION DEFAULT',
    'RESET ALL',
    ...settings,
    'CLOSE ALL',
    'DEALLOCATE ALL',
    'UNLISTEN *',
    'SELECT pg_catalog.pg_advisory_unlock_all()',
    holdMigratingLock(key),
    'DISCARD SEQUENCES',
    'DISCARD TEMP',
    'DISCARD PLANS',
  ];
}

/**
 * Our own settings of the migrating session, in one statement (see sessionSettings), set when it connects and
 * again after every reset, before any migration runs:
 * - the server's session limits off (see SESSION_LIMITS): the session sits idle between migrations while our own
 *   session writes the history, and inside a transaction while verify looks at what a migration did, and a role's
 *   or database's idle_session_timeout, idle_in_transaction_session_timeout, statement_timeout or
 *   transaction_timeout must not end it then. A migration's own bounds are set with it (lock-timeout,
 *   statement-timeout; see timeoutSteps), and a SET in the file itself governs the rest of that file, as in psql;
 * - if this process vanishes (SIGKILL, a runner that dies) while a migration executes, PostgreSQL 14+ notices the
 *   closed connection within a second (client_connection_check_interval) and aborts the migration instead of
 *   finishing and committing it. Older servers notice only when they next write to the connection, after the
 *   migration's query ends.
 */
const MIGRATING_SESSION_SETTINGS = sessionSettings({ ...OWN_SESSION_LIMITS, client_connection_check_interval: '1000' });

/** Validated integers, never user text. */
const holdMigratingLock = (key: number) =>
  `SELECT pg_catalog.pg_advisory_lock(${MIGRATING_NAMESPACE}, ${Math.trunc(key)})`;

/**
 * Statements that change what new sessions start from. After one, RESET ALL would go back to the defaults this
 * connection started with, not the new ones psql's next session would see: the session is replaced instead.
 */
const CHANGES_SESSION_DEFAULTS = new Set(['AlterDatabaseSetStmt', 'AlterRoleSetStmt']);

/**
 * What a reset leaves behind, as psql's next process would not have it: a module LOADed, a custom setting
 * (`app.tenant`) defined (RESET ALL empties it, and current_setting(…, true) then reads '' instead of NULL), a named
 * dblink connection. Told by the statement and its text (a DO block's body included): a false alarm costs a new
 * connection only.
 */
const LEAVES_SESSION_STATE =
  /\bset_config\s*\(|\bdblink_connect(_u)?\s*\(|\bSET\s+((SESSION|LOCAL)\s+)?"?[a-z_][a-z0-9_$]*"?\."?[a-z_]/i;
const leavesSessionState = (s: Statement) => s.kind === 'LoadStmt' || LEAVES_SESSION_STATE.test(s.sql);

/** Statements whose body may change session defaults where no statement of the file says so (EXECUTE in a DO block). */
const MAY_CHANGE_DEFAULTS = new Set(['DoStmt', 'CallStmt']);

/** What new sessions of this database and user start from (ALTER DATABASE/ROLE … SET), as a hash. */
const SESSION_DEFAULTS = `SELECT pg_catalog.md5(coalesce(pg_catalog.string_agg(s.setdatabase || ':' || s.setrole || ':' || s.setconfig::text, ',' ORDER BY s.setdatabase, s.setrole), '')) AS h
  FROM pg_catalog.pg_db_role_setting s
 WHERE s.setdatabase IN (0, (SELECT oid FROM pg_catalog.pg_database WHERE datname = pg_catalog.current_database()))
   AND s.setrole IN (0, (SELECT oid FROM pg_catalog.pg_roles WHERE rolname = session_user))`;

/**
 * The connection migrations run on, as fresh for each one as psql -f's own process: reset after every
 * migration, replaced after a failure (whatever state the failed attempt left) and after a migration that
 * changed session defaults. A cheap reset per migration instead of a connection per migration keeps a run of
 * hundreds of small migrations close to one psql session.
 */
export class MigrationSession {
  private stale = false;
  /** The last migration ran a DO block or a procedure: whether it changed the session defaults is asked first. */
  private unsure = false;
  /** SESSION_DEFAULTS when this connection started. */
  private defaults?: string;
  /** The statements that make this session fresh again. */
  readonly reset: readonly string[];

  private constructor(
    private readonly url: string,
    private readonly key: number,
    private current: Client,
    /** Our own session settings, set again after every reset. */
    readonly settings: readonly string[],
  ) {
    this.reset = sessionReset(key, settings);
  }

  /**
   * A session for the run that holds the advisory lock `key`. As long as it lives it holds the "migrating" lock
   * too, so a run whose process died while its migration was still executing on the server keeps the next run
   * waiting until that migration has ended, not only until the lock's own session noticed the death.
   */
  static async open(url: string, key: number): Promise<MigrationSession> {
    const client = await connect(url);
    const settings = [MIGRATING_SESSION_SETTINGS];
    try {
      await client.query([...settings, holdMigratingLock(key)].join(';\n'));
    } catch (err) {
      await client.end().catch(() => {});
      throw err;
    }
    return new MigrationSession(url, key, client, settings);
  }

  /** The connection the next migration runs on: a new one if the last left anything behind. */
  async client(): Promise<Client> {
    if (this.unsure && !this.stale)
      this.stale = (await this.current.query(SESSION_DEFAULTS)).rows[0].h !== this.defaults;
    this.unsure = false;
    this.defaults ??= (await this.current.query(SESSION_DEFAULTS)).rows[0].h;
    if (this.stale) {
      await this.current.end().catch(() => {});
      this.current = await connect(this.url);
      await this.current.query([...this.settings, holdMigratingLock(this.key)].join(';\n'));
      this.stale = false;
      this.defaults = (await this.current.query(SESSION_DEFAULTS)).rows[0].h;
    }
    return this.current;
  }

  /**
   * The connection may carry state a reset does not clear (a failed attempt's aborted transaction, which still
   * holds its locks): it is closed now, and the next migration gets a new one.
   */
  async replace(): Promise<void> {
    this.stale = true;
    await this.current.end().catch(() => {});
  }

  /** After a migration ran to its end: replace the connection if the reset cannot make it fresh. */
  finished(exec: ExecutionPlan): void {
    if (exec.statements.some((s) => CHANGES_SESSION_DEFAULTS.has(s.kind) || leavesSessionState(s))) this.stale = true;
    else if (exec.statements.some((s) => MAY_CHANGE_DEFAULTS.has(s.kind))) this.unsure = true;
  }

  async close(): Promise<void> {
    await this.current.end().catch(() => {});
  }
}
