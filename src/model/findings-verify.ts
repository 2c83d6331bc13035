import type { FindingKind } from './finding-kind.js';

/** What running the change on scratch databases finds (verify), and what stops a run before anything runs. */
export const VERIFY_FINDINGS = {
  'deployed-apply-failed': {
    area: 'verify',
    severity: 'error',
    title: 'A deployed migration does not apply on an empty database',
    message:
      'verify rebuilds the deployed schema by running the deployed migrations on a scratch database. One of them fails there, so the new migrations could not be checked on top of it.',
    help: 'Make the deployed migrations apply from scratch (a missing extension, a role or data that only production has), or provide that state with seed-file.',
  },
  'blocking-lock': {
    area: 'verify',
    severity: 'warning',
    lock: true,
    title: 'Lock on an existing table',
    message:
      'The statement took a SHARE, EXCLUSIVE or ACCESS EXCLUSIVE lock on a table that existed before its migration, as seen in pg_locks while it ran. Writes (and, under ACCESS EXCLUSIVE, reads too) wait until the migration commits, and the lock itself waits behind any long-running query, holding up everything queued after it.',
    help: 'Keep the statement short on busy tables, or use the non-blocking form (CREATE INDEX CONCURRENTLY; ADD CONSTRAINT … NOT VALID, then VALIDATE CONSTRAINT); lock-timeout bounds the wait.',
  },
  'table-rewrite': {
    area: 'verify',
    severity: 'warning',
    lock: true,
    title: 'Table rewritten',
    message:
      'The statement rewrote a table that existed before its migration (its storage file changed): the whole table is copied under an ACCESS EXCLUSIVE lock, for as long as copying it takes.',
    help: 'Avoid the rewrite (a constant default, a type change PostgreSQL makes in place), or add a new column, backfill it in batches and swap.',
  },
  'not-idempotent': {
    area: 'verify',
    severity: 'warning',
    severityNote: 'idempotency: error, warning or off',
    title: 'Fails, or changes the schema again, when run a second time',
    message:
      'Run a second time, the migration fails or changes the schema again. A migration retried after a partial failure, or run by hand, then breaks.',
    help: 'Make each statement a no-op when its change is already there: IF NOT EXISTS, IF EXISTS, CREATE OR REPLACE.',
  },
  'not-reversible': {
    area: 'verify',
    severity: 'error',
    title: 'The down script does not undo the migration',
    message:
      'Run after the migration, the down script fails, or leaves the schema different from before the migration, or the migration cannot be applied again after it: a rollback in production would not work.',
    help: 'Make the down script undo every change of the up script; the message shows the difference (+ left over after down, - missing, ~ differs).',
  },
  'version-reused': {
    area: 'verify',
    severity: 'error',
    title: 'A new migration reuses a deployed version',
    message:
      'The new migration has the version of a migration present at base-ref: production takes it as applied and never runs it.',
    help: 'Give the migration a new version, later than every deployed one.',
  },
  'deployed-migration-edited': {
    area: 'verify',
    severity: 'error',
    title: 'A deployed migration was edited',
    message:
      'A migration present at base-ref was changed: databases that ran it do not get the edit, and apply refuses the checksum drift.',
    help: 'Revert the edit and put the change in a new migration.',
  },
  'server-side-effect': {
    area: 'verify',
    severity: 'warning',
    title: 'A server-wide change verify could not undo',
    message:
      "Verify's own sessions changed something outside their scratch databases (a role, a database, a tablespace, an ALTER SYSTEM setting) that verify could not put back, or whose change it could not tell from another session's (a setting another session changed too while verify ran; a new role, for a role that is not superuser before PostgreSQL 16), so it was left as it is; a later verify on the same server may fail because of it. What other sessions created meanwhile is never touched, whatever its name.",
    help: 'Remove it by hand, or run verify on a throwaway server (a workflow service container).',
  },
  'restore-drill': {
    area: 'verify',
    severity: 'error',
    title: 'The restore drill failed',
    message:
      "The dump named by restore-drill could not be restored into a scratch database; findings of the migrations applied on it are reported as restore-drill/<id>, with that id's page.",
    help: 'Check the dump (its sha256, the pg_restore version), or the migration the drill names.',
  },
  'transaction-control': {
    area: 'plan',
    severity: 'error',
    title: 'A file that cannot run as written',
    message:
      "The file's transaction control or psql commands cannot run as written (BEGIN without COMMIT, a nested BEGIN, CREATE INDEX CONCURRENTLY inside the file's own BEGIN, an unknown psql meta-command), or would run otherwise than under psql (a DO block or procedure that commits in a transactional file, SET TRANSACTION outside a BEGIN, a client_encoding other than UTF-8; the lint rule differs-from-psql lists them): nothing runs.",
    help: 'Fix the file as the message says; the hint names the change.',
  },
  'checksum-drift': {
    area: 'plan',
    severity: 'error',
    title: 'An applied migration was edited',
    message:
      'The file of an applied migration no longer matches the checksum recorded when it ran: the database does not contain the edit. Nothing runs.',
    help: 'Revert the edit and write a new migration; if the edit changes nothing in the database (a comment, formatting), accept-edited: <version>.',
  },
  'missing-migration': {
    area: 'plan',
    severity: 'error',
    title: "A recorded migration's file is gone",
    message: 'The history table records a migration whose file is not in the folder. Nothing runs.',
    help: 'Restore the file, or delete its history row if the migration was reverted by hand.',
  },
  'dirty-migration': {
    area: 'plan',
    severity: 'error',
    title: 'A migration did not finish',
    message:
      'A migration that runs outside a transaction started and did not finish: the database may hold part of it. No run starts until it is settled.',
    help: 'Look at the database, then resolve-dirty: <version>=applied (you finished it) or =rerun (you undid it).',
  },
  'out-of-order': {
    area: 'plan',
    severity: 'error',
    title: 'A migration older than the newest applied one',
    message:
      'A pending (or, in verify, new) migration sorts before the newest applied (or deployed) one: production would run it out of order, or refuse it.',
    help: 'Rename it to a version after the newest applied one, or set allow-out-of-order: true if running it out of order is safe.',
  },
  'stale-override': {
    area: 'plan',
    severity: 'error',
    title: 'An override that acts on nothing',
    message:
      'accept-edited, resolve-dirty or baseline names nothing to act on. Overrides must not linger, so nothing runs.',
    help: 'Remove the override.',
  },
  'unknown-history-row': {
    area: 'plan',
    severity: 'error',
    title: 'A history row without a readable version',
    message:
      'A row of the history table carries no version this tool can read, so the plan cannot tell whether its migration ran. Nothing runs.',
    help: "Rename the row's migration_name to the migration's file name, or delete the row if it is not a migration.",
  },
} satisfies Record<string, FindingKind>;
