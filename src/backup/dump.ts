import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseDuration } from '../config/duration.js';
import { INPUTS } from '../config/inputs-spec.js';
import { connectOwn, OWN_SESSION_SQL, withOwnClient } from '../db/session/own-session.js';
import { describeSession as nameSession, dumpBlockers, type BlockingSession } from '../db/catalog/preflight.js';
import { CancelledError, StateError } from '../foundation/errors.js';
import type { PgTool } from './pg-tools.js';
import { runPiped, runTool, withToolSession } from './run-tool.js';
import { toolConnection } from './tool-connection.js';

/** backup-lock-timeout's default, for callers not given the configured bound. */
const DEFAULT_LOCK_TIMEOUT_MS = parseDuration(
  'backup-lock-timeout',
  INPUTS['backup-lock-timeout'],
  'timeout',
) as number;

const describeSession = (s: Omit<BlockingSession, 'relation' | 'mode'>) =>
  s.hidden ? nameSession(s) : `pid ${s.pid} (${s.state}, transaction open ${s.transactionAgeSeconds} s: ${s.query})`;
const fix = 'let that session finish or end it (SELECT pg_terminate_backend(<pid>)), or raise backup-lock-timeout';

export { runTool } from './run-tool.js';

/**
 * pg_dump in custom format (compressed) straight to `file`. It waits at most lockTimeoutMs (0: no limit) for its
 * locks on the tables, then fails naming the tables and the sessions holding them. Cancelled by `signal`, it is
 * stopped with its server session. A dump that did not finish leaves no file behind.
 */
export async function dumpDatabase(
  pgDump: PgTool,
  url: string,
  file: string,
  lockTimeoutMs = DEFAULT_LOCK_TIMEOUT_MS,
  snapshot?: string,
  signal?: AbortSignal,
): Promise<void> {
  const name = `pg-migration-gate backup ${randomBytes(4).toString('hex')}`;
  const conn = toolConnection(url, pgDump, name);
  const bound = lockTimeoutMs ? [`--lock-wait-timeout=${lockTimeoutMs}`] : [];
  // A snapshot exported by a transaction the caller keeps open: the dump is exactly that moment.
  const at = snapshot ? [`--snapshot=${snapshot}`] : [];
  try {
    await withToolSession(url, name, () =>
      runTool(
        pgDump,
        ['--format=custom', '--no-password', ...bound, ...at, `--file=${file}`, conn.dbnameArg],
        conn.env,
        conn.files,
        signal,
      ),
    );
  } catch (err) {
    rmSync(file, { force: true });
    if (err instanceof CancelledError) throw err;
    // pg_dump bounds its LOCK TABLE with statement_timeout and prints that statement, which names the tables (all
    // of a batch in newer versions, possibly cut short by runTool); the sessions holding ACCESS EXCLUSIVE locks
    // on them say which one it waited for.
    const lock =
      /canceling statement due to statement timeout[\s\S]*?Query was: LOCK TABLE (.*?)(?: IN ACCESS SHARE MODE|\n|$)/.exec(
        (err as Error).message,
      );
    if (!lock) throw err;
    const tables = lock[1].split(', ');
    const holders = (await withOwnClient(url, dumpBlockers).catch(() => [])).filter((h) => tables.includes(h.relation));
    const what = holders.length
      ? holders.map((h) => `${h.relation}, held by ${describeSession(h)}`).join('; ')
      : `${tables.slice(0, 3).join(', ')}${tables.length > 3 ? ` (or one of ${tables.length - 3} more tables)` : ''}`;
    throw new StateError(
      [
        `pg_dump waited ${lockTimeoutMs} ms (backup-lock-timeout) for a lock on ${what}, and gave up; nothing was dumped: ${fix}`,
      ],
      { cause: err },
    );
  }
}

/** pg_restore --list: the dump's table of contents can be read, entry by entry. Returns the entry count. */
export async function checkDump(pgRestore: PgTool, file: string, signal?: AbortSignal): Promise<number> {
  const list = await runTool(pgRestore, ['--list', file], process.env, [], signal);
  return list.split('\n').filter((l) => /^\d+;/.test(l)).length;
}

/** sha256 of a file, streamed. */
export function sha256File(file: string, signal?: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    // A cancel stops the read where it is: a dump of gigabytes is not hashed to the end first.
    const stream = createReadStream(file, { signal });
    stream
      .on('data', (d) => hash.update(d))
      .on('error', (err) =>
        reject(signal?.aborted ? new CancelledError(String(signal.reason), `while ${file} was hashed`) : err),
      )
      .on('end', () => resolve(hash.digest('hex')));
  });
}

/**
 * pg_restore into an existing database: objects are dropped first (--clean --if-exists), the first error stops
 * it, and the whole restore is one transaction, so a failed restore changes nothing. A statement that waits
 * longer than lockTimeoutMs (0: no limit) for a lock is cancelled, and the error names the lock and its holders.
 * Cancelled by `signal`, pg_restore is stopped with its server session, and its transaction rolls back.
 */
export async function restoreDump(
  pgRestore: PgTool,
  url: string,
  file: string,
  lockTimeoutMs = DEFAULT_LOCK_TIMEOUT_MS,
  useList?: string,
  signal?: AbortSignal,
): Promise<void> {
  const name = `pg-migration-gate restore ${randomBytes(4).toString('hex')}`;
  const conn = toolConnection(url, pgRestore, name);
  // useList: the dump's table of contents less entries this role may not restore (see system-privileges.ts).
  const list = useList ? [`--use-list=${useList}`] : [];
  const restore = () =>
    withToolSession(url, name, () =>
      runTool(
        pgRestore,
        [
          '--clean',
          '--if-exists',
          '--exit-on-error',
          '--single-transaction',
          '--no-owner',
          '--no-password',
          ...list,
          conn.dbnameArg,
          file,
        ],
        conn.env,
        conn.files,
        signal,
      ),
    );
  if (!lockTimeoutMs) await restore();
  else
    await cancelLongLockWaits(
      url,
      name,
      lockTimeoutMs,
      restore,
      (what) =>
        `pg_restore waited longer than ${lockTimeoutMs} ms (backup-lock-timeout) for ${what}; it was stopped, and as the restore is one transaction nothing was restored: ${fix}, then restore again`,
    );
}

/**
 * Decides, while every table is locked against writes, whether the restore goes ahead: returns the statements to
 * run first in the restore's own transaction (SQL, run as one DO block's EXECUTEs), or throws to refuse.
 */
export type RestoreBarrier = (session: string) => Promise<string[]>;

/** Takes EXCLUSIVE (writes wait, reads go on) on every table the role may lock, waiting at most the bound. */
const LOCK_TABLES = `DO $pmg$ DECLARE t regclass; BEGIN
  FOR t IN SELECT c.oid FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname !~ '^pg_'
              AND pg_catalog.has_table_privilege(c.oid, 'UPDATE,DELETE,TRUNCATE') ORDER BY c.oid LOOP
    EXECUTE pg_catalog.format('LOCK TABLE %s IN EXCLUSIVE MODE', t);
  END LOOP;
END $pmg$;`;

/**
 * Runs statements in order, trying again those that fail for an object that still depends on them (our own objects
 * may depend on each other) until no more can go; any left is an error, and the restore rolls back.
 */
const inOrder = (
  statements: string[],
  tag: string,
) => `DO $${tag}$ DECLARE pending text[] := ARRAY[${statements.map(literal).join(', ')}]::text[]; next text[]; s text; moved bool := true; BEGIN
  WHILE moved AND pg_catalog.cardinality(pending) > 0 LOOP
    moved := false; next := '{}';
    FOREACH s IN ARRAY pending LOOP
      BEGIN EXECUTE s; moved := true; EXCEPTION WHEN dependent_objects_still_exist THEN next := next || s; END;
    END LOOP;
    pending := next;
  END LOOP;
  IF pg_catalog.cardinality(pending) > 0 THEN RAISE EXCEPTION 'still depended on by objects that are not this run''s: %', pending; END IF;
END $${tag}$;`;

const withoutPassword = ({ PGPASSWORD: _, ...env }: NodeJS.ProcessEnv) => env;

const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * A restore no write can slip past: psql takes EXCLUSIVE on every table, in the transaction that then runs
 * pg_restore's script (streamed, never in memory), and waits at a barrier (an advisory lock we hold) while `barrier`
 * checks the database with writes held off; what it approves runs in that same transaction, so nothing committed
 * between the check and the restore can be lost. A refusal rolls the transaction back: nothing changed.
 */
export async function restoreDumpAtBarrier(
  pgRestore: PgTool,
  psql: PgTool,
  url: string,
  file: string,
  barrier: RestoreBarrier,
  o: { lockTimeoutMs?: number; useList?: string; signal?: AbortSignal } = {},
): Promise<void> {
  const lockTimeoutMs = o.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS;
  const name = `pg-migration-gate restore ${randomBytes(4).toString('hex')}`;
  const conn = toolConnection(url, psql, name);
  const dir = mkdtempSync(join(tmpdir(), 'pmg-restore-'));
  // Two barriers: before the dump's script (the check), and after it (pg_restore ended well: psql takes an input cut
  // short for a whole one, and would commit it).
  const [key, end] = [randomBytes(6).readUIntBE(0, 6), randomBytes(6).readUIntBE(0, 6)];
  const [prelude, decided, finish, outcome] = ['lock.sql', 'decided.sql', 'finish.sql', 'outcome.sql'].map((f) =>
    join(dir, f),
  );
  // The server's session limits would end the transaction while it waits at a barrier, or idles until pg_restore's
  // first line: they are off for it, as for every session of ours. The wait for the locks is bounded by the
  // watcher below, which names who held them (lock_timeout would not).
  writeFileSync(
    prelude,
    `${OWN_SESSION_SQL};\nSET lock_timeout = 0;\nSET standard_conforming_strings = on;\n${LOCK_TABLES}\nSELECT pg_catalog.pg_advisory_xact_lock(${key});\n`,
  );
  writeFileSync(finish, `SELECT pg_catalog.pg_advisory_xact_lock(${end});\n`);
  const refuse = (why: string) => `DO $pmg$ BEGIN RAISE EXCEPTION '${why}'; END $pmg$;\n`;
  // Until a decision replaces them (written beside, then renamed: psql reads a whole file or none), the files after
  // each barrier refuse: a barrier opened by anything else (our session lost) restores nothing.
  writeFileSync(decided, refuse('the restore was not approved'));
  writeFileSync(outcome, refuse('pg_restore did not finish'));
  const decide = (file: string, sql: string) => {
    writeFileSync(`${file}.new`, sql);
    renameSync(`${file}.new`, file);
  };
  const holder = await connectOwn(url);
  await holder.query('SELECT pg_catalog.set_config($1, $2, false)', ['application_name', `${name} gate`]);
  const restoreEnded = async (ok: boolean) => {
    decide(outcome, ok ? '' : refuse('pg_restore failed'));
    await holder.query('SELECT pg_catalog.pg_advisory_unlock($1)', [end]);
  };
  try {
    await holder.query('SELECT pg_catalog.pg_advisory_lock($1), pg_catalog.pg_advisory_lock($2)', [key, end]);
    const list = o.useList ? [`--use-list=${o.useList}`] : [];
    const restore = () =>
      withToolSession(url, name, () =>
        runPiped(
          // pg_restore only writes the script: it never connects, and gets no password. --single-transaction keeps
          // its large objects' own BEGIN … COMMIT out of the script; its one COMMIT comes last, once it is all written.
          {
            tool: pgRestore,
            args: ['--clean', '--if-exists', '--no-owner', '--single-transaction', ...list, '--file=-', file],
            env: withoutPassword(conn.env),
          },
          {
            tool: psql,
            args: [
              '-X',
              '-q',
              '-o',
              '/dev/null',
              '--no-password',
              '--single-transaction',
              '-v',
              'ON_ERROR_STOP=1',
              '-f',
              prelude,
              '-f',
              decided,
              '-f',
              '-',
              '-f',
              finish,
              '-f',
              outcome,
              conn.dbnameArg,
            ],
            env: conn.env,
            files: conn.files,
          },
          restoreEnded,
          o.signal,
        ),
      );
    const running = lockTimeoutMs
      ? cancelLongLockWaits(
          url,
          name,
          lockTimeoutMs,
          restore,
          (what) =>
            `the restore waited longer than ${lockTimeoutMs} ms (backup-lock-timeout) for ${what}; it was stopped, and as the restore is one transaction nothing was restored: ${fix}, then restore again`,
        )
      : restore();
    // Until psql waits at the barrier, every table locked: or it failed (a lock not had in time, a connection refused).
    let looking = true;
    const atBarrier = async () => {
      while (looking) {
        const r = await holder.query(
          `SELECT 1 FROM pg_catalog.pg_locks l JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid WHERE a.application_name = $1 AND l.locktype = 'advisory' AND NOT l.granted`,
          [name],
        );
        if (r.rows.length) return undefined;
        await sleep(25);
      }
    };
    const ended = running.then(
      () => new StateError(['psql ended before it had locked the tables; nothing was restored']),
      (err: unknown) => err,
    );
    const failedEarly = await Promise.race([atBarrier(), ended]).finally(() => (looking = false));
    if (failedEarly) throw failedEarly;
    let verdict: string[] | Error;
    try {
      verdict = await barrier(name);
    } catch (err) {
      verdict = err as Error;
    }
    decide(
      decided,
      Array.isArray(verdict)
        ? verdict.length
          ? `${inOrder(verdict, `pmg_${randomBytes(8).toString('hex')}`)}\n`
          : ''
        : refuse('the restore was refused'),
    );
    await holder.query('SELECT pg_catalog.pg_advisory_unlock($1)', [key]);
    if (!Array.isArray(verdict)) {
      // A cancel is said as the tools' (pg_restore stopped), whatever the check was doing when it came.
      const ended = await running.then(
        () => undefined,
        (err: unknown) => err,
      );
      throw ended instanceof CancelledError ? ended : verdict;
    }
    await running;
  } finally {
    await holder.end().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The session named $1's statement that has waited for a lock for longer than $2 ms, with the sessions it waits for. */
const LONG_LOCK_WAIT = `
  SELECT w.pid AS waiter, l.mode AS wanted,
         coalesce((SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = l.relation), l.locktype) AS target,
         b.pid, coalesce(b.state, '') AS state, coalesce(extract(epoch FROM now() - b.xact_start), 0)::int AS age, left(coalesce(b.query, ''), 200) AS query,
         b.state IS NULL AS hidden, b.usename AS role
    FROM pg_stat_activity w JOIN pg_locks l ON l.pid = w.pid AND NOT l.granted
    LEFT JOIN pg_stat_activity b ON b.pid = ANY (pg_blocking_pids(w.pid))
   WHERE w.application_name = $1 AND now() - w.query_start > make_interval(secs => $2 / 1000.0) AND l.locktype <> 'advisory'`;

/**
 * Runs `work`, a tool connected as `applicationName`, while a second connection cancels any statement of it that
 * has waited longer than `ms` for a lock (timed from the statement's start); the error then says what it waited
 * for. pg_restore needs this: every archive starts with SET lock_timeout = 0, which overrides PGOPTIONS and role
 * settings alike.
 */
async function cancelLongLockWaits(
  url: string,
  applicationName: string,
  ms: number,
  work: () => Promise<unknown>,
  gaveUp: (what: string) => string,
): Promise<void> {
  // Ours, so that the server's session limits leave it alone while it sleeps between looks.
  const watcher = await connectOwn(url);
  await watcher.query('SELECT pg_catalog.set_config($1, $2, false)', ['application_name', `${applicationName} watch`]);
  const stop = new AbortController();
  let waited: string | undefined;
  const watch = async () => {
    while (!waited) {
      await sleep(Math.min(1000, Math.max(50, ms / 4)), undefined, { signal: stop.signal });
      const rows = (await watcher.query(LONG_LOCK_WAIT, [applicationName, ms])).rows;
      if (!rows.length) continue;
      // Another role's session may hide its state and query from ours (see BlockingSession): then it is named by its role.
      const holders = rows
        .filter((r) => r.pid !== null)
        .map((r) =>
          describeSession({ ...r, transactionAgeSeconds: r.age, hidden: r.hidden ? { role: r.role } : undefined }),
        );
      waited = `${rows[0].wanted} on ${rows[0].target}, held by ${holders.join('; ') || 'a prepared transaction or a session that just ended'}`;
      await watcher.query('SELECT pg_cancel_backend($1)', [rows[0].waiter]);
    }
  };
  // Stopped (the sleep aborted) or the watcher lost: the tool's own outcome stands.
  const watching = watch().catch(() => {});
  try {
    await work();
  } catch (err) {
    throw waited ? new StateError([gaveUp(waited)], { cause: err }) : err;
  } finally {
    stop.abort();
    await watching;
    await watcher.end().catch(() => {});
  }
}
