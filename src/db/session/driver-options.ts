import { existsSync, readFileSync, statSync } from 'node:fs';
import { isIP } from 'node:net';
import type { ConnectionOptions } from 'node:tls';
import type { ClientConfig } from 'pg';
import { DEFAULT_CONNECT_TIMEOUT_S, isSocketDir } from '../../connection/defaults.js';
import type { ConnParams } from '../../connection/conn-string.js';
import { peerNameProblem } from './peer-name.js';

export const APPLICATION_NAME = 'pg-migration-gate';

/** One way of connecting: in the clear, or over TLS with these options. */
export type Transport = false | ConnectionOptions;

const isFile = (path: string | undefined): path is string => !!path && existsSync(path) && statSync(path).isFile();

/**
 * Why libpq would not use the client certificate's private key: missing, not a file, or open to others (libpq
 * takes a key owned by root with mode 0640 or less, any other with 0600 or less). libpq finds this once the
 * server agreed to TLS and fails that attempt as it fails a handshake, so sslmode=prefer goes on in the clear.
 */
export function clientKeyProblem(p: ConnParams): string | undefined {
  if (!isFile(p.sslcert) || p.sslcertmode === 'disable') return undefined;
  if (!p.sslkey || !existsSync(p.sslkey))
    return `the client certificate ${p.sslcert} is there but its private key ${p.sslkey ?? '(sslkey, or ~/.postgresql/postgresql.key)'} is not; name it with sslkey`;
  const st = statSync(p.sslkey);
  if (!st.isFile()) return `the private key ${p.sslkey} (sslkey) is not a regular file`;
  if (process.platform !== 'win32' && st.mode & (st.uid === 0 ? 0o037 : 0o077)) {
    return `the private key ${p.sslkey} (sslkey) may be read by others, and libpq refuses such a key: chmod 600 it (0640 at most when root owns it)`;
  }
  return undefined;
}

/**
 * TLS as libpq sets it up for these parameters. A CA file (sslrootcert, or ~/.postgresql/root.crt, already made
 * explicit) means the server's chain is checked in every mode, and only verify-full also checks the host name,
 * by libpq's rules (peer-name.ts); without one, prefer and require encrypt without checking anything (verify-*
 * always has one: the configuration refuses them without). The client certificate is sent when its file exists,
 * unless sslcertmode=disable or its key is unusable (clientKeyProblem: the connection fails that attempt).
 */
function tlsOptions(p: ConnParams): ConnectionOptions {
  const checkChain = isFile(p.sslrootcert);
  const o: ConnectionOptions = {
    rejectUnauthorized: checkChain,
    checkServerIdentity: p.sslmode === 'verify-full' ? (_name, cert) => peerNameProblem(p.host, cert) : () => undefined,
    minVersion: (p.ssl_min_protocol_version ?? 'TLSv1.2') as ConnectionOptions['minVersion'],
  };
  if (p.ssl_max_protocol_version) o.maxVersion = p.ssl_max_protocol_version as ConnectionOptions['maxVersion'];
  if (checkChain) o.ca = readFileSync(p.sslrootcert!);
  if (isFile(p.sslcrl) && checkChain) o.crl = readFileSync(p.sslcrl);
  if (isFile(p.sslcert) && p.sslcertmode !== 'disable' && !clientKeyProblem(p)) {
    o.cert = readFileSync(p.sslcert);
    o.key = readFileSync(p.sslkey!);
    if (p.sslpassword) o.passphrase = p.sslpassword;
  }
  // The driver names a host name (not an address) to the server itself; with hostaddr the address is what it
  // dials, so the name travels here.
  if (p.sslsni !== '0' && p.hostaddr && p.host && !isIP(p.host)) o.servername = p.host;
  return o;
}

/**
 * The transports libpq tries for sslmode, in its order: disable and allow start in the clear (allow then tries TLS
 * if the server refuses that), prefer starts with TLS and falls back to the clear, require and verify-* only TLS.
 * A Unix socket never uses TLS, as in libpq.
 */
export function transports(p: ConnParams): Transport[] {
  const mode = p.sslmode ?? 'prefer';
  if (isSocketDir(p.host) && !p.hostaddr) return [false];
  if (mode === 'disable') return [false];
  if (mode === 'allow') return [false, tlsOptions(p)];
  if (mode === 'prefer') return [tlsOptions(p), false];
  return [tlsOptions(p)];
}

/** The driver's settings for these parameters (their defaults filled in) and one transport; nothing is left for the driver to guess. */
export function clientConfig(p: ConnParams, ssl: Transport): ClientConfig {
  const timeout =
    p.connect_timeout === undefined || Number(p.connect_timeout) <= 0
      ? DEFAULT_CONNECT_TIMEOUT_S
      : Math.max(2, Number(p.connect_timeout));
  return {
    host: p.hostaddr || p.host,
    port: Number(p.port),
    user: p.user,
    password: p.password,
    database: p.dbname,
    ssl,
    application_name: p.application_name || APPLICATION_NAME,
    ...(p.options ? { options: p.options } : {}),
    connectionTimeoutMillis: timeout * 1000,
    // Keepalives: a connection that holds the run's lock across a long migration must not be dropped as idle.
    keepAlive: p.keepalives !== '0',
    ...(p.keepalives_idle ? { keepAliveInitialDelayMillis: Number(p.keepalives_idle) * 1000 } : {}),
    // libpq's default (prefer) binds the channel whenever SCRAM over TLS offers it; require is checked in connect.
    enableChannelBinding: p.channel_binding !== 'disable',
  };
}
