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
  appliedBy: string;
}

export const USAGE = `Usage: pg-migration-gate <command> [options]

Commands:
  lint      lint the migrations folder, or the .sql files given: pg-migration-gate lint a.sql b.sql
  plan      show what apply would do (read-only) and the plan hash
  apply     apply pending migrations under an advisory lock, recording each in the history table
  verify    run the new migrations on scratch databases: apply, re-run, down/up round trip, observed locks
  backup, restore   (see the README for availability)

Options (the same as the action's inputs):
  --migrations-dir <dir>        folder of .sql migrations (default: migrations)
  --database-url <url>          target database (default: $DATABASE_URL; none: a throwaway local server)
  --history-table <name>        history table, may be schema-qualified (default: schema_migrations)
  --lock-timeout <duration>     lock_timeout for each migration (default: 5s)
  --statement-timeout <dur>     statement_timeout for each migration (default: 0 = none)
  --lock-retries <n>            retries after a lock timeout (default: 3)
  --lock-wait <duration>        how long to wait for another run's lock (default: 60s)
  --allow-out-of-order          run pending migrations older than the newest applied one
  --baseline <version>          record migrations up to <version> as applied on a database without history
  --accept-edited <versions>    accept edits of applied migrations (comma-separated versions)
  --resolve-dirty <v>=rerun|applied   settle a half-applied non-transactional migration
  --base-ref <ref>              lint only migrations added or changed since this git ref
  --postgres-version <major>    PostgreSQL version the migrations target (default: the server's, else newest)
  --disable-rules <ids>         lint rules to turn off (comma-separated)
  --fail-on error|warning|never the lowest lint severity that fails (default: error)
  --checks <list>               verify checks: all, or some of apply, idempotency, reversibility, locks, lint
  --idempotency error|warning|off   how a migration that cannot be re-run is reported (default: warning)
  --seed-file <file>            SQL or custom-format dump loaded before the new migrations (verify)
  --format text|json|markdown   output format (default: text)
  --sarif-file <file>           also write the findings as SARIF 2.1.0
  --report-path <file>          also write the JSON report to this file
  -y, --yes                     apply or restore without asking (needed when there is no terminal)
  -h, --help                    show this help

Exit codes: 0 success, 1 failed, 2 usage or configuration error.`;

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
      options: { ...options, format: { type: 'string' }, 'report-path': { type: 'string' }, help: { type: 'boolean', short: 'h' }, yes: { type: 'boolean', short: 'y' } },
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
    appliedBy: `cli:${userInfo().username}@${hostname()}`,
  };
}
