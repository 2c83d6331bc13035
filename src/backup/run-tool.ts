import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { withOwnClient } from '../db/own-session.js';
import { CancelledError } from '../errors.js';
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
  if (tool.image && files.length) prefix.splice(prefix.indexOf(tool.image), 0, ...files.flatMap((f) => ['-v', `${f}:${f}:ro`]));
  return [...prefix, ...args];
}

/**
 * Runs a PostgreSQL client tool; its output streams to files, never through this process's memory. `files` are
 * what its connection reads (CA, client certificate, socket folder), mounted when it runs in Docker. When `signal`
 * aborts, the tool's process group gets SIGTERM, then SIGKILL after TOOL_STOP_GRACE_MS, and once it has exited
 * the promise rejects with a CancelledError (unless the tool had finished its work: it exited 0).
 */
export function runTool(tool: PgTool, args: string[], env: NodeJS.ProcessEnv, files: string[] = [], signal?: AbortSignal): Promise<string> {
  const name = (tool.prefix?.at(-1) ?? tool.path).split('/').pop();
  if (signal?.aborted) return Promise.reject(new CancelledError(String(signal.reason), `before ${name} started`));
  if (!exitHook) {
    // The last resort: process.exit() from anywhere still takes the tools down with this process.
    process.once('exit', killRunningTools);
    exitHook = true;
  }
  return new Promise((resolve, reject) => {
    // A process group of its own: a Ctrl-C in the terminal reaches this process only, which decides what to stop
    // (the whole group, below), instead of pg_dump dying under a run that still reports on it.
    const child = spawn(tool.path, commandLine(tool, args, files), { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const pid = child.pid;
    if (pid) running.add(pid);
    let out = '';
    let err = '';
    let killTimer: NodeJS.Timeout | undefined;
    const onAbort = () => {
      if (!pid) return;
      signalGroup(pid, 'SIGTERM');
      killTimer = setTimeout(() => signalGroup(pid, 'SIGKILL'), TOOL_STOP_GRACE_MS);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', (d) => {
      if (out.length < 1_000_000) out += d;
    });
    child.stderr.on('data', (d) => {
      if (err.length < 100_000) err += d;
    });
    // Once it has exited (and been reaped) its process group id may be reused: it is signalled no more.
    const settle = () => {
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
      else reject(new Error(`${name} exited with ${code ?? by}: ${err.trim() || '(no message)'}`));
    });
  });
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
