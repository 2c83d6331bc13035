import { InputError } from '../foundation/errors.js';
import { databaseUrl as readDatabaseUrl } from './database-url.js';
import { parseRecipients } from './recipients.js';
import { parseDuration, type DurationKind } from './duration.js';
import { parseTableName, type TableName } from './history-table.js';
import { COMMANDS, type Command } from '../model/commands.js';
import { planHashProblem } from '../migrations/plan-hash.js';
import { CHECKS, INPUTS, type Check, type InputName, type RawConfig } from './inputs-spec.js';

export interface Config {
  command: Command;
  migrationsDir: string;
  /** Absent: the CLI starts a throwaway server. */
  databaseUrl?: string;
  historyTable: TableName;
  /** 0 means no limit (`off`). */
  lockTimeoutMs: number;
  /** 0 means no limit (`off`). */
  statementTimeoutMs: number;
  lockRetries: number;
  /** 0 means a single try. */
  lockWaitMs: number;
  /** How long pg_dump and pg_restore wait for a lock; 0 means no limit (`off`). */
  backupLockTimeoutMs: number;
  /** The timeout inputs set to `off`, which the run reports. */
  timeoutsOff: InputName[];
  allowOutOfOrder: boolean;
  /** A migrations folder with no migrations is not an error. */
  allowEmpty: boolean;
  /** Record migrations up to this version as applied on a database that has schema but no history. */
  baseline?: string;
  /** Versions whose edited files are accepted: their recorded checksum is replaced by the file's. */
  acceptEdited: string[];
  /** A dirty (half-applied, non-transactional) migration the operator has dealt with by hand. */
  resolveDirty?: { version: string; as: 'rerun' | 'applied' };
  /** Git ref the change is compared with (lint scope); on a pull request, its base branch. */
  baseRef?: string;
  /** PostgreSQL major version the migrations target; undefined: the server's, else the newest. */
  postgresVersion?: number;
  disabledRules: string[];
  /** The lowest severity that fails the run. */
  failOn: 'error' | 'warning' | 'never';
  /** The verify checks to run. */
  checks: Set<Check>;
  /** What a migration that cannot be re-run is: a failure, a warning, or not checked. */
  idempotency: 'error' | 'warning' | 'off';
  /** SQL or a custom-format dump loaded before the new migrations run (verify). */
  seedFile?: string;
  /** Token for the pull request comment; unset outside GitHub. */
  githubToken?: string;
  /** Keep one living comment on the pull request. */
  comment: boolean;
  /** Where to write the findings as SARIF. */
  sarifFile?: string;
  /** Where backups are written; undefined: the runner's temp folder (action) or ./backups (CLI). */
  backupDir?: string;
  /** A pg_dump binary, or the folder holding pg_dump and pg_restore. */
  pgDumpPath?: string;
  /**
   * The official postgres:<major> image's pg_dump: auto when no installed one is new enough and Docker answers,
   * true always, false never.
   */
  pgDumpDocker: 'auto' | 'true' | 'false';
  artifactName?: string;
  retentionDays?: number;
  /** restore: a dump file (its metadata beside it). */
  backupFile?: string;
  /** restore: an artifact name, of this run or of backupRunId's. */
  backupArtifact?: string;
  backupRunId?: number;
  /** age public keys the uploaded backup is encrypted to. */
  backupRecipients: string[];
  /** The age identity that decrypts an encrypted backup (restore). */
  backupIdentity?: string;
  /** verify: restore this dump (file) into a scratch database and apply the pending migrations on it. */
  restoreDrill?: string;
  /** The deployment environment the job must be bound to (apply and restore in the action). */
  environment?: string;
  /** Run apply or restore without proving the environment: loudly reported. */
  allowUngated: boolean;
  /** The approved plan hash: apply refuses, changing nothing, when the plan differs. */
  expectedPlan?: string;
  /** warn: report sessions that would block the migrations; strict: refuse to start. */
  preflight: 'warn' | 'strict';
  /** Take a verified backup before applying (only `backup: false` skips it). */
  backup: boolean;
  /** SQL that must succeed after the migrations (and, if it returns a row, return true). */
  healthCheck?: string;
  /** Take a backup after a successful apply. */
  postBackup: boolean;
  /**
   * rollback: the failed migration rolls back, earlier ones stay; undo: they are undone with their down scripts
   * (engine/undo.ts); restore: restore the pre-apply backup; undo-or-restore: undo, or restore when undo cannot run.
   */
  onFailure: (typeof ON_FAILURE)[number];
  /** Restore (on-failure: restore, or the restore command) even when others committed writes since the backup. */
  restoreDiscardsWrites: boolean;
  /** restore: restore onto a database that is not the one the backup was taken from. */
  restoreToOtherDatabase: boolean;
  /** Values that must never appear in output (the database password, the token). */
  secrets: string[];
}

/** pg-dump-docker: auto (also empty), or a boolean read as true/false. */
function dockerMode(value: string, problems: string[]): 'auto' | 'true' | 'false' {
  const v = value.trim().toLowerCase();
  if (v === 'auto' || v === '') return 'auto';
  if (['true', 'yes', '1', 'on'].includes(v)) return 'true';
  if (['false', 'no', '0', 'off'].includes(v)) return 'false';
  problems.push(`pg-dump-docker: '${value}' is not auto, true or false`);
  return 'auto';
}

function bool(name: InputName, value: string, problems: string[]): boolean {
  const v = value.trim().toLowerCase();
  if (['true', 'yes', '1', 'on'].includes(v)) return true;
  if (['false', 'no', '0', 'off', ''].includes(v)) return false;
  problems.push(`${name}: '${value}' is not true or false`);
  return false;
}

function int(name: InputName, value: string, min: number, max: number, problems: string[]): number {
  const n = /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) {
    problems.push(`${name}: '${value}' must be a whole number from ${min} to ${max}`);
    return min;
  }
  return n;
}

function duration(name: InputName, value: string, kind: DurationKind, problems: string[]): number {
  const r = parseDuration(name, value, kind);
  if (typeof r === 'string') {
    problems.push(r);
    return 0;
  }
  return r;
}

/** What on-failure may say, in the order the help text names them. */
export const ON_FAILURE = ['rollback', 'undo', 'restore', 'undo-or-restore'] as const;

/** The inputs that become PostgreSQL timeouts: 0 turns those off, so only the word `off` may. */
const TIMEOUTS = ['lock-timeout', 'statement-timeout', 'backup-lock-timeout'] as const satisfies readonly InputName[];

function list(value: string): string[] {
  return value.split(/[\s,]+/).filter(Boolean);
}

/**
 * Validates raw inputs into a Config. Every problem is collected and thrown together as one InputError,
 * so a user fixes their workflow in one pass.
 */
export function parseConfig(raw: RawConfig, env: NodeJS.ProcessEnv = {}): Config {
  const problems: string[] = [];
  const get = (name: InputName): string => {
    const v = raw[name];
    return v === undefined || v.trim() === '' ? INPUTS[name] : v.trim();
  };

  const command = get('command') as Command;
  if (!COMMANDS.includes(command)) problems.push(`command: '${command}' is not one of ${COMMANDS.join(', ')}`);

  const history = parseTableName(get('history-table'));
  if (typeof history === 'string') problems.push(history);

  const { databaseUrl, passwords } = readDatabaseUrl(get('database-url'), env, problems);
  const secrets: string[] = [...passwords];
  const resolveRaw = get('resolve-dirty');
  let resolveDirty: Config['resolveDirty'];
  if (resolveRaw) {
    const m = /^([^=\s]+)=(rerun|applied)$/.exec(resolveRaw);
    if (m) resolveDirty = { version: m[1], as: m[2] as 'rerun' | 'applied' };
    else problems.push(`resolve-dirty: '${resolveRaw}' must be <version>=rerun or <version>=applied`);
  }

  const pgVersion = get('postgres-version');
  if (pgVersion && !/^(9\.6|1\d|[2-9]\d)$/.test(pgVersion))
    problems.push(`postgres-version: '${pgVersion}' must be a major version such as 15 or 16`);
  const failOn = get('fail-on');
  if (!['error', 'warning', 'never'].includes(failOn))
    problems.push(`fail-on: '${failOn}' must be error, warning or never`);

  const checkNames = get('checks') === 'all' ? [...CHECKS] : list(get('checks'));
  const unknownChecks = checkNames.filter((c) => !(CHECKS as readonly string[]).includes(c));
  if (unknownChecks.length)
    problems.push(
      `checks: ${unknownChecks.map((c) => `'${c}'`).join(', ')} ${unknownChecks.length > 1 ? 'are not checks' : 'is not a check'}; use all, or some of ${CHECKS.join(', ')}`,
    );
  const idempotency = get('idempotency');
  if (!['error', 'warning', 'off'].includes(idempotency))
    problems.push(`idempotency: '${idempotency}' must be error, warning or off`);

  // Outside a workflow the default is the unexpanded expression itself: no token then.
  const token = raw['github-token']?.trim();
  const githubToken = token && !token.startsWith('${{') ? token : undefined;
  if (githubToken) secrets.push(githubToken);

  const retention = get('retention-days');
  const recipients = get('backup-recipient') ? parseRecipients(get('backup-recipient')) : [];
  if (typeof recipients === 'string') problems.push(recipients);
  const identity = get('backup-identity') || undefined;
  if (identity) secrets.push(identity);
  const runId = get('backup-run-id');

  const preflight = get('preflight');
  if (!['warn', 'strict'].includes(preflight)) problems.push(`preflight: '${preflight}' must be warn or strict`);
  const onFailure = get('on-failure');
  if (!(ON_FAILURE as readonly string[]).includes(onFailure))
    problems.push(`on-failure: '${onFailure}' must be rollback, undo, restore or undo-or-restore`);
  const expectedPlan = get('expected-plan');
  const planProblem = expectedPlan ? planHashProblem(expectedPlan) : undefined;
  if (planProblem) problems.push(`expected-plan: ${planProblem}`);

  const timeout = (name: (typeof TIMEOUTS)[number]) => duration(name, get(name), 'timeout', problems);

  const config: Config = {
    command,
    migrationsDir: get('migrations-dir'),
    databaseUrl,
    historyTable: typeof history === 'string' ? { table: INPUTS['history-table'] } : history,
    lockTimeoutMs: timeout('lock-timeout'),
    statementTimeoutMs: timeout('statement-timeout'),
    lockRetries: int('lock-retries', get('lock-retries'), 0, 100, problems),
    lockWaitMs: duration('lock-wait', get('lock-wait'), 'wait', problems),
    backupLockTimeoutMs: timeout('backup-lock-timeout'),
    timeoutsOff: TIMEOUTS.filter((name) => get(name).toLowerCase() === 'off'),
    allowOutOfOrder: bool('allow-out-of-order', get('allow-out-of-order'), problems),
    allowEmpty: bool('allow-empty', get('allow-empty'), problems),
    baseline: get('baseline') || undefined,
    acceptEdited: list(get('accept-edited')),
    resolveDirty,
    baseRef: get('base-ref') || undefined,
    postgresVersion: pgVersion ? Math.floor(Number(pgVersion)) : undefined,
    disabledRules: list(get('disable-rules')),
    failOn: failOn as Config['failOn'],
    checks: new Set(checkNames.filter((c): c is Check => (CHECKS as readonly string[]).includes(c))),
    idempotency: idempotency as Config['idempotency'],
    seedFile: get('seed-file') || undefined,
    githubToken,
    comment: bool('comment', get('comment'), problems),
    sarifFile: get('sarif-file') || undefined,
    backupDir: get('backup-dir') || undefined,
    pgDumpPath: get('pg-dump-path') || undefined,
    pgDumpDocker: dockerMode(get('pg-dump-docker'), problems),
    artifactName: get('artifact-name') || undefined,
    retentionDays: retention ? int('retention-days', retention, 1, 90, problems) : undefined,
    backupFile: get('backup-file') || undefined,
    backupArtifact: get('backup-artifact') || undefined,
    backupRunId: runId ? int('backup-run-id', runId, 1, Number.MAX_SAFE_INTEGER, problems) : undefined,
    restoreDrill: get('restore-drill') || undefined,
    backupRecipients: typeof recipients === 'string' ? [] : recipients,
    backupIdentity: identity,
    environment: get('environment') || undefined,
    allowUngated: bool('allow-ungated', get('allow-ungated'), problems),
    expectedPlan: expectedPlan || undefined,
    preflight: preflight as Config['preflight'],
    backup: bool('backup', get('backup'), problems),
    healthCheck: get('health-check') || undefined,
    postBackup: bool('post-backup', get('post-backup'), problems),
    onFailure: onFailure as Config['onFailure'],
    restoreDiscardsWrites: bool('restore-discards-writes', get('restore-discards-writes'), problems),
    restoreToOtherDatabase: bool('restore-to-other-database', get('restore-to-other-database'), problems),
    secrets: [...new Set(secrets)],
  };
  if (problems.length) throw new InputError(problems);
  return config;
}
