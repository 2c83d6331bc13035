import type pg from 'pg';
import { withDefaults } from '../../connection/defaults.js';
import { ConnStringError, parseConnString, type ConnParams } from '../../connection/conn-string.js';
import { hostOf, targetIdentity } from '../../connection/url.js';
import { requireChannelBinding } from './channel-binding.js';
import { explain, fallsBack, refusedTls, type Attempt, type ConnectFailure } from './connect-failure.js';
import { clientConfig, clientKeyProblem, transports } from './driver-options.js';

export type Client = pg.Client;

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

/**
 * A connection that the pooler check found to reach the server directly, kept for the command's first connect()
 * to the same URL: a run then opens one connection fewer before its work starts. It is taken only while fresh (a
 * server's idle_session_timeout could have ended it meanwhile), and dropSpare() closes it if nothing took it.
 */
let spare: { url: string; client: Client; at: number } | undefined;
const SPARE_FRESH_MS = 1000;

/** Keeps a connected client for the next connect(url) (see spare); one closed unless taken. */
export function keepSpare(url: string, client: Client): void {
  void dropSpare();
  spare = { url, client, at: performance.now() };
}

/** Closes the kept connection if nothing took it: the process could not exit while it is open. */
export async function dropSpare(): Promise<void> {
  const s = spare;
  spare = undefined;
  await s?.client.end().catch(() => {});
}

/** Servers that answered "no TLS here": sslmode=prefer goes straight to the clear with them, as libpq ends up doing. */
const withoutTls = new Set<string>();

/**
 * target_session_attrs, checked as libpq checks a single host: read-write and read-only by
 * transaction_read_only, primary and standby by recovery.
 */
async function checkSessionAttrs(client: Client, attrs: string | undefined): Promise<void> {
  if (!attrs || attrs === 'any' || attrs === 'prefer-standby') return;
  const r = (
    await client.query(
      "SELECT pg_catalog.pg_is_in_recovery() AS standby, pg_catalog.current_setting('transaction_read_only') = 'on' AS read_only",
    )
  ).rows[0];
  const ok = { 'read-write': !r.read_only, 'read-only': r.read_only, primary: !r.standby, standby: r.standby }[attrs];
  if (!ok)
    throw Object.assign(
      new Error(
        `the server is ${r.standby ? 'a standby' : 'a primary'}${r.read_only ? ' in read-only mode' : ''}, not what target_session_attrs=${attrs} asks for`,
      ),
      { code: 'target_session_attrs' },
    );
}

/**
 * Connects as libpq would with this connection string: its sslmode's transports in libpq's order, TLS checked as
 * libpq checks it, target_session_attrs honoured. Fails with a ConnectionError that names the server (never the
 * password) and what to change.
 */
export async function connect(url: string): Promise<Client> {
  if (spare?.url === url && performance.now() - spare.at < SPARE_FRESH_MS) {
    const { client } = spare;
    spare = undefined;
    return client;
  }
  // One not taken now never will be: it is closed rather than held for the rest of the run.
  if (spare) void dropSpare();
  let p: ConnParams;
  try {
    p = withDefaults(parseConnString(url));
  } catch (err) {
    throw new ConnectionError(`database-url: ${(err as ConnStringError).message}`, { cause: err });
  }
  const pg = await loadPg();
  const server = `${hostOf(p)}:${p.port || 5432}`;
  const ways = transports(p).filter(
    (t, _i, all) => !(t && all.length > 1 && p.sslmode !== 'allow' && withoutTls.has(server)),
  );
  const attempts: Attempt[] = [];
  for (const ssl of ways) {
    const keyProblem = ssl ? clientKeyProblem(p) : undefined;
    if (keyProblem) {
      attempts.push({
        transport: ssl,
        failure: Object.assign(new Error(keyProblem), { code: 'CLIENT_KEY' }),
        handshaken: false,
        serverRefused: false,
      });
      if (!fallsBack(p, attempts.at(-1)!)) break;
      continue;
    }
    const client = new pg.Client(clientConfig(p, ssl));
    // An idle client whose server goes away emits 'error'; without a listener that would crash the process.
    client.on('error', () => {});
    let handshaken = false;
    client.connection.once('sslconnect', () =>
      client.connection.stream.once('secureConnect', () => (handshaken = true)),
    );
    const bound = p.channel_binding === 'require' ? requireChannelBinding(client) : undefined;
    try {
      try {
        await client.connect();
      } catch (err) {
        // Destroyed, not ended: after a TLS error past the handshake (a client certificate the server refused with
        // an alert), Node leaves the socket open and node-postgres's end() may wait forever on its goodbye.
        client.connection.stream.destroy();
        throw err;
      }
      try {
        bound?.();
        await checkSessionAttrs(client, p.target_session_attrs);
      } catch (err) {
        // Connected, but not the session asked for: ended politely, as libpq does.
        await client.end().catch(() => {});
        throw err;
      }
      return client;
    } catch (err) {
      const failure = err as ConnectFailure;
      attempts.push({ transport: ssl, failure, handshaken, serverRefused: failure instanceof pg.DatabaseError });
      if (ssl && refusedTls(failure)) withoutTls.add(server);
      if (!fallsBack(p, attempts.at(-1)!)) break;
    }
  }
  throw new ConnectionError(
    `could not connect to ${targetIdentity(url)}: ${explain(p, attempts)}; check database-url (host, port, user, password, sslmode) and that the server accepts connections from this runner`,
    { cause: attempts.at(-1)!.failure },
  );
}

/** Runs fn with a client `open` connected (a plain one by default) and always closes it. */
export async function withClient<T>(
  url: string,
  fn: (c: Client) => Promise<T>,
  open: (url: string) => Promise<Client> = connect,
): Promise<T> {
  const client = await open(url);
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}
