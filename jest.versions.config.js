import base from './jest.config.js';

/**
 * The tests whose outcome depends on the PostgreSQL major, run once per major by `npm run test:versions`
 * (__tests__/harness/each-major.mjs, which sets PG_MAJOR). The whole suite runs on the system's major and on the
 * newest; these cover the others. A path that does not exist yet matches nothing and fails nothing.
 */
const versionSensitive = [
  // Locks, lock_timeout and pg_blocking_pids; the session reset and client_connection_check_interval (14+).
  'db/locks',
  'db/session',
  // Role and database session limits (idle_session_timeout 14+, transaction_timeout 17+) on our own sessions.
  'db/session-limits',
  // What the server's parser accepts (JSON_TABLE 17+, CREATE OR REPLACE TRIGGER 14+), error positions, timeouts.
  'db/engine-edges',
  'db/differential',
  'db/apply',
  // Other tools' history tables, read and written in place.
  'db/history-adapters',
  'db/history-row',
  // Scratch databases (STRATEGY FILE_COPY 15+, DROP DATABASE … WITH (FORCE)), the lock trace, rewrites, server objects.
  'verify/verify',
  'verify/server-effects',
  // What verify's own sessions created (pg_auth_members' grantor for a non-superuser's roles, 16+).
  'verify/ownership',
  // lint's version rules, against the server's own major when postgres-version is not set.
  'lint/lint',
  // pg_dump and pg_restore against the server's major; the restore guard's statistics (asynchronous before 15)
  // and transaction ids (pg_current_snapshot 13+); pre-flight reads of pg_locks and pg_stat_activity.
  'backup/backup',
  'backup/docker-pg-dump',
  'backup/bounded-waits',
  'backup/restore-guard',
  'gate/on-failure-restore',
  'gate/apply-order',
];

/**
 * What psql -f does with each file (postfix operators on 13), and random session-changing statements: on the
 * oldest and the newest major (the whole suite covers the system's), where the server's behaviour differs most.
 */
const edges = ['13', '18'].includes(process.env.PG_MAJOR ?? '') ? ['db/psql-fidelity', 'db/session-fuzz'] : [];

export default {
  ...base,
  testMatch: [...versionSensitive, ...edges].map((name) => `<rootDir>/__tests__/${name}.test.ts`),
};
