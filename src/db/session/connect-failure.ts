import type { ConnParams } from '../../connection/conn-string.js';
import { hostOf } from '../../connection/url.js';
import type { Transport } from './driver-options.js';

/** Why one attempt to connect failed: what the driver or the TLS layer threw. */
export type ConnectFailure = Error & { code?: string };

/** One attempt: over TLS or in the clear, how it failed, whether the TLS handshake had finished, whether the server answered with an error. */
export interface Attempt {
  transport: Transport;
  failure: ConnectFailure;
  handshaken: boolean;
  serverRefused: boolean;
}

/** Errors raised before anything was said to a server: trying again another way would meet the same. */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'ENOENT',
]);

const unreachable = (e: ConnectFailure) => UNREACHABLE.has(e.code ?? '') || /timeout expired/i.test(e.message);

/** The server answered "no TLS here" to the TLS request. */
export const refusedTls = (e: ConnectFailure) => /does not support SSL/i.test(e.message);

/**
 * Whether libpq would try its next transport after this attempt. prefer falls back to the clear when the TLS
 * handshake failed (a certificate that fails the check included) or when the server refused us over TLS with an
 * error, but not when an established TLS session broke (with TLS 1.3 the server's rejection of our client
 * certificate arrives only after the handshake). allow tries TLS after the server refused us in the clear.
 */
export function fallsBack(p: ConnParams, a: Attempt): boolean {
  if (unreachable(a.failure)) return false;
  const mode = p.sslmode ?? 'prefer';
  if (mode === 'prefer') return a.transport !== false && (!a.handshaken || a.serverRefused);
  if (mode === 'allow') return a.transport === false && a.serverRefused;
  return false;
}

/** What failed, in terms of the settings a user can change. */
function explainOne(p: ConnParams, e: ConnectFailure): string {
  const mode = p.sslmode ?? 'prefer';
  if (refusedTls(e))
    return `the server does not accept TLS connections, and sslmode=${mode} requires TLS; use sslmode=prefer or disable only if the network path is trusted`;
  if (e.code === 'CLIENT_KEY') return e.message;
  if (/^ERR_SSL_.*ALERT/.test(e.code ?? ''))
    return `the server ended the TLS handshake (${e.message}); when it asks for a client certificate, sslcert must be one signed by a CA the server trusts`;
  if (e.code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return `the server's certificate does not name the host ${hostOf(p)} (sslmode=verify-full): ${e.message}; connect with a host name the certificate names, or use sslmode=verify-ca to check the CA only`;
  }
  if (e.code === 'CERT_REVOKED')
    return `the server's certificate is revoked by the CRL in sslcrl (${p.sslcrl}): ${e.message}; the server needs a new certificate`;
  if (/CERT|certificate|SELF_SIGNED|UNABLE_TO_/i.test(`${e.code} ${e.message}`)) {
    return `the server's certificate is not signed by the CA in sslrootcert (${p.sslrootcert}), sslmode=${mode}: ${e.message}; name your provider's CA bundle in sslrootcert`;
  }
  return `${e.message}${e.code ? ` (${e.code})` : ''}`;
}

/** Every attempt's failure, as libpq reports them all: over TLS first, then in the clear (or the other way round). */
export function explain(p: ConnParams, attempts: Attempt[]): string {
  // A server without TLS is no failure where sslmode allows the clear: only what happened in the clear counts.
  const failed =
    p.sslmode === 'prefer' || p.sslmode === 'allow' || p.sslmode === undefined
      ? attempts.filter((a) => !refusedTls(a.failure))
      : attempts;
  const told = failed.length ? failed : attempts;
  if (told.length === 1) return explainOne(p, told[0].failure);
  return told.map((a) => `${a.transport ? 'over TLS' : 'in the clear'}: ${explainOne(p, a.failure)}`).join('; then ');
}
