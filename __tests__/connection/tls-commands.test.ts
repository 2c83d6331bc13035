import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import pg from 'pg';
import { addFile, makeFolder } from '../harness/folders.js';
import { runCliInProcess } from '../harness/in-process.js';
import { startTlsServer, TLS_USERS, type TlsServer } from '../harness/tls-server.js';

/**
 * Every part of a run speaks TLS as libpq does: the CLI's apply (with its backups), backup and restore, the driver
 * and pg_dump/pg_restore alike, against a PostgreSQL 15 server whose CA no store of Node's knows. The role pmg_tls
 * may only log in over TLS, so each success is also proof that every session of the run used TLS.
 */

let server: TlsServer;
/** The HOMEs and backups of the tests, removed at the end. */
const scratch = mkdtempSync(join(tmpdir(), 'pmg-tls-cli-'));
const { name: user, password } = TLS_USERS.tls;
const saved = { ...process.env };

async function query(db: string, sql: string): Promise<pg.QueryResult> {
  const u = new URL(server.adminUrl);
  u.pathname = `/${db}`;
  const c = new pg.Client({ connectionString: u.toString() });
  await c.connect();
  try {
    return await c.query(sql);
  } finally {
    await c.end();
  }
}

const tables = async (db: string) =>
  (await query(db, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")).rows.map(
    (r) => r.tablename,
  );

beforeAll(async () => {
  server = await startTlsServer();
  for (const db of ['pmg_app', 'pmg_refused']) await query('postgres', `CREATE DATABASE ${db} OWNER ${user}`);
}, 60_000);
afterAll(async () => {
  await server?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

let warnings: jest.SpiedFunction<typeof process.emitWarning>;
beforeEach(() => {
  // A HOME without ~/.postgresql and no PG* variables: the URL alone says how to connect.
  for (const k of Object.keys(process.env)) if (k.startsWith('PG') || k === 'DATABASE_URL') delete process.env[k];
  process.env.HOME = mkdtempSync(join(scratch, 'home-'));
  warnings = jest.spyOn(process, 'emitWarning');
});
afterEach(() => {
  warnings.mockRestore();
  for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
  Object.assign(process.env, saved);
});

const url = (host: string, db: string, params: Record<string, string>) =>
  `postgresql://${user}:${password}@${host}:${server.port}/${db}?${new URLSearchParams(params)}`;

/** The CLI, and what it must never print: the password, or node-postgres's warning about its own sslmode reading. */
async function cli(args: string[]): Promise<{ code: number; output: string }> {
  const r = await runCliInProcess(args);
  const output = `${r.stdout}\n${r.stderr}`;
  expect(output).not.toContain(password);
  expect(output).not.toMatch(/SECURITY WARNING|treated as aliases for 'verify-full'/);
  expect(warnings.mock.calls.map((c) => String(c[0]))).toEqual([]);
  return { code: r.code, output };
}

/** backup, then restore of that backup, both through the CLI; returns the dump's path. */
async function backupAndRestore(db: string): Promise<string> {
  const backups = mkdtempSync(join(scratch, 'backups-'));
  const made = await cli(['backup', '--database-url', db, '--backup-dir', backups, '--format', 'json']);
  expect(made.code).toBe(0);
  const dump = JSON.parse(made.output.slice(0, made.output.lastIndexOf('}') + 1)).backup.path as string;
  expect(existsSync(dump)).toBe(true);
  const restored = await cli(['restore', '--yes', '--database-url', db, '--backup-file', dump]);
  expect([restored.code, restored.output]).toEqual([0, expect.stringMatching(/restored .*\.dump/)]);
  return dump;
}

test('sslmode=require with a CA no store knows: encrypted without checking, as libpq does (node-postgres alone would check it as verify-full)', async () => {
  const folder = makeFolder({ '001_widgets.sql': 'CREATE TABLE widgets (id int PRIMARY KEY, name text);\n' });
  const target = url('127.0.0.1', 'pmg_app', { sslmode: 'require' });
  const applied = await cli([
    'apply',
    '--yes',
    '--migrations-dir',
    folder,
    '--backup-dir',
    mkdtempSync(join(scratch, 'backups-')),
    '--database-url',
    target,
  ]);
  expect(applied.code).toBe(0);
  expect(applied.output).toContain('sslmode=require encrypts the connection but checks no certificate, as psql does');
  expect(await tables('pmg_app')).toEqual(['schema_migrations', 'widgets']);
  await backupAndRestore(target);
  expect(await tables('pmg_app')).toEqual(['schema_migrations', 'widgets']);
});

test('sslmode=verify-full with the CA and the host name the certificate carries (localhost): apply, backup, restore', async () => {
  const folder = makeFolder({ '001_widgets.sql': 'CREATE TABLE widgets (id int PRIMARY KEY, name text);\n' });
  addFile(folder, '002_gadgets.sql', 'CREATE TABLE gadgets (id int PRIMARY KEY);\n');
  const target = url('localhost', 'pmg_app', { sslmode: 'verify-full', sslrootcert: server.files.ca });
  const applied = await cli([
    'apply',
    '--yes',
    '--migrations-dir',
    folder,
    '--backup-dir',
    mkdtempSync(join(scratch, 'backups-')),
    '--database-url',
    target,
  ]);
  expect(applied.code).toBe(0);
  expect(await tables('pmg_app')).toEqual(['gadgets', 'schema_migrations', 'widgets']);
  await backupAndRestore(target);
});

test('sslmode=verify-ca checks the CA only: 127.0.0.1, which the certificate does not name, is accepted by the driver and pg_dump alike', async () => {
  await backupAndRestore(url('127.0.0.1', 'pmg_app', { sslmode: 'verify-ca', sslrootcert: server.files.ca }));
});

test('sslmode=verify-full with a host name the certificate does not carry (127.0.0.1): refused before anything runs', async () => {
  const folder = makeFolder({ '001_widgets.sql': 'CREATE TABLE widgets (id int PRIMARY KEY, name text);\n' });
  const backups = join(mkdtempSync(join(scratch, 'backups-')), 'backups');
  const refused = await cli([
    'apply',
    '--yes',
    '--migrations-dir',
    folder,
    '--backup-dir',
    backups,
    '--database-url',
    url('127.0.0.1', 'pmg_refused', { sslmode: 'verify-full', sslrootcert: server.files.ca }),
  ]);
  expect(refused.code).not.toBe(0);
  expect(refused.output).toMatch(
    /the server's certificate does not name the host 127\.0\.0\.1 \(sslmode=verify-full\): server certificate for "localhost" (\(and 1 other name\) )?does not match host name "127\.0\.0\.1"/,
  );
  expect(await tables('pmg_refused')).toEqual([]);
  expect(existsSync(backups) ? readdirSync(backups) : []).toEqual([]);
});
