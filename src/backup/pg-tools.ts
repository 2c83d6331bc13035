import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { CancelledError, InputError } from '../foundation/errors.js';

const run = promisify(execFile);

export interface PgTool {
  /** The program to start: the tool itself, or docker. */
  path: string;
  /** Arguments before the tool's own (docker run … postgres:<major> pg_dump). */
  prefix?: string[];
  /** The Docker image, when the tool runs in one: files it must read are mounted before it in `prefix`. */
  image?: string;
  /** Major version, e.g. 15 (9.6 counts as 9). */
  major: number;
  version: string;
  /** Where it came from, for the report: its path, or `docker postgres:<major>`. */
  source?: string;
}

/** pg-dump-docker: auto (installed when new enough, else Docker, else refuse), true (always Docker), false (never). */
export type DockerMode = 'auto' | 'true' | 'false';

/** How long `docker version` may take to answer before Docker counts as unavailable. */
export const DOCKER_PROBE_MS = 15_000;
/** How long pulling the image and asking its tool for its version may take. */
export const DOCKER_PULL_MS = 300_000;

/** Folders where PostgreSQL's client tools are installed, versioned ones newest first. */
export function toolDirs(): string[] {
  const versioned: { dir: string; v: number }[] = [];
  const scan = (root: string, pattern: RegExp, bin: (m: string) => string) => {
    if (!existsSync(root)) return;
    for (const name of readdirSync(root)) {
      const m = pattern.exec(name);
      if (m) versioned.push({ dir: bin(name), v: Number(m[1]) });
    }
  };
  scan('/usr/lib/postgresql', /^(\d+)$/, (n) => join('/usr/lib/postgresql', n, 'bin'));
  scan('/usr', /^pgsql-(\d+)$/, (n) => join('/usr', n, 'bin'));
  scan('/opt/homebrew/opt', /^postgresql@(\d+)$/, (n) => join('/opt/homebrew/opt', n, 'bin'));
  scan('/usr/local/opt', /^postgresql@(\d+)$/, (n) => join('/usr/local/opt', n, 'bin'));
  const path = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  return [...versioned.sort((a, b) => b.v - a.v).map((x) => x.dir), ...path];
}

export async function toolVersion(path: string): Promise<PgTool | undefined> {
  try {
    const { stdout } = await run(path, ['--version'], { env: process.env });
    const m = /\(PostgreSQL\) (\d+)(?:\.(\d+))?/.exec(stdout);
    return m ? { path, major: Number(m[1]), version: m[0].replace('(PostgreSQL) ', ''), source: path } : undefined;
  } catch {
    return undefined;
  }
}

/** Every installed copy of a tool (pg_dump, pg_restore), from an explicit path first, then the usual places. */
export async function installedTools(name: string, explicit?: string): Promise<PgTool[]> {
  const places = explicit ? [explicit] : [];
  for (const dir of toolDirs()) places.push(join(dir, name));
  const found: PgTool[] = [];
  for (const p of new Set(places)) {
    const file = existsSync(p) && statSync(p).isDirectory() ? join(p, name) : p;
    if (!existsSync(file)) continue;
    const t = await toolVersion(file);
    if (t && !found.some((f) => f.path === t.path)) found.push(t);
  }
  return found;
}

/**
 * Chooses a copy of `name` at least as new as the server: pg_dump refuses servers of a newer major version.
 * An explicit path is used or refused. None fitting is an InputError naming both versions and the fix, raised
 * before anything is done.
 */
export async function chooseTool(name: string, serverMajor: number, explicit?: string): Promise<PgTool> {
  if (explicit) {
    // An explicit path is honoured or refused, never quietly replaced by another copy.
    const [tool] = await installedTools(name, explicit).then((all) =>
      all.filter((t) => t.path === explicit || t.path === join(explicit, name)),
    );
    if (!tool)
      throw new InputError([
        `pg-dump-path: '${explicit}' holds no working ${name}; point it at a ${name} binary or the folder that holds it`,
      ]);
    if (tool.major < serverMajor) {
      throw new InputError([
        `pg-dump-path: ${tool.path} is ${name} ${tool.major}, but the server runs PostgreSQL ${serverMajor} and ${name} refuses newer servers; install postgresql-client-${serverMajor} and point pg-dump-path at it`,
      ]);
    }
    return tool;
  }
  const tools = await installedTools(name);
  const chosen = tools.filter((t) => t.major >= serverMajor).sort((a, b) => b.major - a.major)[0];
  if (chosen) return chosen;
  const seen = tools.length ? tools.map((t) => `${t.path} (${t.major})`).join(', ') : 'none found';
  throw new InputError([
    `${name}: the server runs PostgreSQL ${serverMajor}, and ${name} refuses servers newer than itself; installed: ${seen}. Install postgresql-client-${serverMajor} (apt-get install postgresql-client-${serverMajor}, from the PGDG repository on Ubuntu runners), or set pg-dump-path to a ${name} ${serverMajor} or newer${name === 'pg_dump' ? ', or set pg-dump-docker: true on a runner with Docker' : ''}`,
  ]);
}

/** Whether a `docker` command is on PATH and its engine answers within `timeoutMs`; the reason when not. */
export async function dockerProblem(timeoutMs = DOCKER_PROBE_MS): Promise<string | undefined> {
  try {
    await run('docker', ['version', '--format', '{{.Server.Version}}'], { timeout: timeoutMs, env: process.env });
    return undefined;
  } catch (cause) {
    const e = cause as NodeJS.ErrnoException & { killed?: boolean; stderr?: string };
    if (e.code === 'ENOENT') return 'no docker command on PATH';
    if (e.killed) return `docker version did not answer within ${Math.round(timeoutMs / 1000)}s`;
    return `docker version failed${e.stderr?.trim() ? `: ${e.stderr.trim().split('\n')[0]}` : ''}`;
  }
}

/**
 * The tool from the official postgres:<major> image, run by Docker with the host network (a server on 127.0.0.1
 * is the runner's) and `dir` mounted at the same path, the password passed through the environment
 * (-e PGPASSWORD, without its value on argv). The image is pulled and its tool asked for its version here, before
 * anything is dumped.
 */
export async function dockerTool(name: string, major: number, dir: string, signal?: AbortSignal): Promise<PgTool> {
  const problem = await dockerProblem();
  if (problem) {
    throw new InputError([
      `pg-dump-docker: Docker is not available on this runner (docker version failed); install postgresql-client-${major} or set pg-dump-path instead`,
    ]);
  }
  const image = `postgres:${major}`;
  const prefix = ['run', '--rm', '--network', 'host', '-e', 'PGPASSWORD', '-v', `${dir}:${dir}`, image, name];
  let version = String(major);
  try {
    // A cancel stops the pull (the docker client, and the pull with it) rather than waiting for the image.
    const { stdout } = await run('docker', [...prefix, '--version'], {
      timeout: DOCKER_PULL_MS,
      env: process.env,
      signal,
    });
    const m = /\(PostgreSQL\) (\d+(?:\.\d+)?)/.exec(stdout);
    if (m) version = m[1];
  } catch (cause) {
    if (signal?.aborted) throw new CancelledError(String(signal.reason), `while the ${image} image was pulled`);
    throw new InputError(
      [
        `pg-dump-docker: could not run ${name} from the ${image} image (${((cause as Error).message ?? '').split('\n')[0]}); install postgresql-client-${major} or set pg-dump-path instead`,
      ],
      { cause },
    );
  }
  return { path: 'docker', prefix, image, major, version, source: `docker ${image}` };
}

/**
 * The copy of `name` a backup uses, per pg-dump-docker. auto: an installed copy (or pg-dump-path's) at least as
 * new as the server, else the postgres:<major> image when Docker answers, else an InputError naming the server's
 * major, the installed versions and the fixes. true: always the image. false: never.
 */
export async function backupTool(
  name: string,
  serverMajor: number,
  o: { explicit?: string; docker: DockerMode; dir: string; signal?: AbortSignal },
): Promise<PgTool> {
  if (o.docker === 'true') return dockerTool(name, serverMajor, o.dir, o.signal);
  if (o.docker === 'false') return chooseTool(name, serverMajor, o.explicit);
  const all = await installedTools(name, o.explicit);
  const candidates = o.explicit ? all.filter((t) => t.path === o.explicit || t.path === join(o.explicit!, name)) : all;
  if (o.explicit && !candidates.length) return chooseTool(name, serverMajor, o.explicit); // refuses: nothing works there
  const chosen = candidates.filter((t) => t.major >= serverMajor).sort((a, b) => b.major - a.major)[0];
  if (chosen) return chosen;
  const problem = await dockerProblem();
  if (!problem) return dockerTool(name, serverMajor, o.dir, o.signal);
  const seen = candidates.length
    ? candidates.map((t) => `${name} ${t.version} at ${t.path}`).join(', ')
    : `no ${name} found`;
  throw new InputError([
    `${name}: the server runs PostgreSQL ${serverMajor}, but the installed ${name} is older (${seen}) and ${name} refuses servers newer than itself; Docker cannot stand in (${problem}). Fix: install postgresql-client-${serverMajor} from the PGDG repository (apt.postgresql.org), or make Docker available so the postgres:${serverMajor} image's ${name} is used (pg-dump-docker: auto), or set pg-dump-path to a ${name} ${serverMajor} or newer`,
  ]);
}
