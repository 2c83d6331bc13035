import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { serverUrl } from './db.js';

const run = promisify(execFile);

/** PgBouncer's pool modes: session keeps a server connection per client, transaction and statement share them. */
export type PoolMode = 'session' | 'transaction' | 'statement';

/** A PgBouncer in front of the test server; stop() ends it and removes its folder. */
export interface Bouncer {
  mode: PoolMode;
  port: number;
  /** `url` (a URL of the test server) with the host and port of this PgBouncer: every database of the server is served. */
  through(url: string): string;
  stop(): Promise<void>;
}

/** Debian's package installs it in /usr/sbin, which is not on every PATH. */
async function binary(): Promise<string> {
  if (existsSync('/usr/sbin/pgbouncer')) return '/usr/sbin/pgbouncer';
  const found = await run('sh', ['-c', 'command -v pgbouncer']).catch(() => undefined);
  if (found?.stdout.trim()) return found.stdout.trim();
  throw new Error('pgbouncer is not installed: apt-get install pgbouncer (.ci/run installs it)');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** PgBouncer refuses to run as root: as root it runs as the `postgres` user, which then owns its folder. */
async function owner(): Promise<{ uid: number; gid: number } | undefined> {
  if (userInfo().uid !== 0) return undefined;
  const id = async (flag: string) => Number((await run('id', [flag, 'postgres'])).stdout.trim());
  return { uid: await id('-u'), gid: await id('-g') };
}

const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;

/**
 * Starts PgBouncer 1.x in `mode` in front of the test server, in the foreground (a child of this process, so a
 * kill ends it), with PgBouncer's defaults otherwise (LIFO reuse of server connections, pool size 20), and waits
 * until it answers a query.
 */
export async function startPgBouncer(mode: PoolMode): Promise<Bouncer> {
  const bin = await binary();
  const server = new URL(serverUrl());
  const user = decodeURIComponent(server.username) || 'postgres';
  const password = decodeURIComponent(server.password);
  const dir = mkdtempSync(join(tmpdir(), `pmg-pgbouncer-${mode}-`));
  const port = await freePort();
  // auth_type trust still wants the user in auth_file; the server gets the test server's own password, if any.
  writeFileSync(join(dir, 'userlist.txt'), `${quote(user)} ${quote(password)}\n`);
  const target = [
    `host=${server.hostname || '127.0.0.1'}`,
    `port=${server.port || 5432}`,
    ...(password ? [`user=${user}`, `password=${password}`] : []),
  ].join(' ');
  writeFileSync(
    join(dir, 'pgbouncer.ini'),
    [
      '[databases]',
      `* = ${target}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      'auth_type = trust',
      `auth_file = ${join(dir, 'userlist.txt')}`,
      `pool_mode = ${mode}`,
      'pidfile =',
      'logfile =',
      '',
    ].join('\n'),
  );
  const as = await owner();
  if (as) {
    chownSync(dir, as.uid, as.gid);
    for (const f of ['userlist.txt', 'pgbouncer.ini']) chownSync(join(dir, f), as.uid, as.gid);
  }
  const child = spawn(bin, [join(dir, 'pgbouncer.ini')], { ...as, cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const keep = (d: Buffer) => (log = (log + d.toString()).slice(-8000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    await end(child, exited);
    rmSync(dir, { recursive: true, force: true });
  };
  const through = (url: string) => {
    const u = new URL(url);
    u.hostname = '127.0.0.1';
    u.port = String(port);
    return u.toString();
  };
  try {
    await ready(through(serverUrl()), child, () => log);
  } catch (err) {
    await stop();
    throw err;
  }
  return { mode, port, through, stop };
}

async function end(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  // SIGTERM is PgBouncer's immediate shutdown; SIGKILL if it has not gone in a few seconds.
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

/** Waits until a query through PgBouncer is answered (or PgBouncer exits, or 10 s pass). */
async function ready(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`pgbouncer exited (${child.exitCode}):\n${log()}`);
    const c = new pg.Client({ connectionString: url });
    c.on('error', () => {});
    try {
      await c.connect();
      await c.query('SELECT 1');
      return;
    } catch (err) {
      if (Date.now() > deadline)
        throw new Error(`pgbouncer did not answer within 10 s (${(err as Error).message}):\n${log()}`);
      await new Promise((r) => setTimeout(r, 50));
    } finally {
      await c.end().catch(() => {});
    }
  }
}
