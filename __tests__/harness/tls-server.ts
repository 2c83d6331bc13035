import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { queryAt } from './db.js';
import { serverUser, startServerOfMajor } from './server.js';

/**
 * A PostgreSQL 15 server that speaks TLS, with certificates made by openssl for the test run:
 *
 * - `ca`: the test CA, which signed the server's certificate. That certificate names `localhost` only (SAN
 *   DNS:localhost, CN localhost), so connecting to `localhost` matches it and `127.0.0.1` is a host name it does
 *   not match (libpq compares the CN with an IP address only when the SANs hold no IP address; here the CN is not
 *   one either).
 * - `otherCa`: an unrelated CA, as another provider's would be: it signed nothing the server presents.
 * - `clientCa`: the CA the server trusts for client certificates (ssl_ca_file); `clientCert`/`clientKey` are
 *   the certificate of the role pmg_cert, `strangerCert`/`strangerKey` one for pmg_cert signed by `otherCa`.
 *
 * pg_hba.conf, for connections from 127.0.0.1: postgres trusted (setup), pmg_tls by password over TLS only
 * (hostssl scram-sha-256), pmg_clear by password in the clear only (hostnossl scram-sha-256), pmg_cert by its
 * client certificate (hostssl cert).
 */

const OPENSSL = '/usr/bin/openssl';

export interface TlsFiles {
  dir: string;
  ca: string;
  otherCa: string;
  clientCa: string;
  clientCert: string;
  /** Mode 0600, as libpq wants a private key. */
  clientKey: string;
  strangerCert: string;
  strangerKey: string;
}

/** A server certificate signed by the test CA: its subject CN and its SANs (`DNS:localhost`, `IP:127.0.0.1`). */
export interface ServerCertificate {
  cn: string;
  san?: string[];
}

export const DEFAULT_CERTIFICATE: ServerCertificate = { cn: 'localhost', san: ['DNS:localhost'] };

/** The roles pg_hba.conf treats differently; the passwords are the test's own. */
export const TLS_USERS = {
  tls: { name: 'pmg_tls', password: 'tls-0nly-pw' },
  clear: { name: 'pmg_clear', password: 'cl3ar-0nly-pw' },
  cert: { name: 'pmg_cert' },
  /** Authenticated by a password in clear text (pg_hba's password method), over TLS or not. */
  plain: { name: 'pmg_plain', password: 'pl4in-pw' },
} as const;

const CONFIG = `[req]
distinguished_name = dn
[dn]
[ca]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
`;

const openssl = (dir: string, args: string[]) =>
  execFileSync(OPENSSL, args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

function makeCa(dir: string, name: string, cn: string): void {
  openssl(dir, [
    'req',
    '-x509',
    ...EC_KEY,
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.crt`,
    '-days',
    '2',
    '-subj',
    `/CN=${cn}`,
    '-config',
    'openssl.cnf',
    '-extensions',
    'ca',
  ]);
}

let serial = 1000;

/** `<name>.crt` and `.key` (0600) in `dir`: a certificate for `cn` signed by the CA `<ca>.crt` there, with `extensions`. */
function issue(dir: string, name: string, ca: string, cn: string, extensions: string): void {
  writeFileSync(join(dir, `${name}.ext`), `[ext]\n${extensions}`);
  openssl(dir, [
    'req',
    '-new',
    ...EC_KEY,
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.csr`,
    '-subj',
    `/CN=${cn}`,
    '-config',
    'openssl.cnf',
  ]);
  openssl(dir, [
    'x509',
    '-req',
    '-in',
    `${name}.csr`,
    '-CA',
    `${ca}.crt`,
    '-CAkey',
    `${ca}.key`,
    '-set_serial',
    String(serial++),
    '-days',
    '2',
    '-out',
    `${name}.crt`,
    '-extfile',
    `${name}.ext`,
    '-extensions',
    'ext',
  ]);
  chmodSync(join(dir, `${name}.key`), 0o600);
}

/** A server certificate `<name>.crt` and `.key` in `dir`, signed by the test CA made there. */
function issueServer(dir: string, name: string, c: ServerCertificate): void {
  const san = c.san?.length ? `subjectAltName = ${c.san.join(',')}\n` : '';
  issue(
    dir,
    name,
    'ca',
    c.cn,
    `basicConstraints = CA:FALSE\nkeyUsage = critical,digitalSignature,keyEncipherment\nextendedKeyUsage = serverAuth\n${san}`,
  );
}

/** The CAs and client certificates, made in a new temporary folder (no server is started). */
export function issueTestCertificates(): TlsFiles {
  const dir = mkdtempSync(join(tmpdir(), 'pmg-tls-'));
  writeFileSync(join(dir, 'openssl.cnf'), CONFIG);
  makeCa(dir, 'ca', 'pmg test CA');
  makeCa(dir, 'other-ca', 'another provider CA');
  makeCa(dir, 'client-ca', 'pmg test client CA');
  const client = 'basicConstraints = CA:FALSE\nkeyUsage = critical,digitalSignature\nextendedKeyUsage = clientAuth\n';
  issue(dir, 'client', 'client-ca', TLS_USERS.cert.name, client);
  issue(dir, 'stranger', 'other-ca', TLS_USERS.cert.name, client);
  const f = (name: string) => join(dir, name);
  return {
    dir,
    ca: f('ca.crt'),
    otherCa: f('other-ca.crt'),
    clientCa: f('client-ca.crt'),
    clientCert: f('client.crt'),
    clientKey: f('client.key'),
    strangerCert: f('stranger.crt'),
    strangerKey: f('stranger.key'),
  };
}

/**
 * A CRL of the test CA in `files.dir`, revoking the certificate `revoke` (a file there) or nothing; returns its
 * path. libpq and Node both check it for every certificate of the chain (CRL_CHECK_ALL).
 */
export function issueCrl(files: TlsFiles, revoke?: string): string {
  const db = mkdtempSync(join(files.dir, 'crl-'));
  writeFileSync(join(db, 'index.txt'), '');
  writeFileSync(join(db, 'crlnumber'), '1000\n');
  writeFileSync(
    join(db, 'ca.cnf'),
    `[ca]\ndefault_ca = test\n[test]\ndatabase = ${db}/index.txt\ncrlnumber = ${db}/crlnumber\ndefault_md = sha256\ndefault_crl_days = 2\n`,
  );
  const ca = ['-config', join(db, 'ca.cnf'), '-keyfile', 'ca.key', '-cert', 'ca.crt'];
  if (revoke) openssl(files.dir, ['ca', ...ca, '-revoke', revoke]);
  openssl(files.dir, ['ca', ...ca, '-gencrl', '-out', join(db, 'crl.pem')]);
  return join(db, 'crl.pem');
}

export interface TlsServer {
  port: number;
  /** postgres over TCP in the clear (trusted): setup and checks. */
  adminUrl: string;
  files: TlsFiles;
  /** The certificate the server starts with (DEFAULT_CERTIFICATE), in `files.dir`. */
  firstCertificate: string;
  /** uid and gid of the server's user when the tests run as root (files can then belong to someone else). */
  postgresUser?: [number, number];
  /** Gives the server a new certificate signed by the test CA, and waits until new connections get it. */
  present(c: ServerCertificate): Promise<void>;
  stop(): Promise<void>;
}

const HBA = `local all all trust
host all postgres 127.0.0.1/32 trust
hostssl all ${TLS_USERS.tls.name} 127.0.0.1/32 scram-sha-256
hostnossl all ${TLS_USERS.clear.name} 127.0.0.1/32 scram-sha-256
hostssl all ${TLS_USERS.cert.name} 127.0.0.1/32 cert
host all ${TLS_USERS.plain.name} 127.0.0.1/32 password
`;

const admin = (url: string, sql: string) => queryAt(url, sql);

/**
 * The TLS server of a test file (PostgreSQL 15, as the installed client tools). Its own files (certificate, key,
 * client CA) live in a folder the server's user owns; the client's files in `files.dir`.
 */
export async function startTlsServer(): Promise<TlsServer> {
  const files = issueTestCertificates();
  const user = await serverUser();
  const own = mkdtempSync(join(tmpdir(), 'pmg-tls-server-'));
  let issued = 0;
  const place = (c: ServerCertificate) => {
    const name = `server-${issued++}`;
    issueServer(files.dir, name, c);
    for (const ext of ['crt', 'key']) {
      copyFileSync(join(files.dir, `${name}.${ext}`), join(own, `${name}.${ext}`));
      chmodSync(join(own, `${name}.${ext}`), 0o600);
      if (user.owner) chownSync(join(own, `${name}.${ext}`), ...user.owner);
    }
    return { cert: join(own, `${name}.crt`), key: join(own, `${name}.key`) };
  };
  copyFileSync(files.clientCa, join(own, 'client-ca.crt'));
  if (user.owner) for (const p of [own, join(own, 'client-ca.crt')]) chownSync(p, ...user.owner);
  const first = place(DEFAULT_CERTIFICATE);
  const server = await startServerOfMajor(15, {
    settings: {
      ssl: 'on',
      ssl_cert_file: first.cert,
      ssl_key_file: first.key,
      ssl_ca_file: join(own, 'client-ca.crt'),
    },
    hba: HBA,
  }).catch((err) => {
    for (const dir of [own, files.dir]) rmSync(dir, { recursive: true, force: true });
    throw err;
  });
  const adminUrl = server.url;
  const stop = async () => {
    await server.stop();
    for (const dir of [own, files.dir]) rmSync(dir, { recursive: true, force: true });
  };
  await admin(
    adminUrl,
    `CREATE ROLE ${TLS_USERS.tls.name} LOGIN PASSWORD '${TLS_USERS.tls.password}';
     CREATE ROLE ${TLS_USERS.clear.name} LOGIN PASSWORD '${TLS_USERS.clear.password}';
     CREATE ROLE ${TLS_USERS.cert.name} LOGIN;
     CREATE ROLE ${TLS_USERS.plain.name} LOGIN PASSWORD '${TLS_USERS.plain.password}'`,
  ).catch(async (err) => {
    await stop();
    throw err;
  });
  return {
    port: Number(new URL(adminUrl).port),
    adminUrl,
    files,
    firstCertificate: join(files.dir, 'server-0.crt'),
    postgresUser: user.owner,
    async present(c) {
      const { cert, key } = place(c);
      for (const sql of [
        `ALTER SYSTEM SET ssl_cert_file = '${cert}'`,
        `ALTER SYSTEM SET ssl_key_file = '${key}'`,
        'SELECT pg_reload_conf()',
      ])
        await admin(adminUrl, sql);
      // The postmaster reloads its TLS context with its configuration: a new session that sees the new file name
      // was started with the new certificate.
      for (let i = 0; (await admin(adminUrl, "SELECT current_setting('ssl_cert_file') AS f")).rows[0].f !== cert; i++) {
        if (i > 200) throw new Error(`the TLS server did not take ${cert} within 10 s`);
        await sleep(50);
      }
    },
    stop,
  };
}
