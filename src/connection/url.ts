import { parseConnString, type ConnParams } from './conn-string.js';

const enc = (s: string) => encodeURIComponent(s);

/**
 * Parameters as a postgresql:// URI that libpq reads back to the same parameters: user, password, host, port and
 * database in their places (a Unix-socket directory and hostaddr as query parameters), the rest after `?`.
 */
export function toUrl(p: ConnParams): string {
  const { user, password, host, port, dbname, ...rest } = p;
  const socket = host?.startsWith('/') || host?.startsWith('@');
  const query: [string, string][] = Object.entries(rest);
  if (socket) query.unshift(['host', host!]);
  const auth =
    user !== undefined || password !== undefined
      ? `${enc(user ?? '')}${password !== undefined ? `:${enc(password)}` : ''}@`
      : '';
  const h = !host || socket ? '' : host.includes(':') ? `[${host.replace(/%/g, '%25')}]` : enc(host);
  const q = query.length ? `?${query.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&')}` : '';
  return `postgresql://${auth}${h}${port ? `:${port}` : ''}/${enc(dbname ?? '')}${q}`;
}

/** The host libpq connects to for these parameters (hostaddr wins for the address, host names it). */
export function hostOf(p: ConnParams): string {
  return p.host || p.hostaddr || 'localhost';
}

/** host:port/database of a connection string: names the target in reports, without credentials. */
export function targetIdentity(text: string): string {
  const p = parseConnString(text);
  return `${hostOf(p)}:${p.port || '5432'}/${p.dbname ?? p.user ?? ''}`;
}

/** The same connection to another database of the server (verify's scratch databases). */
export function withDatabase(text: string, dbname: string): string {
  return toUrl({ ...parseConnString(text), dbname });
}
