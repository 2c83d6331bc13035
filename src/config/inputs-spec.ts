/**
 * Every input, key for key as in action.yml, with its default. The action, the CLI and the docs test all read
 * this one list; a test fails when action.yml or the README's table drifts from it.
 */
export const INPUTS = {
  command: 'verify',
  'migrations-dir': 'migrations',
  'database-url': '',
  'history-table': 'schema_migrations',
  'lock-timeout': '200ms',
  'statement-timeout': 'off',
  'lock-retries': '100',
  'lock-wait': '60s',
  'allow-out-of-order': 'false',
  baseline: '',
  'accept-edited': '',
  'resolve-dirty': '',
  'base-ref': '',
  'postgres-version': '',
  'disable-rules': '',
  'fail-on': 'error',
  checks: 'all',
  idempotency: 'warning',
  'seed-file': '',
  'github-token': '${{ github.token }}',
  comment: 'true',
  'sarif-file': '',
  'backup-dir': '',
  'pg-dump-path': '',
  'pg-dump-docker': 'auto',
  'backup-lock-timeout': '30s',
  'artifact-name': '',
  'retention-days': '',
  'backup-file': '',
  'backup-artifact': '',
  'backup-run-id': '',
  'backup-recipient': '',
  'backup-identity': '',
  'restore-drill': '',
  environment: '',
  'allow-ungated': 'false',
  'expected-plan': '',
  preflight: 'warn',
  backup: 'true',
  'health-check': '',
  'post-backup': 'true',
  'on-failure': 'rollback',
  'restore-discards-writes': 'false',
  'restore-to-other-database': 'false',
} as const;

export type InputName = keyof typeof INPUTS;

/** Raw values as read from the action's inputs or the CLI's flags, before validation. */
export type RawConfig = Partial<Record<InputName, string>>;


export const CHECKS = ['apply', 'idempotency', 'reversibility', 'locks', 'lint'] as const;
export type Check = (typeof CHECKS)[number];
