import type { Command } from '../model/commands.js';

/**
 * The jobs the inputs are grouped by, in this order, in action.yml, the README and the CLI's help: the few a team
 * must set, then the pull request check, the backup, the gated apply, and what most teams never touch.
 */
export const INPUT_GROUPS = {
  essential: 'Set these',
  'pr-check': 'The pull request check (lint, verify)',
  backup: 'Backup and restore',
  apply: 'The gated apply (plan, apply)',
  advanced: 'Advanced',
} as const;
export type InputGroup = keyof typeof INPUT_GROUPS;

interface InputSpec {
  /** The value when the input is empty or absent. */
  default: string;
  group: InputGroup;
  /** The commands that read it: the CLI takes it as a flag of these only, and their --help lists it. */
  commands: readonly Command[];
  /** The flag's value as the CLI's help shows it; absent for a switch (--allow-out-of-order). */
  value?: string;
  /** One line for the CLI's help. */
  help: string;
}

const ALL: readonly Command[] = ['lint', 'verify', 'plan', 'apply', 'backup', 'restore'];
const FOLDER: readonly Command[] = ['lint', 'verify', 'plan', 'apply'];

/**
 * Every input, key for key and in the order of action.yml, with its default. The action, the CLI and the docs
 * test all read this one list; a test fails when action.yml or the README's tables drift from it.
 */
export const INPUT_SPECS = {
  command: {
    default: 'verify',
    group: 'essential',
    commands: [],
    help: 'lint, verify, plan, apply, backup or restore',
  },
  'migrations-dir': {
    default: 'migrations',
    group: 'essential',
    commands: FOLDER,
    value: '<dir>',
    help: 'folder of .sql migrations (default: migrations)',
  },
  'database-url': {
    default: '',
    group: 'essential',
    commands: ALL,
    value: '<url>',
    help: "target database (default: $DATABASE_URL; none: a throwaway local server); lint only reads its server's version",
  },
  environment: {
    default: '',
    group: 'essential',
    commands: ['apply', 'restore'],
    value: '<name>',
    help: "the action's protected environment (apply, restore); the CLI asks instead",
  },

  'base-ref': {
    default: '',
    group: 'pr-check',
    commands: ['lint', 'verify'],
    value: '<ref>',
    help: "the change is what differs from this git ref (lint scope, verify's deployed/new split)",
  },
  checks: {
    default: 'all',
    group: 'pr-check',
    commands: ['verify'],
    value: '<list>',
    help: 'verify checks: all, or some of apply, idempotency, reversibility, locks, lint',
  },
  'fail-on': {
    default: 'error',
    group: 'pr-check',
    commands: ['lint', 'verify'],
    value: 'error|warning|never',
    help: 'the lowest lint severity that fails (default: error)',
  },
  'disable-rules': {
    default: '',
    group: 'pr-check',
    commands: ['lint', 'verify'],
    value: '<ids>',
    help: 'lint rules to turn off (comma-separated)',
  },
  idempotency: {
    default: 'warning',
    group: 'pr-check',
    commands: ['verify'],
    value: 'error|warning|off',
    help: 'how a migration that cannot be re-run is reported (default: warning)',
  },
  'seed-file': {
    default: '',
    group: 'pr-check',
    commands: ['verify'],
    value: '<file>',
    help: 'SQL or custom-format dump loaded before the new migrations',
  },
  'github-token': {
    default: '${{ github.token }}',
    group: 'pr-check',
    commands: ['restore'],
    value: '<token>',
    help: "GitHub token (the action's PR comment, environment and artifact reads)",
  },
  comment: {
    default: 'true',
    group: 'pr-check',
    commands: [],
    value: 'true|false',
    help: "the action's living pull request comment (default: true)",
  },
  'sarif-file': {
    default: '',
    group: 'pr-check',
    commands: ALL,
    value: '<file>',
    help: 'also write the findings as SARIF 2.1.0',
  },

  'backup-dir': {
    default: '',
    group: 'backup',
    commands: ['apply', 'backup'],
    value: '<dir>',
    help: 'where backups are written (default: ./backups)',
  },
  'pg-dump-path': {
    default: '',
    group: 'backup',
    commands: ['verify', 'apply', 'backup', 'restore'],
    value: '<path>',
    help: 'a pg_dump binary, or the folder holding pg_dump and pg_restore',
  },
  'backup-recipient': {
    default: '',
    group: 'backup',
    commands: ['apply', 'backup'],
    value: '<keys>',
    help: 'age public keys the backup is encrypted to',
  },
  'artifact-name': {
    default: '',
    group: 'backup',
    commands: ['apply', 'backup'],
    value: '<name>',
    help: "the backup artifact's name (in GitHub Actions)",
  },
  'retention-days': {
    default: '',
    group: 'backup',
    commands: ['apply', 'backup'],
    value: '<n>',
    help: 'how long the backup artifact is kept (in GitHub Actions)',
  },
  'backup-file': {
    default: '',
    group: 'backup',
    commands: ['restore'],
    value: '<dump>',
    help: 'the dump to restore (its .json beside it)',
  },
  'backup-artifact': {
    default: '',
    group: 'backup',
    commands: ['restore'],
    value: '<name>',
    help: 'the artifact to restore (in GitHub Actions)',
  },
  'backup-run-id': {
    default: '',
    group: 'backup',
    commands: ['restore'],
    value: '<id>',
    help: 'the run whose artifact to restore',
  },
  'backup-identity': {
    default: '',
    group: 'backup',
    commands: ['verify', 'restore'],
    value: '<key>',
    help: 'the age identity that decrypts an encrypted backup',
  },
  'restore-drill': {
    default: '',
    group: 'backup',
    commands: ['verify'],
    value: '<dump>',
    help: 'restore this dump into a scratch database and apply the pending migrations',
  },

  'expected-plan': {
    default: '',
    group: 'apply',
    commands: ['apply'],
    value: '<hash>',
    help: 'refuse unless the plan is this approved one',
  },
  backup: {
    default: 'true',
    group: 'apply',
    commands: ['apply'],
    value: 'true|false',
    help: 'take a verified backup first (default: true)',
  },
  'post-backup': {
    default: 'true',
    group: 'apply',
    commands: ['apply'],
    value: 'true|false',
    help: 'take a backup after a successful apply (default: true)',
  },
  'on-failure': {
    default: 'rollback',
    group: 'apply',
    commands: ['apply'],
    value: 'rollback|undo|restore|undo-or-restore',
    help: 'after a failure: keep what applied, undo it with the down scripts, restore the pre-apply backup, or undo and restore when undo cannot run',
  },
  'health-check': {
    default: '',
    group: 'apply',
    commands: ['apply'],
    value: '<sql>',
    help: 'SQL that must succeed (and return true) after the migrations',
  },
  'lock-timeout': {
    default: '200ms',
    group: 'apply',
    commands: ['verify', 'apply'],
    value: '<duration>',
    help: 'lock_timeout for each attempt of a migration, or off (default: 200ms)',
  },
  'lock-wait': {
    default: '60s',
    group: 'apply',
    commands: ['verify', 'apply'],
    value: '<duration>',
    help: "how long to wait for another run's lock, and to retry after lock timeouts (default: 60s)",
  },
  preflight: {
    default: 'warn',
    group: 'apply',
    commands: ['apply'],
    value: 'warn|strict',
    help: 'report sessions that would block the migrations, or refuse to start',
  },

  'history-table': {
    default: 'schema_migrations',
    group: 'advanced',
    commands: ALL,
    value: '<name>',
    help: 'history table, may be schema-qualified; "Quoted" keeps case (default: schema_migrations)',
  },
  'statement-timeout': {
    default: 'off',
    group: 'advanced',
    commands: ['verify', 'apply'],
    value: '<duration>',
    help: 'statement_timeout for each migration, or off (default: off)',
  },
  'lock-retries': {
    default: '100',
    group: 'advanced',
    commands: ['verify', 'apply'],
    value: '<n>',
    help: 'at most this many retries after lock timeouts, within lock-wait (default: 100)',
  },
  'allow-empty': {
    default: 'false',
    group: 'advanced',
    commands: FOLDER,
    help: 'a migrations folder with no migrations is not an error (a project that has none yet)',
  },
  'allow-out-of-order': {
    default: 'false',
    group: 'advanced',
    commands: ['verify', 'plan', 'apply'],
    help: 'run pending migrations older than the newest applied one',
  },
  baseline: {
    default: '',
    group: 'advanced',
    commands: ['verify', 'plan', 'apply'],
    value: '<version>',
    help: 'record migrations up to <version> as applied on a database without history',
  },
  'accept-edited': {
    default: '',
    group: 'advanced',
    commands: ['verify', 'plan', 'apply'],
    value: '<versions>',
    help: 'accept edits of applied migrations (comma-separated versions)',
  },
  'resolve-dirty': {
    default: '',
    group: 'advanced',
    commands: ['verify', 'plan', 'apply'],
    value: '<v>=rerun|applied',
    help: 'settle a half-applied non-transactional migration',
  },
  'postgres-version': {
    default: '',
    group: 'advanced',
    commands: ['lint', 'verify'],
    value: '<major>',
    help: "PostgreSQL version the migrations target (default: the server's, else newest)",
  },
  'pg-dump-docker': {
    default: 'auto',
    group: 'advanced',
    commands: ['apply', 'backup'],
    value: 'auto|true|false',
    help: "the postgres:<major> image's pg_dump: auto (when none installed is new enough), true, false",
  },
  'backup-lock-timeout': {
    default: '30s',
    group: 'advanced',
    commands: ['apply', 'backup', 'restore'],
    value: '<duration>',
    help: 'how long pg_dump and pg_restore wait for a table lock, or off (default: 30s)',
  },
  'restore-discards-writes': {
    default: 'false',
    group: 'advanced',
    commands: ['apply', 'restore'],
    value: 'true|false',
    help: 'restore even when others wrote since the backup (their writes are lost)',
  },
  'restore-to-other-database': {
    default: 'false',
    group: 'advanced',
    commands: ['restore'],
    value: 'true|false',
    help: 'restore onto a database the backup was not taken from',
  },
  'allow-ungated': {
    default: 'false',
    group: 'advanced',
    commands: ['apply', 'restore'],
    value: 'true|false',
    help: 'the action: apply or restore without proof of a protected environment',
  },
} as const satisfies Record<string, InputSpec>;

export type InputName = keyof typeof INPUT_SPECS;

/** Every input's default, by name. */
export const INPUTS = Object.fromEntries(
  Object.entries(INPUT_SPECS).map(([name, spec]) => [name, spec.default]),
) as Record<InputName, string>;

/** The spec of an input, typed as every spec is. */
export const inputSpec = (name: InputName): InputSpec => INPUT_SPECS[name];

/** Raw values as read from the action's inputs or the CLI's flags, before validation. */
export type RawConfig = Partial<Record<InputName, string>>;

export const CHECKS = ['apply', 'idempotency', 'reversibility', 'locks', 'lint'] as const;
export type Check = (typeof CHECKS)[number];
