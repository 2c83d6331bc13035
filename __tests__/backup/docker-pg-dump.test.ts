import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { readMetadata } from '../../src/backup/metadata.js';
import { chooseTool } from '../../src/backup/pg-tools.js';
import { takeBackup } from '../../src/backup/take-backup.js';
import { resolveConnString } from '../../src/connection/resolve.js';
import { withClient } from '../../src/db/session/connect.js';
import { serverMajor } from '../../src/db/session/server-version.js';
import { InputError } from '../../src/foundation/errors.js';
import { withPgDump } from '../harness/backup-tools.js';
import { scratchDb, type ScratchDb } from '../harness/db.js';
import { makeFolder } from '../harness/folders.js';
import { issueTestCertificates } from '../harness/tls-server.js';

/**
 * pg-dump-docker: auto. The installed pg_dump is a stand-in reporting 9.6 (pg-dump-path), so auto must turn to the
 * postgres:<major> image; `docker` is a stand-in script that records its arguments and the names (never the
 * values) of its environment, then runs the local tool with the arguments after the image name.
 */

let db: ScratchDb;
let major: number;
/** An installed pg_dump's folder able to dump the test server, run by the stand-in docker (none: 16+ with only 15). */
let realBin: string | undefined;
const savedPath = process.env.PATH;
beforeAll(async () => {
  db = await scratchDb();
  await withClient(db.url, async (c) => {
    await c.query('CREATE TABLE t (id int PRIMARY KEY, v text)');
    await c.query("INSERT INTO t SELECT g, 'row ' || g FROM generate_series(1, 50) g");
  });
  major = await withClient(db.url, serverMajor);
  realBin = await chooseTool('pg_dump', major).then(
    (t) => dirname(t.path),
    () => undefined,
  );
});
afterAll(async () => {
  await db.drop();
});
afterEach(() => {
  process.env.PATH = savedPath;
});

function script(dir: string, name: string, body: string): void {
  const file = join(dir, name);
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
}

/** A folder whose pg_dump and pg_restore say they are 9.6. */
function oldTools(): string {
  const dir = mkdtempSync(join(tmpdir(), 'old-pg-'));
  for (const name of ['pg_dump', 'pg_restore']) script(dir, name, `echo "${name} (PostgreSQL) 9.6.24"`);
  return dir;
}

/** A stand-in docker: records each call's argv (one per line, a blank line after) and its environment's names. */
function fakeDocker(): { dir: string; log: string; envLog: string } {
  const dir = mkdtempSync(join(tmpdir(), 'fake-docker-'));
  const log = join(dir, 'argv.log');
  const envLog = join(dir, 'env.log');
  script(
    dir,
    'docker',
    `for a in "$@"; do printf '%s\\n' "$a" >> '${log}'; done
printf '\\n' >> '${log}'
env | cut -d= -f1 >> '${envLog}'
if [ "$1" = version ]; then echo 27.0.0; exit 0; fi
if [ "$1" != run ]; then echo "fake docker: $1 unsupported" >&2; exit 2; fi
shift
while [ $# -gt 0 ]; do
  case "$1" in
    postgres:*) shift; break ;;
  esac
  shift
done
tool="$1"; shift
exec '${realBin ?? '/no-installed-pg_dump-fits-this-server'}'/"$tool" "$@"`,
  );
  return { dir, log, envLog };
}

const systemPath = () => (savedPath ?? '').split(':').filter((d) => d && !existsSync(join(d, 'docker')));

withPgDump.test(
  'auto: an installed pg_dump older than the server falls back to the postgres:<major> image, and says so',
  async () => {
    const docker = fakeDocker();
    process.env.PATH = [docker.dir, ...systemPath()].join(':');
    const dir = makeFolder({});
    // A password in the URL (the test server trusts local connections when it has none): it must not reach argv.
    const withPassword = new URL(db.url);
    if (!withPassword.password) withPassword.password = 'not-on-argv-7431';
    const info = await takeBackup(withPassword.toString(), {
      dir,
      historyTable: { table: 'schema_migrations' },
      pgDumpPath: oldTools(),
      pgDumpDocker: 'auto',
    });

    expect(info.pgDumpVersion).toMatch(new RegExp(`^\\d+(\\.\\d+)? \\(docker postgres:${major}\\)$`));
    const metadata = readMetadata(info.path);
    expect(metadata.pgDumpVersion).toBe(info.pgDumpVersion);
    expect(metadata.entries).toBeGreaterThan(0);

    const calls = readFileSync(docker.log, 'utf8')
      .split('\n\n')
      .filter(Boolean)
      .map((c) => c.split('\n'));
    const runs = calls.filter((c) => c[0] === 'run');
    expect(runs.map((c) => c.find((a) => a.startsWith('postgres:')))).toEqual(runs.map(() => `postgres:${major}`));
    const dump = runs.find((c) => c.includes('pg_dump') && c.some((a) => a.startsWith('--file=')))!;
    expect(dump).toBeDefined();
    expect(dump.join(' ')).toContain('--network host');
    expect(dump.join(' ')).toContain('-e PGPASSWORD');
    expect(runs.some((c) => c.includes('pg_restore') && c.includes('--list'))).toBe(true);
    // The password is never on docker's command line: only the variable's name is.
    const password = decodeURIComponent(withPassword.password);
    const argv = readFileSync(docker.log, 'utf8');
    expect(argv).not.toMatch(/PGPASSWORD=/);
    expect(argv).not.toContain(password);
    expect(dump.some((a) => a.startsWith('--dbname=') && /:\/\/[^/]*:[^/]*@/.test(a))).toBe(false);
    // …but reaches the container through the environment (docker run -e PGPASSWORD).
    expect(readFileSync(docker.envLog, 'utf8').split('\n')).toContain('PGPASSWORD');
  },
);

withPgDump.test(
  'Docker: the CA, client certificate and key the URL names are mounted read-only at their own paths, before the image',
  async () => {
    const docker = fakeDocker();
    process.env.PATH = [docker.dir, ...systemPath()].join(':');
    const tls = issueTestCertificates();
    const given = new URL(db.url);
    if (!given.password) given.password = 'not-on-argv-5527';
    // prefer: the test server speaks no TLS, so pg_dump goes on in the clear, having been told where the files are.
    for (const [k, v] of Object.entries({
      sslmode: 'prefer',
      sslrootcert: tls.ca,
      sslcert: tls.clientCert,
      sslkey: tls.clientKey,
    }))
      given.searchParams.set(k, v);
    const url = resolveConnString(given.toString(), { HOME: tls.dir }).url;
    await takeBackup(url, {
      dir: makeFolder({}),
      historyTable: { table: 'schema_migrations' },
      pgDumpPath: oldTools(),
      pgDumpDocker: 'auto',
    }).finally(() => rmSync(tls.dir, { recursive: true, force: true }));

    const calls = readFileSync(docker.log, 'utf8')
      .split('\n\n')
      .filter(Boolean)
      .map((c) => c.split('\n'));
    const dump = calls.find((c) => c[0] === 'run' && c.includes('pg_dump') && c.some((a) => a.startsWith('--file=')))!;
    const image = dump.indexOf(`postgres:${major}`);
    for (const file of [tls.ca, tls.clientCert, tls.clientKey]) {
      const mount = dump.indexOf(`${file}:${file}:ro`);
      expect([dump[mount - 1], mount > 0 && mount < image]).toEqual(['-v', true]);
    }
    expect(dump.find((a) => a.startsWith('--dbname='))).toEqual(expect.stringContaining(`sslrootcert='${tls.ca}'`));
    expect(readFileSync(docker.log, 'utf8')).not.toContain(decodeURIComponent(given.password));
  },
);

test('auto: no docker on PATH and an old pg_dump is a clear refusal, before anything is dumped', async () => {
  process.env.PATH = systemPath().join(':');
  const dir = makeFolder({});
  const err = await takeBackup(db.url, {
    dir,
    historyTable: { table: 'schema_migrations' },
    pgDumpPath: oldTools(),
    pgDumpDocker: 'auto',
  }).catch((e) => e);
  expect(err).toBeInstanceOf(InputError);
  expect(err.message).toContain(`the server runs PostgreSQL ${major}`);
  expect(err.message).toContain('pg_dump 9.6 at ');
  expect(err.message).toContain('no docker command on PATH');
  expect(err.message).toMatch(
    new RegExp(`install postgresql-client-${major} from the PGDG repository.*make Docker available.*pg-dump-path`),
  );
  expect(readdirSync(dir)).toEqual([]);
});

test('false: never Docker, even when it answers', async () => {
  const docker = fakeDocker();
  process.env.PATH = [docker.dir, ...systemPath()].join(':');
  const err = await takeBackup(db.url, {
    dir: makeFolder({}),
    historyTable: { table: 'schema_migrations' },
    pgDumpPath: oldTools(),
    pgDumpDocker: 'false',
  }).catch((e) => e);
  expect(err).toBeInstanceOf(InputError);
  expect(existsSync(docker.log)).toBe(false);
});

withPgDump.test('auto with a new enough pg_dump installed uses it and names its path', async () => {
  const docker = fakeDocker();
  process.env.PATH = [docker.dir, ...systemPath()].join(':');
  const info = await takeBackup(db.url, {
    dir: makeFolder({}),
    historyTable: { table: 'schema_migrations' },
    pgDumpDocker: 'auto',
  });
  expect(info.pgDumpVersion).toMatch(/^\d+(\.\d+)? \(\/.*pg_dump\)$/);
  expect(existsSync(docker.log)).toBe(false);
});
