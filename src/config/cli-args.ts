import { hostname, userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { InputError } from '../errors.js';
import { INPUTS, type InputName, type RawConfig } from './inputs-spec.js';

export interface CliArgs {
  raw: RawConfig;
  format: 'text' | 'json' | 'markdown';
  reportPath?: string;
  files: string[];
  help: boolean;
  /** Apply or restore without asking. */
  yes: boolean;
  /** Stack traces of unexpected errors in the report. */
  debug: boolean;
  appliedBy: string;
}

/** The options part of the CLI's --help: every input of the action, as a flag (a test keeps them in step). */
export const OPTIONS_USAGE = `Options (the same as the action's inputs):
  --migrations-dir <dir>        folder of .sql migrations (default: migrations)
  --database-url <url>          target database (default: $DATABASE_URL; none: a throwaway local server)
  --history-table <name>        history table, may be schema-qualified; "Quoted" keeps case (default: schema_migrations)
  --lock-timeout <duration>     lock_timeout for each attempt of a migration, or off (default: 200ms)
  --statement-timeout <dur>     statement_timeout for each migration, or off (default: off)
  --lock-retries <n>            at most this many retries after lock timeouts, within lock-wait (default: 100)
  --lock-wait <duration>        how long to wait for another run's lock, and to retry after lock timeouts (default: 60s)
  --allow-out-of-order          run pending migrations older than the newest applied one
  --baseline <version>          record migrations up to <version> as applied on a database without history
  --accept-edited <versions>    accept edits of applied migrations (comma-separated versions)
  --resolve-dirty <v>=rerun|applied   settle a half-applied non-transactional migration
  --base-ref <ref>              the change is what differs from this git ref (lint scope, verify's deployed/new split)
  --postgres-version <major>    PostgreSQL version the migrations target (default: the server's, else newest)
  --disable-rules <ids>         lint rules to turn off (comma-separated)
  --fail-on error|warning|never the lowest lint severity that fails (default: error)
  --checks <list>               verify checks: all, or some of apply, idempotency, reversibility, locks, lint
  --idempotency error|warning|off   how a migration that cannot be re-run is reported (default: warning)
  --seed-file <file>            SQL or custom-format dump loaded before the new migrations (verify)
  --restore-drill <dump>        verify: restore this dump into a scratch database and apply the pending migrations
  --github-token <token>        GitHub token (the action's PR comment, environment and artifact reads)
  --comment true|false          the action's living pull request comment (default: true)
  --sarif-file <file>           also write the findings as SARIF 2.1.0
  --backup true|false           apply: take a verified backup first (default: true)
  --post-backup true|false      apply: take a backup after a successful apply (default: true)
  --backup-dir <dir>            where backups are written (default: ./backups)
  --backup-lock-timeout <dur>   how long pg_dump and pg_restore wait for a table lock, or off (default: 30s)
  --pg-dump-path <path>         a pg_dump binary, or the folder holding pg_dump and pg_restore
  --pg-dump-docker <mode>       the postgres:<major> image's pg_dump: auto (when none installed is new enough; default), true, false
  --backup-recipient <keys>     age public keys the backup is encrypted to
  --backup-identity <key>       the age identity that decrypts an encrypted backup (restore)
  --artifact-name <name>        the backup artifact's name (in GitHub Actions)
  --retention-days <n>          how long the backup artifact is kept (in GitHub Actions)
  --backup-file <dump>          restore: the dump to restore (its .json beside it)
  --backup-artifact <name>      restore: the artifact to restore (in GitHub Actions)
  --backup-run-id <id>          restore: the run whose artifact to restore
  --restore-discards-writes true|false   restore even when others wrote since the backup (their writes are lost)
  --restore-to-other-database true|false restore onto a database the backup was not taken from
  --health-check <sql>          apply: SQL that must succeed (and return true) after the migrations
  --on-failure rollback|undo|restore|undo-or-restore
                                apply: after a failure, keep what applied, undo it with the down scripts,
                                restore the pre-apply backup, or undo and restore when undo cannot run
  --preflight warn|strict       apply: report sessions that would block the migrations, or refuse to start
  --expected-plan <hash>        apply: refuse unless the plan is this approved one
  --environment <name>          the action's protected environment (apply, restore); the CLI asks instead
  --allow-ungated true|false    the action: apply or restore without proof of a protected environment
  --format text|json|markdown   output format (default: text)
  --report-path <file>          also write the JSON report to this file
  -y, --yes                     apply or restore without asking (needed when there is no terminal)
  --debug                       put stack traces of unexpected errors in the report
  -h, --help                    show this help

Exit codes: 0 success, 1 failed, 2 usage or configuration error, 130 cancelled (SIGINT, SIGTERM).`;

/** Inputs that are plain switches on the command line (--allow-out-of-order); the others take a value. */
const BOOLEAN_FLAGS = new Set<InputName>(['allow-out-of-order']);

/** Parses argv (without node and script) into the same raw config the action reads from its inputs. */
export function parseCliArgs(argv: string[], env: NodeJS.ProcessEnv): CliArgs {
  const options = Object.fromEntries(
    (Object.keys(INPUTS) as InputName[])
      .filter((n) => n !== 'command')
      .map((n) => [n, { type: BOOLEAN_FLAGS.has(n) ? ('boolean' as const) : ('string' as const) }]),
  );
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { ...options, format: { type: 'string' }, 'report-path': { type: 'string' }, help: { type: 'boolean', short: 'h' }, yes: { type: 'boolean', short: 'y' }, debug: { type: 'boolean' } },
    });
  } catch (err) {
    throw new InputError([`${(err as Error).message}; run pg-migration-gate --help`], { cause: err });
  }
  const { positionals } = parsed;
  const values = parsed.values as Record<string, string | boolean | undefined>;
  const raw: RawConfig = { command: positionals[0] ?? '' };
  for (const name of Object.keys(options) as InputName[]) {
    const v = values[name];
    if (v !== undefined) raw[name] = String(v);
  }
  raw['database-url'] ??= env.DATABASE_URL;
  const format = (values.format as string | undefined) ?? 'text';
  if (format !== 'text' && format !== 'json' && format !== 'markdown') throw new InputError([`--format: '${format}' must be text, json or markdown`]);
  return {
    raw,
    format,
    reportPath: values['report-path'] as string | undefined,
    files: positionals.slice(1),
    help: values.help === true || positionals.length === 0,
    yes: values.yes === true,
    debug: values.debug === true,
    appliedBy: `cli:${userInfo().username}@${hostname()}`,
  };
}
