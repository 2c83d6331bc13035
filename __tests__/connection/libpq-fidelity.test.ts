import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../src/config/config.js';
import { ConnStringError } from '../../src/connection/conn-string.js';
import { resolveConnString } from '../../src/connection/resolve.js';
import { connect } from '../../src/db/session/connect.js';
import { adminQuery, serverUrl } from '../harness/db.js';
import { psqlBinary } from '../harness/psql.js';

/**
 * The same connection string, in the same environment, given to psql (libpq itself) and to this product: both
 * reach the same role and database, or both refuse. The environment is built from scratch for each case, so no
 * PG* variable of the machine running the tests leaks in.
 */
const server = new URL(serverUrl());
const port = server.port;
const home = mkdtempSync(join(tmpdir(), 'pmg-libpq-home-'));
const QUERY =
  "SELECT current_user || '|' || current_database() || '|' || coalesce((SELECT ssl::text FROM pg_stat_ssl WHERE pid = pg_backend_pid()), 'f')";

interface Outcome {
  ok: boolean;
  /** role|database|ssl when connected, else the message. */
  what: string;
}

function viaPsql(conn: string, env: Record<string, string>): Outcome {
  const r = spawnSync(psqlBinary(), ['-X', '-A', '-t', '-w', '-d', conn, '-c', QUERY], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH!, HOME: home, ...env },
  });
  return { ok: r.status === 0, what: r.status === 0 ? r.stdout.trim() : r.stderr.trim() };
}

async function viaProduct(conn: string, env: Record<string, string>): Promise<Outcome> {
  try {
    const client = await connect(resolveConnString(conn, { HOME: home, ...env }).url);
    try {
      return { ok: true, what: (await client.query(`${QUERY} AS x`)).rows[0].x };
    } finally {
      await client.end();
    }
  } catch (err) {
    return { ok: false, what: (err as Error).message };
  }
}

let socketDir: string;
beforeAll(async () => {
  socketDir = (await adminQuery('SHOW unix_socket_directories')).rows[0].unix_socket_directories.split(',')[0].trim();
  await adminQuery(`DO $$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'pmg user') THEN CREATE ROLE "pmg user" LOGIN; END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'pmg_fid') THEN CREATE ROLE pmg_fid LOGIN; END IF;
  END $$`);
  for (const db of ["db with 'quote", 'pmg_fid', 'pmg/slash', 'pmg@at']) {
    if (!(await adminQuery('SELECT FROM pg_database WHERE datname = $1', [db])).rowCount)
      await adminQuery(`CREATE DATABASE "${db}"`);
  }
  writeFileSync(
    join(home, 'services.conf'),
    `# a comment\n[fid]\nhost=127.0.0.1\nport=${port}\nuser=pmg_fid\n\n[other]\ndbname=nope\n`,
  );
});
afterAll(async () => {
  for (const db of ["db with 'quote", 'pmg_fid', 'pmg/slash', 'pmg@at'])
    await adminQuery(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`);
  await adminQuery('DROP ROLE IF EXISTS "pmg user"');
  await adminQuery('DROP ROLE IF EXISTS pmg_fid');
});

const reaches: [string, () => string, Record<string, string>][] = [
  ['a plain URI', () => `postgresql://postgres@127.0.0.1:${port}/postgres`, {}],
  ['percent-encoded user and database', () => `postgresql://pmg%20user@127.0.0.1:${port}/pmg%2Fslash`, {}],
  [
    'postgres:// and an IPv6-style bracketed IPv4-less host name',
    () => `postgres://postgres@localhost:${port}/postgres`,
    {},
  ],
  [
    'key=value with quotes and escapes',
    () => `host=127.0.0.1 port = ${port} user='pmg user' dbname='db with \\'quote'`,
    {},
  ],
  [
    'everything from PG* variables',
    () => 'postgresql://',
    { PGHOST: '127.0.0.1', PGPORT: port, PGUSER: 'pmg_fid', PGDATABASE: 'postgres' },
  ],
  [
    'the string wins over PG* variables',
    () => `postgresql://pmg_fid@127.0.0.1:${port}/postgres`,
    { PGUSER: 'nobody', PGDATABASE: 'nothing', PGPORT: '1' },
  ],
  ['the database defaults to the user', () => `postgresql://pmg_fid@127.0.0.1:${port}`, {}],
  ['a service from PGSERVICEFILE', () => 'service=fid dbname=postgres', { PGSERVICEFILE: join(home, 'services.conf') }],
  [
    'PGSERVICE, the string overriding the service',
    () => `postgresql:///pmg_fid`,
    { PGSERVICEFILE: join(home, 'services.conf'), PGSERVICE: 'fid' },
  ],
  [
    'a Unix socket folder as host',
    () => `postgresql://postgres@%2F${encodeURIComponent(socketDir.slice(1))}:${port}/postgres`,
    {},
  ],
  [
    'a Unix socket folder in the query',
    () => `postgresql:///postgres?host=${encodeURIComponent(socketDir)}&port=${port}&user=postgres`,
    {},
  ],
  [
    'sslmode=prefer against a server without TLS',
    () => `postgresql://postgres@127.0.0.1:${port}/postgres?sslmode=prefer`,
    {},
  ],
  [
    'sslmode=allow against a server without TLS',
    () => `postgresql://postgres@127.0.0.1:${port}/postgres?sslmode=allow`,
    {},
  ],
  ['sslmode=disable', () => `postgresql://postgres@127.0.0.1:${port}/postgres?sslmode=disable`, {}],
  ['PGSSLMODE=prefer', () => `postgresql://postgres@127.0.0.1:${port}/postgres`, { PGSSLMODE: 'prefer' }],
  ['an @ in the database name', () => `postgresql://postgres@127.0.0.1:${port}/pmg@at`, {}],
  [
    'host named, hostaddr dialled',
    () => `host=localhost hostaddr=127.0.0.1 port=${port} user=postgres dbname=postgres`,
    {},
  ],
  [
    'target_session_attrs=read-write on a primary',
    () => `postgresql://postgres@127.0.0.1:${port}/postgres?target_session_attrs=read-write&connect_timeout=5`,
    {},
  ],
  [
    'options, keepalives and an application name',
    () =>
      `postgresql://postgres@127.0.0.1:${port}/postgres?options=-c%20search_path%3Dpublic&keepalives=1&keepalives_idle=30&application_name=deploy`,
    {},
  ],
  [
    'sslmode=require over a Unix socket (no TLS there)',
    () => `postgresql:///postgres?host=${encodeURIComponent(socketDir)}&port=${port}&user=postgres&sslmode=require`,
    {},
  ],
];

describe.each(reaches)('%s: psql and this product reach the same role and database', (_name, conn, env) => {
  test('same outcome', async () => {
    const reference = viaPsql(conn(), env);
    expect(reference.ok).toBe(true);
    expect(await viaProduct(conn(), env)).toEqual(reference);
  });
});

const refused: [string, () => string, Record<string, string>][] = [
  [
    'sslmode=require against a server without TLS',
    () => `postgresql://postgres@127.0.0.1:${port}/postgres?sslmode=require`,
    {},
  ],
  [
    'ssl=true (libpq: sslmode=require) against a server without TLS',
    () => `postgresql://postgres@127.0.0.1:${port}/postgres?ssl=true`,
    {},
  ],
  [
    'PGSSLMODE=require against a server without TLS',
    () => `postgresql://postgres@127.0.0.1:${port}/postgres`,
    { PGSSLMODE: 'require' },
  ],
  [
    'target_session_attrs=standby on a primary',
    () => `postgresql://postgres@127.0.0.1:${port}/postgres?target_session_attrs=standby`,
    {},
  ],
  ['a port over 65535', () => `postgresql://postgres@127.0.0.1:99999/postgres`, {}],
  ['an unencoded / in the password', () => `postgresql://postgres:ab/cd@127.0.0.1:${port}/postgres`, {}],
  ['an unclosed [', () => `postgresql://postgres@[::1:${port}/postgres`, {}],
  ['an unknown query parameter', () => `postgresql://postgres@127.0.0.1:${port}/postgres?sslmod=require`, {}],
  ["node-postgres's sslmode=no-verify", () => `postgresql://postgres@127.0.0.1:${port}/postgres?sslmode=no-verify`, {}],
  [
    "node-postgres's uselibpqcompat",
    () => `postgresql://postgres@127.0.0.1:${port}/postgres?sslmode=require&uselibpqcompat=true`,
    {},
  ],
  ['a bad percent-encoding', () => `postgresql://postgres:50%off@127.0.0.1:${port}/postgres`, {}],
  ['an unknown service', () => 'service=missing', { PGSERVICEFILE: join(home, 'services.conf') }],
  ['verify-full without a CA file', () => `postgresql://postgres@127.0.0.1:${port}/postgres?sslmode=verify-full`, {}],
];

describe.each(refused)('%s: psql and this product both refuse', (_name, conn, env) => {
  test('both refuse', async () => {
    expect(viaPsql(conn(), env).ok).toBe(false);
    expect((await viaProduct(conn(), env)).ok).toBe(false);
  });
});

describe('database-url problems are configuration errors naming database-url, never the password', () => {
  const problems = (url: string, env: NodeJS.ProcessEnv = {}) => {
    try {
      parseConfig({ 'database-url': url }, env);
      return [];
    } catch (err) {
      return (err as { problems: string[] }).problems;
    }
  };

  test.each([
    ['postgresql://app:s3cretpw@db:99999/shop', /^database-url: the port is not a number from 1 to 65535/],
    [
      'postgresql://app:abc/s3cretpw==@db.example.com:5432/shop',
      /^database-url: the user name or password holds an unencoded \//,
    ],
    [
      'postgresql://app:s3cretpw@[::1/shop',
      /^database-url: the host starts an IPv6 address with \[ that is never closed/,
    ],
    [
      'postgresql://app:s3cretpw@db/shop?sslmode=no-verify',
      /^database-url: sslmode=no-verify is a node-postgres value .* use sslmode=require/,
    ],
    [
      'postgresql://app:s3cretpw@db/shop?uselibpqcompat=true',
      /^database-url: uselibpqcompat is a node-postgres switch/,
    ],
    [
      'postgresql://app:s3cretpw@db/shop?sslmode=verify-full&sslrootcert=/nowhere/ca.pem',
      /^database-url: sslrootcert: the CA file \/nowhere\/ca.pem does not exist/,
    ],
    [
      'postgresql://app:s3cretpw@db/shop?sslmode=require&sslrootcert=system',
      /^database-url: sslrootcert=system needs sslmode=verify-full/,
    ],
    ['postgresql://app:s3cretpw@h1,h2/shop', /^database-url: several hosts are not supported/],
    ['postgresql://app:s3cret%zzpw@db/shop', /^database-url: the password holds a % that does not start/],
    ['mysql://app:s3cretpw@db/shop', /^database-url: must be a postgresql:\/\/ URI/],
    [
      'host=db password=s3cretpw sslmode=verify-ca',
      /^database-url: sslmode=verify-ca checks the server's certificate against a CA, and none is named/,
    ],
  ])('%s', (url, message) => {
    const found = problems(url);
    expect(found).toEqual([expect.stringMatching(message)]);
    expect(found.join('\n')).not.toContain('s3cret');
  });

  test.each([
    ['postgresql://app:s3cret@pw@db/shop', /^database-url: the user name or password holds an unencoded @/],
    ['postgresql://app:s3c/ret@db:5432/shop', /^database-url: the user name or password holds an unencoded \//],
    ['postgresql://app@db/shop?password=s3cret&pwtail', /^database-url: query parameter 2 has no =value/],
    ['host=db password=s3cret pwtail', /^database-url: word 3 of the connection string has no =value/],
    ['host=db password=s3cret pwtail=x', /^database-url: parameter 3 is not a connection parameter libpq knows/],
    [
      'POSTGRESQL://app:s3cret@db/shop?sslmode=require',
      /^database-url: parameter 1 is not a connection parameter libpq knows/,
    ],
    [
      'postgresql://app:s3cret@db/shop?sslsni=0',
      /^database-url: sslsni=0: the driver this product uses always names the host/,
    ],
  ])('%s: refused without any part of the password', (url, message) => {
    const found = problems(url);
    expect(found).toEqual([expect.stringMatching(message)]);
    expect(found.join('\n')).not.toMatch(/s3c|ret|pwtail/);
  });

  test("what the string leaves out is libpq's default, spelled out: a local socket (no TLS there), the OS user, the user's database", async () => {
    const { DEFAULT_SOCKET_DIRS } = await import('../../src/connection/defaults.js');
    const url = parseConfig({ 'database-url': 'postgresql:///?sslmode=require' }).databaseUrl!;
    const { userInfo } = await import('node:os');
    const user = userInfo().username;
    expect(
      DEFAULT_SOCKET_DIRS.map(
        (d) => `postgresql://${user}@:5432/${user}?host=${encodeURIComponent(d)}&sslmode=require`,
      ),
    ).toContain(url);
    const { transports } = await import('../../src/db/session/driver-options.js');
    const { parseConnString } = await import('../../src/connection/conn-string.js');
    expect(transports(parseConnString(url))).toEqual([false]);
  });

  test('a password file is searched with the defaults filled in: no user in the URL means the OS user', async () => {
    const { userInfo } = await import('node:os');
    const passfile = join(home, 'pgpass-os-user');
    writeFileSync(passfile, `db.example:5432:shop:${userInfo().username}:os-user-pw\n`);
    chmodSync(passfile, 0o600);
    expect(parseConfig({ 'database-url': 'postgresql://db.example/shop' }, { PGPASSFILE: passfile }).secrets).toContain(
      'os-user-pw',
    );
  });

  test('a service file is read as libpq reads it: the first line for a key wins, and `key = value` is an error', () => {
    const file = join(home, 'strict-services.conf');
    writeFileSync(file, '[twice]\nhost=first.example\nhost=second.example\n[spaced]\nhost = db.example\n');
    expect(parseConfig({ 'database-url': 'service=twice dbname=x' }, { PGSERVICEFILE: file }).databaseUrl).toMatch(
      /^postgresql:\/\/[^@]*@first\.example:5432\/x$/,
    );
    expect(problems('service=spaced', { PGSERVICEFILE: file })).toEqual([
      expect.stringMatching(/^database-url: service file .*strict-services\.conf, line 5: syntax error/),
    ]);
  });

  test('a client key passphrase (sslpassword) is a secret, and never goes to pg_dump on its command line', async () => {
    const c = parseConfig({ 'database-url': 'host=db user=app sslpassword=k3y-phrase' });
    expect(c.secrets).toContain('k3y-phrase');
    const { toolConnection } = await import('../../src/backup/tool-connection.js');
    expect(() => toolConnection(c.databaseUrl!, { path: 'pg_dump', major: 15, version: '15.0' })).toThrow(
      /sslpassword cannot reach pg_dump without showing on its command line/,
    );
  });

  test('a password from PGPASSWORD or a password file is registered as a secret', () => {
    expect(parseConfig({ 'database-url': 'postgresql://app@db/shop' }, { PGPASSWORD: 'fr0m-env' }).secrets).toContain(
      'fr0m-env',
    );
    const passfile = join(home, 'pgpass');
    writeFileSync(passfile, '# comment\nother:*:*:*:nope\ndb:5432:shop:app:fr\\:om-file\n');
    chmodSync(passfile, 0o600);
    const c = parseConfig({ 'database-url': `postgresql://app@db/shop?passfile=${passfile}` });
    expect(c.secrets).toContain('fr:om-file');
    expect(c.databaseUrl).not.toContain('passfile');
  });

  test('a password file others can read is ignored, as libpq ignores it', () => {
    const passfile = join(home, 'pgpass-open');
    writeFileSync(passfile, '*:*:*:*:open-secret\n');
    chmodSync(passfile, 0o644);
    expect(parseConfig({ 'database-url': `postgresql://app@db/shop?passfile=${passfile}` }).secrets).not.toContain(
      'open-secret',
    );
  });

  test('ConnStringError never carries the password it could not parse', () => {
    expect(() => resolveConnString('postgresql://u:pa%ss@h/db', {})).toThrow(ConnStringError);
  });
});
