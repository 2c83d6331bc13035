import { ConnectionError, loadedPg } from '../db/session/connect.js';
import { CancelledError, InputError, MigrationError, StateError, ToolError } from '../foundation/errors.js';
import { INPUT_RULE, locationFields, type Finding } from '../model/report.js';

/** What to do about server errors outside any migration (the history table, the lock, the catalogs). */
const SERVER_HINTS: Record<string, string> = {
  '42501':
    "the database user lacks a privilege this needs (creating or writing the history table, reading the catalogs): use the migration user, or GRANT it (e.g. CREATE on the history table's schema)",
  '25006': 'the server is read-only (a standby, or default_transaction_read_only): point database-url at the primary',
  '57': 'the server shut down or ended the session: check that it is up, then run again; the history table shows what was applied',
  '08': 'the connection was lost: run again; each migration either committed with its history row or not at all',
  '53': 'the server is out of a resource (disk, memory, connections): free it, then run again',
};

/** File-system calls whose failure is about the input (the folder, a file given), not about this tool. */
const FILE_CALLS = new Set(['open', 'read', 'lstat', 'stat', 'readlink', 'realpath', 'scandir', 'opendir', 'access']);

/** Errors of a socket, not of a file, even when they come from a read. */
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNABORTED',
]);

interface SystemError extends Error {
  code: string;
  syscall?: string;
  path?: string;
}

const isSystemError = (e: unknown): e is SystemError =>
  e instanceof Error && typeof (e as SystemError).code === 'string' && typeof (e as SystemError).syscall === 'string';

/**
 * Turns any error into findings: what happened, where, and what to do. The one place every door and step
 * sends an error it did not expect to handle itself, so no error leaves as a bare stack trace; `debug` adds it.
 */
export function findingsFor(err: unknown, debug = false): Finding[] {
  if (err instanceof InputError)
    return err.problems.map((message) => ({ rule: INPUT_RULE, severity: 'error', message }));
  if (err instanceof CancelledError)
    return [
      {
        rule: 'cancelled',
        severity: 'error',
        message: err.message,
        help: 'Run again when ready; what the cancelled step had started was stopped, on the server too.',
      },
    ];
  if (err instanceof StateError)
    return err.problems.map((message) => ({ rule: 'database-state', severity: 'error', message }));
  if (err instanceof ConnectionError) return [{ rule: 'connection', severity: 'error', message: err.message }];
  if (err instanceof MigrationError) {
    return [
      {
        rule: 'migration',
        severity: 'error',
        message: err.message,
        help: err.details.hint,
        sqlstate: err.details.sqlstate,
        ...locationFields(err.details.location),
      },
    ];
  }
  if (err instanceof ToolError)
    return [{ rule: 'tool-failed', severity: 'error', message: err.message, help: toolHint(err) }];
  const pg = loadedPg();
  if (pg && err instanceof pg.DatabaseError && err.code) {
    return [
      {
        rule: 'database-error',
        severity: 'error',
        sqlstate: err.code,
        message: err.message,
        help: SERVER_HINTS[err.code] ?? SERVER_HINTS[err.code.slice(0, 2)],
      },
    ];
  }
  if (isSystemError(err) && NETWORK_CODES.has(err.code)) {
    return [
      {
        rule: 'connection',
        severity: 'error',
        message: `the connection to the server was lost (${err.code})`,
        help: 'Check the network and the server, then run again; each migration either committed with its history row or not at all.',
      },
    ];
  }
  if (isSystemError(err) && err.path && FILE_CALLS.has(err.syscall!)) {
    return [
      {
        rule: INPUT_RULE,
        severity: 'error',
        message: `${err.path ?? 'a file'}: ${describeErrno(err)}`,
        help: 'Fix or remove the file (a link that leads nowhere, a file this user cannot read), then run again; nothing was changed by this step.',
      },
    ];
  }
  const e = err instanceof Error ? err : new Error(String(err));
  return [
    {
      rule: 'internal-error',
      severity: 'error',
      message: `${e.message}${debug && e.stack ? `\n${e.stack}` : ''}`,
      help: debug
        ? 'This is unexpected: please report it with the output above.'
        : 'This is unexpected: run again with debug output (RUNNER_DEBUG=1 in the action, --debug in the CLI) and report it.',
    },
  ];
}

/** What to do about a tool's refusal, from what it said; the tool's own words are the message. */
const TOOL_HINTS: [RegExp, string][] = [
  [
    /server version mismatch|aborting because of server version/i,
    'pg_dump and pg_restore must be at least as new as the server: set pg-dump-path to a newer one, or pg-dump-docker: true to use the postgres:<major> image',
  ],
  [
    /permission denied|must be owner|must be superuser/i,
    "the database user lacks a privilege the tool needs (pg_dump reads every table and sequence): run it as the schema's owner, or grant pg_read_all_data",
  ],
  [
    /lock timeout|could not obtain lock/i,
    'another session held a lock on a table the tool reads for longer than backup-lock-timeout: run again when it has ended, or raise backup-lock-timeout',
  ],
  [/no space left on device/i, 'the disk holding backup-dir is full: free space or point backup-dir elsewhere'],
  [
    /could not connect|connection to server .* failed|timeout expired|server closed the connection/i,
    'the tool could not reach the server or lost it: check database-url and the network from this runner, then run again',
  ],
  [/out of memory|could not fork/i, 'the runner ran out of memory or processes: run again on a larger runner'],
];

/** The hint for what stopped the tool: its last error line first (earlier ones may be warnings it carried on after). */
function toolHint(e: ToolError): string {
  const last = e.said
    .split('\n')
    .filter((l) => /\b(error|fatal):/i.test(l))
    .at(-1);
  const match = (text: string) => TOOL_HINTS.find(([said]) => said.test(text))?.[1];
  return (last && match(last)) ?? match(e.said) ?? `${e.tool}'s own words are above; fix what it names, then run again`;
}

function describeErrno(e: SystemError): string {
  switch (e.code) {
    case 'ELOOP':
    case 'ENOENT':
      return e.syscall === 'realpath' || e.code === 'ELOOP'
        ? 'is a link that leads nowhere (or in a loop)'
        : 'does not exist';
    case 'EACCES':
    case 'EPERM':
      return 'cannot be read by this user';
    case 'EISDIR':
      return 'is a folder where a file was expected';
    default:
      return `${e.code} (${e.syscall})`;
  }
}
