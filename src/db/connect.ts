import type pg from 'pg';
import { ConnStringError, parseConnString, type ConnParams } from '../connection/parse.js';
import { hostOf, targetIdentity } from '../connection/url.js';
import { clientConfig, clientKeyProblem, transports, type Transport } from './driver-options.js';

export type Client = pg.Client;

export { APPLICATION_NAME } from './driver-options.js';
export { targetIdentity };

/** Thrown when the server cannot be reached or refuses us; says which server (redacted) and what to check. */
export class ConnectionError extends Error {
  override name = 'ConnectionError';
}

let pgModule: typeof pg | undefined;

/** The pg package, loaded on the first connection: commands that never connect (lint) start faster without it. */
async function loadPg(): Promise<typeof pg> {
  return (pgModule ??= (await import('pg')).default);
}

/** The pg package once a connection has loaded it; before that, no pg error can exist. */
export function loadedPg(): typeof pg | undefined {
  return pgModule;
}

/** Servers that answered "no TLS here": sslmode=prefer goes straight to the clear with them, as libpq ends up doing. */
const withoutTls = new Set<string>();

/** Errors raised before anything was said to a server: trying again another way would meet the same. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'ENOENT']);

type ConnectFailure = Error & { code?: string };

const unreachable = (e: ConnectFailure) => UNREACHABLE.has(e.code ?? '') || /timeout expired/i.test(e.message);
const refusedTls = (e: ConnectFailure) => /does not support SSL/i.test(e.message);

/**
 * Whether libpq would try its next transport after this one failed. prefer falls back to the clear when the TLS
 * handshake failed (a certificate that fails the check included) or when the server refused us over TLS with an
 * error, but not when an established TLS session broke (with TLS 1.3 the server's rejection of our client
 * certificate arrives only after the handshake). allow tries TLS after the server refused us in the clear.
 */
function fallsBack(p: ConnParams, tried: Transport, e: ConnectFailure, handshaken: boolean): boolean {
  if (unreachable(e)) return false;
  const mode = p.sslmode ?? 'prefer';
  const serverRefused = !!pgModule && e instanceof pgModule.DatabaseError;
  if (mode === 'prefer') return tried !== false && (!handshaken || serverRefused);
  if (mode === 'allow') return tried === false && serverRefused;
  return false;
}

/** What failed, in terms of the settings a user can change. */
function explain(p: ConnParams, e: ConnectFailure): string {
  const mode = p.sslmode ?? 'prefer';
  if (refusedTls(e)) return `the server does not accept TLS connections, and sslmode=${mode} requires TLS; use sslmode=prefer or disable only if the network path is trusted`;
  if (e.code === 'CLIENT_KEY') return e.message;
  if (/^ERR_SSL_.*ALERT/.test(e.code ?? '')) return `the server ended the TLS handshake (${e.message}); when it asks for a client certificate, sslcert must be one signed by a CA the server trusts`;
  if (e.code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return `the server's certificate does not name the host ${hostOf(p)} (sslmode=verify-full): ${e.message}; connect with a host name the certificate names, or use sslmode=verify-ca to check the CA only`;
  }
  if (e.code === 'CERT_REVOKED') return `the server's certificate is revoked by the CRL in sslcrl (${p.sslcrl}): ${e.message}; the server needs a new certificate`;
  if (/CERT|certificate|SELF_SIGNED|UNABLE_TO_/i.test(`${e.code} ${e.message}`)) {
    return `the server's certificate is not signed by the CA in sslrootcert (${p.sslrootcert}), sslmode=${mode}: ${e.message}; name your provider's CA bundle in sslrootcert`;
  }
  return `${e.message}${e.code ? ` (${e.code})` : ''}`;
}

/**
 * The SASL mechanism the driver chose while authenticating, if any: what channel_binding=require needs to know.
 * node-postgres keeps no such fact, so its one message that names the mechanism is observed on the way out.
 */
function saslMechanism(client: Client): () => string | undefined {
  const connection = (client as unknown as { connection: { sendSASLInitialResponseMessage(mechanism: string, response: string): void } }).connection;
  const send = connection.sendSASLInitialResponseMessage.bind(connection);
  let chosen: string | undefined;
  connection.sendSASLInitialResponseMessage = (mechanism, response) => {
    chosen = mechanism;
    send(mechanism, response);
  };
  return () => chosen;
}

/**
 * target_session_attrs, checked as libpq checks a single host: read-write and read-only by
 * transaction_read_only, primary and standby by recovery.
 */
async function checkSessionAttrs(client: Client, attrs: string | undefined): Promise<void> {
  if (!attrs || attrs === 'any' || attrs === 'prefer-standby') return;
  const r = (await client.query("SELECT pg_catalog.pg_is_in_recovery() AS standby, pg_catalog.current_setting('transaction_read_only') = 'on' AS read_only")).rows[0];
  const ok = { 'read-write': !r.read_only, 'read-only': r.read_only, primary: !r.standby, standby: r.standby }[attrs];
  if (!ok) throw Object.assign(new Error(`the server is ${r.standby ? 'a standby' : 'a primary'}${r.read_only ? ' in read-only mode' : ''}, not what target_session_attrs=${attrs} asks for`), { code: 'target_session_attrs' });
}

/**
 * Connects as libpq would with this connection string: its sslmode's transports in libpq's order, TLS checked as
 * libpq checks it, target_session_attrs honoured. Fails with a ConnectionError that names the server (never the
 * password) and what to change.
 */
export async function connect(url: string): Promise<Client> {
  let p: ConnParams;
  try {
    p = parseConnString(url);
  } catch (err) {
    throw new ConnectionError(`database-url: ${(err as ConnStringError).message}`, { cause: err });
  }
  const pg = await loadPg();
  const server = `${hostOf(p)}:${p.port || 5432}`;
  const ways = transports(p).filter((t, _i, all) => !(t && all.length > 1 && p.sslmode !== 'allow' && withoutTls.has(server)));
  let failure: ConnectFailure | undefined;
  for (const ssl of ways) {
    const keyProblem = ssl ? clientKeyProblem(p) : undefined;
    if (keyProblem) {
      failure = Object.assign(new Error(keyProblem), { code: 'CLIENT_KEY' });
      if (!fallsBack(p, ssl, failure, false)) break;
      continue;
    }
    const client = new pg.Client(clientConfig(p, ssl));
    // An idle client whose server goes away emits 'error'; without a listener that would crash the process.
    client.on('error', () => {});
    let handshaken = false;
    client.connection.once('sslconnect', () => client.connection.stream.once('secureConnect', () => (handshaken = true)));
    const mechanism = saslMechanism(client);
    try {
      await client.connect();
      if (p.channel_binding === 'require' && mechanism() !== 'SCRAM-SHA-256-PLUS') {
        throw Object.assign(new Error('channel_binding=require, but the server authenticated this connection without channel binding (that needs SCRAM over TLS)'), { code: 'channel_binding' });
      }
      await checkSessionAttrs(client, p.target_session_attrs);
      return client;
    } catch (err) {
      await client.end().catch(() => {});
      failure = err as ConnectFailure;
      if (ssl && refusedTls(failure)) withoutTls.add(server);
      if (!fallsBack(p, ssl, failure, handshaken)) break;
    }
  }
  throw new ConnectionError(
    `could not connect to ${targetIdentity(url)}: ${explain(p, failure!)}; check database-url (host, port, user, password, sslmode) and that the server accepts connections from this runner`,
    { cause: failure },
  );
}

/** Runs fn with a client `open` connected (a plain one by default) and always closes it. */
export async function withClient<T>(url: string, fn: (c: Client) => Promise<T>, open: (url: string) => Promise<Client> = connect): Promise<T> {
  const client = await open(url);
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}
