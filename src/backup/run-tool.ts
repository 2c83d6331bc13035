import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { withOwnClient } from '../db/session/own-session.js';
import { CancelledError, ToolError } from '../foundation/errors.js';
import type { PgTool } from './pg-tools.js';

/** How long a cancelled tool gets to exit on SIGTERM (pg_dump then cancels its own query) before SIGKILL. */
export const TOOL_STOP_GRACE_MS = 2000;

/** Process groups of the tools running now: whatever way this process ends, none of them may outlive it. */
const running = new Set<number>();

/** Sends `signal` to a tool's whole process group (the Docker client and what it started, too); gone is fine. */
function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group has already exited.
  }
}

/**
 * Kills every running tool's process group at once (SIGKILL), synchronously: for the exit paths that cannot wait,
 * a second signal or process exit. Their server sessions go with them (see endToolSessions).
 */
export function killRunningTools(): void {
  for (const pid of running) signalGroup(pid, 'SIGKILL');
}

let exitHook = false;

/** The tool's command line: in Docker, each file it reads is mounted read-only at the same path, before the image. */
function commandLine(tool: PgTool, args: string[], files: string[]): string[] {
  const prefix = [...(tool.prefix ?? [])];
  if (tool.image && files.length)
    prefix.splice(prefix.indexOf(tool.image), 0, ...files.flatMap((f) => ['-v', `${f}:${f}:ro`]));
  return [...prefix, ...args];
}

/** A tool started by startTool: its process, and its end (stdout when collected; rejects as runTool says). */
interface Started {
  stdout: NodeJS.ReadableStream | null;
  done: Promise<string>;
  /** SIGTERM to its process group, SIGKILL after TOOL_STOP_GRACE_MS. */
  stop(): void;
}

/**
 * Runs a PostgreSQL client tool; its output streams to files, never through this process's memory. `files` are
 * what its connection reads (CA, client certificate, socket folder), mounted when it runs in Docker. When `signal`
 * aborts, the tool's process group gets SIGTERM, then SIGKILL after TOOL_STOP_GRACE_MS, and once it has exited
 * the promise rejects with a CancelledError (unless the tool had finished its work: it exited 0).
 */
export function runTool(
  tool: PgTool,
  args: string[],
  env: NodeJS.ProcessEnv,
  files: string[] = [],
  signal?: AbortSignal,
): Promise<string> {
  return startTool({ tool, args, env, files }, signal).done;
}

/** One tool's invocation. */
export interface ToolRun {
  tool: PgTool;
  args: string[];
  env: NodeJS.ProcessEnv;
  files?: string[];
}

/**
 * `from | to`: the first tool's output is the second's input, streamed (pg_restore's script into psql). Both are
 * stopped by `signal`. `firstEnded` hears how the first ended before the second is waited for (the second must not
 * take an input cut short for a whole one). The first's failure is reported before the second's, which then
 * failed for lack of the rest.
 */
export async function runPiped(
  from: ToolRun,
  to: ToolRun,
  firstEnded: (ok: boolean) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  const first = startTool(from, signal, { pipeOut: true });
  const second = startTool(to, signal, { stdin: first.stdout! });
  let order = 0;
  const ended = { first: 0, second: 0 };
  const told = first.done
    .finally(() => (ended.first = ++order))
    .then(
      () => firstEnded(true),
      () => firstEnded(false),
    );
  // The reader gone, the writer would block on a full pipe for ever: it is stopped.
  void second.done
    .finally(() => {
      ended.second = ++order;
      if (!ended.first) first.stop();
    })
    .catch(() => {});
  const [a, b] = await Promise.allSettled([first.done, second.done, told]);
  // The one that failed first says why; the other failed for lack of it.
  if (a.status === 'rejected' && (b.status === 'fulfilled' || ended.first < ended.second)) throw a.reason;
  if (b.status === 'rejected') throw b.reason;
}

function startTool(
  { tool, args, env, files = [] }: ToolRun,
  signal?: AbortSignal,
  io: { stdin?: NodeJS.ReadableStream; pipeOut?: boolean } = {},
): Started {
  const name = (tool.prefix?.at(-1) ?? tool.path).split('/').pop();
  if (signal?.aborted)
    return {
      stdout: null,
      done: Promise.reject(new CancelledError(String(signal.reason), `before ${name} started`)),
      stop: () => {},
    };
  if (!exitHook) {
    // The last resort: process.exit() from anywhere still takes the tools down with this process.
    process.once('exit', killRunningTools);
    exitHook = true;
  }
  // A process group of its own: a Ctrl-C in the terminal reaches this process only, which decides what to stop
  // (the whole group, below), instead of pg_dump dying under a run that still reports on it.
  const child = spawn(tool.path, commandLine(tool, args, files), {
    env,
    stdio: [io.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    detached: true,
  });
  if (io.stdin) {
    io.stdin.pipe(child.stdin!);
    // The reader gone (it failed, or was stopped): its own exit says why.
    child.stdin!.on('error', () => {});
  }
  const pid = child.pid;
  let killTimer: NodeJS.Timeout | undefined;
  let exited = false;
  const stop = () => {
    if (!pid || exited || killTimer) return;
    signalGroup(pid, 'SIGTERM');
    killTimer = setTimeout(() => signalGroup(pid, 'SIGKILL'), TOOL_STOP_GRACE_MS);
  };
  const done = new Promise<string>((resolve, reject) => {
    if (pid) running.add(pid);
    let out = '';
    let err = '';
    const onAbort = stop;
    signal?.addEventListener('abort', onAbort, { once: true });
    if (!io.pipeOut) {
      child.stdout!.on('data', (d) => {
        if (out.length < 1_000_000) out += d;
      });
    }
    // The end of what it said is kept (the error that stopped it comes last).
    child.stderr!.on('data', (d) => {
      err = `${err}${d}`.slice(-100_000);
    });
    // Once it has exited (and been reaped) its process group id may be reused: it is signalled no more.
    const settle = () => {
      exited = true;
      signal?.removeEventListener('abort', onAbort);
      if (killTimer) clearTimeout(killTimer);
      if (pid) running.delete(pid);
    };
    child.on('exit', settle);
    child.on('error', (e) => {
      settle();
      reject(e);
    });
    child.on('close', (code, by) => {
      settle();
      if (code === 0) resolve(out);
      else if (signal?.aborted) reject(new CancelledError(String(signal.reason), `while ${name} ran; it was stopped`));
      else reject(new ToolError(name ?? tool.path, String(code ?? by), err.trim()));
    });
  });
  return { stdout: io.pipeOut ? child.stdout : null, done, stop };
}

/** Tools connected under an application_name of their own, running now: application_name -> database URL. */
const sessions = new Map<string, string>();

/**
 * Runs `work`, a tool connected as `applicationName`; when it was stopped by a cancel, ends its server session
 * too, so nothing of it is left waiting in the server's lock queues.
 */
export async function withToolSession<T>(url: string, applicationName: string, work: () => Promise<T>): Promise<T> {
  sessions.set(applicationName, url);
  try {
    return await work();
  } catch (err) {
    if (err instanceof CancelledError) await endToolSessions(url, applicationName).catch(() => {});
    throw err;
  } finally {
    sessions.delete(applicationName);
  }
}

/**
 * For an exit that cannot wait for the run to wind down (a second signal): kills every running tool at once,
 * then ends their server sessions, giving up on those after `ms`.
 */
export async function stopRunningTools(ms = 2000): Promise<void> {
  killRunningTools();
  const ending = Promise.all([...sessions].map(([name, url]) => endToolSessions(url, name).catch(() => {})));
  await Promise.race([ending, sleep(ms, undefined, { ref: false })]);
}

/**
 * Ends the server sessions of a stopped tool, found by the application_name it connected with, and waits (up to
 * a few seconds) until none is left: a tool killed while it waited for a lock leaves a session the server would
 * only notice is orphaned once that lock is granted, queued ahead of everyone who comes after it.
 */
export async function endToolSessions(url: string, applicationName: string): Promise<void> {
  await withOwnClient(url, async (c) => {
    for (let i = 0; i < 60; i++) {
      const r = await c.query(
        `SELECT pg_catalog.pg_terminate_backend(pid) FROM pg_catalog.pg_stat_activity
          WHERE application_name = $1 AND datname = pg_catalog.current_database() AND pid <> pg_catalog.pg_backend_pid()`,
        [applicationName],
      );
      if (!r.rowCount) return;
      await sleep(50);
    }
  });
}
