import type { FindingKind } from './finding-kind.js';

/** What applying, backing up and restoring report, and the failures of the run itself (input, server, this tool). */
export const APPLY_FINDINGS = {
  'apply-failed': {
    area: 'apply',
    severity: 'error',
    title: 'A migration failed',
    message:
      'A statement of the migration failed (verify runs it on a scratch database first): the migration rolled back whole with its history row, or, run outside a transaction, is left dirty. Migrations after it did not run; earlier ones stay applied and recorded.',
    help: 'Fix the statement at the line given (the SQLSTATE and the hint say why it failed), then run again.',
  },
  cancelled: {
    area: 'apply',
    severity: 'error',
    title: 'The run was cancelled',
    message:
      'SIGINT or SIGTERM (GitHub\'s "Cancel workflow", Ctrl-C) stopped the run: the running statement was cancelled and its migration rolled back (one outside a transaction is left dirty); no further migration started. A cancelled verify also drops its scratch databases and undoes what its migrations changed on the whole server. A cancelled backup or restore stops pg_dump or pg_restore (its whole process group) and ends its server session, so nothing of it stays queued for a lock, and removes the unfinished dump; a run waiting for another run\'s advisory lock stops waiting at once.',
    help: 'Run again when ready; the report lists what was applied before.',
  },
  'lock-lost': {
    area: 'apply',
    severity: 'error',
    title: 'The run lost its advisory lock',
    message:
      "Before a migration started, the session holding the run's advisory lock no longer held it: database-url goes through a pooler in transaction mode (PgBouncer's pool_mode=transaction, Supabase's port 6543, Neon's -pooler hosts), which runs each transaction on whichever server session is free, or the lock's connection was lost (an idle timeout, the network). The migration did not start, so a run that took the lock meanwhile is never raced; earlier ones stay applied and recorded.",
    help: "Use the direct URL or the pooler's session-mode URL; otherwise find what ends idle connections, then run again.",
  },
  'plan-mismatch': {
    area: 'apply',
    severity: 'error',
    title: 'The plan is not the approved one',
    message:
      'The plan made now, on the database the approved plan was made on, differs from expected-plan: a migration was added or edited after approval, or the database moved on (a migration was applied since). Nothing was changed.',
    help: 'Run the plan job again, review the new plan, and approve that one.',
  },
  'plan-target-mismatch': {
    area: 'apply',
    severity: 'error',
    title: 'The plan was approved on another database',
    message:
      "expected-plan names the database its plan was made on (the server's system identifier, the database's oid and name) and this run reached another one: another server (the system identifiers differ), or another database of the same server. A read replica, a pooler or another host name of the same server is the same database. Nothing was changed.",
    help: 'Point the plan job and the apply job at the same database (their database-url), then run the plan job again and approve that plan.',
  },
  'blocking-session': {
    area: 'apply',
    severity: 'warning',
    severityNote: 'preflight: warn or strict',
    lock: true,
    title: 'A session would block the migrations',
    message:
      'Another session holds a lock on a table the pending migrations touch (or ACCESS EXCLUSIVE on any table, which holds up the backup): a migration would wait behind it, and every query behind the migration would wait too.',
    help: 'Let it finish, or end it (SELECT pg_terminate_backend(pid)), before applying; preflight: strict refuses to start while such sessions exist.',
  },
  'health-check-failed': {
    area: 'apply',
    severity: 'error',
    title: 'The health check failed',
    message:
      'The health-check SQL failed, or returned false, after the migrations: the migrations are applied, the application may not work.',
    help: 'Check the application, and restore the backup if the database is not usable.',
  },
  migration: {
    area: 'apply',
    severity: 'error',
    title: 'A migration could not be run',
    message: 'A migration could not be read, parsed or run outside the step that applies migrations: nothing more ran.',
    help: 'Fix the file at the place given, then run again.',
  },
  'plan-check-failed': {
    area: 'apply',
    severity: 'error',
    title: 'The plan check failed',
    message: 'Making the plan again, before anything is changed, failed unexpectedly: nothing was changed.',
    help: 'Read the message; run again with debug output (RUNNER_DEBUG=1, --debug) if it does not say enough.',
  },
  'pre-flight-failed': {
    area: 'apply',
    severity: 'error',
    title: 'The pre-flight check failed',
    message: 'Looking for sessions that would block the migrations failed unexpectedly: nothing was changed.',
    help: 'Read the message; check that the user may read pg_locks and pg_stat_activity, then run again.',
  },
  'cleanup-of-invalid-indexes-failed': {
    area: 'apply',
    severity: 'error',
    title: 'Dropping a leftover invalid index failed',
    message:
      'An invalid index left by an earlier failed CREATE INDEX CONCURRENTLY could not be dropped before the migration that builds it again; no migration ran.',
    help: 'Drop the index by hand (DROP INDEX CONCURRENTLY), then run again.',
  },
  'history-table-failed': {
    area: 'apply',
    severity: 'error',
    title: 'The history table could not be prepared',
    message: 'Creating or adopting the history table failed unexpectedly: no migration ran.',
    help: 'Read the message; check that the user may create and write the history table, then run again.',
  },
  'migrations-failed': {
    area: 'apply',
    severity: 'error',
    title: 'Applying the migrations stopped unexpectedly',
    message:
      'The step that applies the migrations failed outside any one migration; the report lists what was applied before.',
    help: 'Read the message, then run again; each migration either committed with its history row or not at all.',
  },
  'on-failure-failed': {
    area: 'apply',
    severity: 'error',
    title: 'The on-failure step failed',
    message:
      'After a failure, the on-failure step (undo, restore, or keep what applied) itself failed unexpectedly: the database is as the failure left it, less what the notes say was undone.',
    help: 'Look at the database; restore the pre-apply backup by hand if needed (command: restore).',
  },
  'undo-refused': {
    area: 'apply',
    severity: 'error',
    title: 'on-failure: undo could not undo the run',
    message:
      "After a failure, on-failure: undo undoes what the run applied with the down scripts only when every one of them has a down script that can run, and when the failed migration rolled back: a migration that failed outside a transaction (dirty) may have run in part, and undoing the ones before it under it may fail. Otherwise nothing is undone: the run's migrations stay applied and recorded, and the finding names each migration without a usable down script.",
    help: 'Add the missing down scripts (verify checks that they round-trip), or settle the dirty migration with resolve-dirty; meanwhile fix forward. on-failure: undo-or-restore restores the pre-apply backup when undo cannot run.',
  },
  'undo-failed': {
    area: 'apply',
    severity: 'error',
    title: 'A down script failed during on-failure: undo',
    message:
      'on-failure: undo runs the down scripts of the migrations the run applied, newest first, each in one transaction with the removal of its history row. One failed: it rolled back with its row (one outside a transaction may have run in part and keeps its row), and the undo stopped there. The migrations undone before it are gone from the database and the history; that one and those before it stay applied and recorded, as the finding lists.',
    help: 'Fix the down script at the line given; then fix forward with a new migration, or undo by hand, each down script with its history row in one transaction. With undo-or-restore the pre-apply backup is restored next.',
  },
  'backup-failed': {
    area: 'backup',
    severity: 'error',
    title: 'The backup before the migrations failed',
    message:
      'No verified backup could be taken (pg_dump missing or too old, a lock it waited too long for, backup-dir not writable, the artifact upload): no migration was applied.',
    help: 'Fix the cause the message names, or set backup: false deliberately.',
  },
  'post-migration-backup-failed': {
    area: 'backup',
    severity: 'error',
    title: 'The backup after the migrations failed',
    message: 'The migrations are applied and recorded, but the backup after them (post-backup) could not be taken.',
    help: 'Take a backup by hand (command: backup), or fix the cause and run again: there is nothing left to apply.',
  },
  'restore-refused': {
    area: 'backup',
    severity: 'error',
    title: 'The restore was refused',
    message:
      "Restoring would discard what others wrote since the backup (or could not tell), or the target is not the backup's database: nothing was restored.",
    help: 'Check the target and what would be lost; restore-discards-writes: true or restore-to-other-database: true when it is meant.',
  },
  'restore-failed': {
    area: 'backup',
    severity: 'error',
    title: 'The restore failed',
    message:
      'pg_restore failed (an object of another session in the way, a lock it waited too long for); it runs as one transaction, so nothing was restored.',
    help: 'Remove what stopped it, then restore by hand (command: restore).',
  },
  configuration: {
    area: 'input',
    severity: 'error',
    title: 'Bad input',
    message:
      'An input, the migrations folder or a file given cannot be used as it is: nothing was changed. The CLI exits 2.',
    help: 'Fix what the message names.',
  },
  'database-state': {
    area: 'input',
    severity: 'error',
    title: 'The database is not in a state to proceed from',
    message:
      "The database or its history table is not as this run needs it (another tool's history table, another run holding the lock, a lock wait that gave up): nothing was changed.",
    help: 'Do what the message says, then run again.',
  },
  connection: {
    area: 'input',
    severity: 'error',
    title: 'The database cannot be reached',
    message:
      'The connection could not be made, or was lost: each migration either committed with its history row or not at all.',
    help: 'Check database-url, the network and the server, then run again.',
  },
  'database-error': {
    area: 'input',
    severity: 'error',
    title: 'The server refused an operation of the run',
    message:
      'The server refused something outside any migration (creating the history table, reading the catalogs): a missing privilege, a read-only server, a resource that ran out.',
    help: 'Follow the hint for the SQLSTATE: grant the privilege, point at the primary, free the resource.',
  },
  'tool-failed': {
    area: 'input',
    severity: 'error',
    title: 'pg_dump, pg_restore or psql refused',
    message:
      'A PostgreSQL tool the run started exited with an error (a version older than the server, a missing privilege, a lock it could not get, a full disk): the step it served did not complete, and the report says what the run did before.',
    help: "Read the tool's own words in the message and follow the hint, then run again.",
  },
  'internal-error': {
    area: 'internal',
    severity: 'error',
    title: 'An unexpected error',
    message: 'Something this tool did not expect went wrong; the report keeps what was applied.',
    help: 'Run again with debug output (RUNNER_DEBUG=1 in the action, --debug in the CLI) and report it.',
  },
} satisfies Record<string, FindingKind>;
