import { isIP } from 'node:net';
import { X509Certificate } from 'node:crypto';
import type { PeerCertificate } from 'node:tls';

/**
 * Whether a server certificate names the host, as libpq checks it for sslmode=verify-full (not as Node's
 * checkServerIdentity does, which never compares an IP address with the subject's CN):
 *
 * - each subjectAltName is compared, a DNS name by text (case-insensitive, `*.` matching one leading label), an
 *   IP address by value;
 * - the subject's CN is compared (by text) only when no SAN is of the host's own kind: a host name is checked
 *   against the CN when the SANs hold no DNS name, an IP address when they hold no IP address, even if they hold
 *   DNS names.
 *
 * libpq compares the certificate with `host`, never with `hostaddr`: without a host name there is nothing to
 * compare, and libpq refuses.
 */

/** libpq's wildcard rule: `*.example.com` matches `db.example.com`, not `example.com` nor `a.db.example.com`. */
function wildcardMatches(pattern: string, host: string): boolean {
  if (pattern.length < 3 || !pattern.startsWith('*.') || pattern.length > host.length) return false;
  const tail = host.slice(host.length - pattern.length + 1);
  if (tail.toLowerCase() !== pattern.slice(1).toLowerCase()) return false;
  return !host.slice(0, host.length - pattern.length + 1).includes('.');
}

const nameMatches = (name: string, host: string) =>
  name.toLowerCase() === host.toLowerCase() || wildcardMatches(name, host);

/** The SANs of the certificate as Node writes them (`DNS:a, IP Address:1.2.3.4`; a value holding `,` is quoted). */
function subjectAltNames(text: string | undefined): { kind: string; value: string }[] {
  const out: { kind: string; value: string }[] = [];
  for (const m of (text ?? '').matchAll(/([A-Za-z ]+):("(?:[^"\\]|\\.)*"|[^,]*)(?:, |$)/g)) {
    out.push({ kind: m[1], value: m[2].startsWith('"') ? JSON.parse(m[2]) : m[2] });
  }
  return out;
}

/**
 * undefined when `cert` names `host` as libpq means it, else the error that ends the TLS handshake, in libpq's
 * words. `code` is Node's own for a name mismatch, so callers explain both alike.
 */
export function peerNameProblem(host: string | undefined, cert: PeerCertificate): Error | undefined {
  if (!host) {
    return new Error(
      'sslmode=verify-full compares the server certificate with the host name, and only hostaddr is given (libpq: "host name must be specified for a verified SSL connection"); add host=<the name the certificate carries>',
    );
  }
  const hostIsIp = isIP(host) !== 0;
  const sans = subjectAltNames(cert.subjectaltname).filter((s) => s.kind === 'DNS' || s.kind === 'IP Address');
  const ipMatches =
    hostIsIp && sans.some((s) => s.kind === 'IP Address') && new X509Certificate(cert.raw).checkIP(host) !== undefined;
  if (ipMatches || sans.some((s) => s.kind === 'DNS' && nameMatches(s.value, host))) return undefined;
  const cn = ([] as string[]).concat(cert.subject?.CN ?? [])[0];
  const checkCn = !sans.some((s) => (s.kind === 'IP Address') === hostIsIp);
  if (checkCn && cn !== undefined && nameMatches(cn, host)) return undefined;
  const names = [...sans.map((s) => s.value), ...(checkCn && cn !== undefined ? [cn] : [])];
  const named = names.length
    ? `server certificate for "${names[0]}"${names.length > 1 ? ` (and ${names.length - 1} other name${names.length > 2 ? 's' : ''})` : ''} does not match host name "${host}"`
    : `the server certificate names no host (no subjectAltName, no CN), so it cannot match "${host}"`;
  return Object.assign(new Error(named), { code: 'ERR_TLS_CERT_ALTNAME_INVALID' });
}
