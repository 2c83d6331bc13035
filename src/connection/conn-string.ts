import { FOREIGN_SPELLINGS, KEYWORDS, REFUSED_VALUES } from './keywords.js';

/** libpq connection parameters by keyword, as a connection string gives them. */
export type ConnParams = Record<string, string>;

/** A connection string libpq would refuse, or that this product cannot honour; never quotes a password. */
export class ConnStringError extends Error {
  override name = 'ConnStringError';
}

const ENCODE_HINT =
  'characters such as / ? # @ : [ ] % in a user name or password must be percent-encoded (/ as %2F, @ as %40, : as %3A, # as %23, ? as %3F, % as %25)';

/**
 * Percent-decoding as libpq does it: every `%` must start two hex digits, and `%00` is refused. A `+` stays a `+`.
 * `what` names the part for the error, never its value (it may be a password).
 */
function decode(text: string, what: string): string {
  if (!text.includes('%')) return text;
  if (/%(?![0-9a-f]{2})/i.test(text))
    throw new ConnStringError(`${what} holds a % that does not start a percent-encoded character; ${ENCODE_HINT}`);
  if (/%00/.test(text)) throw new ConnStringError(`${what} holds %00, which libpq refuses`);
  return Buffer.from(
    text.replace(/%([0-9a-f]{2})/gi, (_, h) => String.fromCharCode(parseInt(h, 16))),
    'latin1',
  ).toString('utf8');
}

/**
 * A `postgres://` or `postgresql://` URI, split as libpq splits it: the user info ends at the first `@` before any
 * `/`; hosts are a comma list of `host[:port]` with IPv6 in brackets; then `/dbname` and `?key=value&…`.
 */
function parseUri(uri: string): ConnParams {
  const rest = uri.replace(/^postgres(?:ql)?:\/\//, '');
  const params: ConnParams = {};
  let p = 0;
  const at = rest.search(/[@/]/);
  if (at >= 0 && rest[at] === '@') {
    const info = rest.slice(0, at);
    const colon = info.indexOf(':');
    const user = colon >= 0 ? info.slice(0, colon) : info;
    if (user) params.user = decode(user, 'the user name');
    if (colon >= 0 && info.length > colon + 1) params.password = decode(info.slice(colon + 1), 'the password');
    p = at + 1;
  } else if (at >= 0 && /@[^?]*\//.test(rest.slice(at, rest.includes('?', at) ? rest.indexOf('?', at) : undefined))) {
    // An @ after a / means the / belongs to the user info: libpq would read a host and database out of the password.
    throw new ConnStringError(
      `the user name or password holds an unencoded /, so the host cannot be found; ${ENCODE_HINT}`,
    );
  }
  const hosts: string[] = [];
  const ports: string[] = [];
  let sep = '';
  do {
    if (rest[p] === ',') p++;
    let host: string;
    if (rest[p] === '[') {
      const close = rest.indexOf(']', p);
      if (close < 0) throw new ConnStringError('the host starts an IPv6 address with [ that is never closed with ]');
      if (close === p + 1) throw new ConnStringError('the host is an empty IPv6 address []');
      host = rest.slice(p + 1, close);
      p = close + 1;
      if (p < rest.length && !':/?,'.includes(rest[p]))
        throw new ConnStringError('an IPv6 host in [ ] must be followed by :port, /database or ?parameters');
    } else {
      const end = rest.slice(p).search(/[:/?,]/);
      host = end < 0 ? rest.slice(p) : rest.slice(p, p + end);
      p = end < 0 ? rest.length : p + end;
    }
    sep = rest[p] ?? '';
    let port = '';
    if (sep === ':') {
      const end = rest.slice(p + 1).search(/[/?,]/);
      port = end < 0 ? rest.slice(p + 1) : rest.slice(p + 1, p + 1 + end);
      p = end < 0 ? rest.length : p + 1 + end;
      sep = rest[p] ?? '';
    }
    // No host name holds an @: a password with an unencoded @ split there, and the rest of it would be taken for the host.
    if (host.includes('@'))
      throw new ConnStringError(
        `the user name or password holds an unencoded @, so part of it would be taken for the host; ${ENCODE_HINT}`,
      );
    hosts.push(decode(host, 'the host'));
    ports.push(decode(port, 'the port'));
  } while (rest[p] === ',');
  if (hosts.some(Boolean)) params.host = hosts.join(',');
  if (ports.some(Boolean)) params.port = ports.join(',');
  if (sep === '/') {
    const q = rest.indexOf('?', p);
    const db = q < 0 ? rest.slice(p + 1) : rest.slice(p + 1, q);
    if (db) params.dbname = decode(db, 'the database name');
    p = q < 0 ? rest.length : q;
  }
  if (rest[p] === '?') {
    for (const [i, pair] of rest
      .slice(p + 1)
      .split('&')
      .entries()) {
      if (!pair) continue;
      // Named by position, never by text: after a password with an unencoded & the text is part of the password.
      const eq = pair.indexOf('=');
      if (eq < 0)
        throw new ConnStringError(`query parameter ${i + 1} has no =value; ${ENCODE_HINT.replace('/ ?', '/ ? & =')}`);
      if (pair.indexOf('=', eq + 1) >= 0)
        throw new ConnStringError(`query parameter ${i + 1} holds a second =; percent-encode it as %3D`);
      const key = decode(pair.slice(0, eq), 'a query parameter');
      const value = decode(pair.slice(eq + 1), `the value of ${key}`);
      // libpq's one alias: ssl=true is sslmode=require.
      if (key === 'ssl' && value === 'true') params.sslmode = 'require';
      else params[key] = value;
    }
  }
  return params;
}

/** `key=value key2='quoted \' value'`, as libpq reads a conninfo string. */
function parseKeywordValue(text: string): ConnParams {
  const params: ConnParams = {};
  let p = 0;
  const skip = () => {
    while (p < text.length && /\s/.test(text[p])) p++;
  };
  for (skip(); p < text.length; skip()) {
    const key = /^[^=\s]+/.exec(text.slice(p))?.[0] ?? '';
    p += key.length;
    skip();
    if (text[p] !== '=')
      throw new ConnStringError(
        `word ${Object.keys(params).length + 1} of the connection string has no =value; quote a value holding spaces ('…', with \\' and \\\\ inside)`,
      );
    p++;
    skip();
    let value = '';
    if (text[p] === "'") {
      p++;
      for (; p < text.length && text[p] !== "'"; p++)
        value += text[p] === '\\' && p + 1 < text.length ? text[++p] : text[p];
      if (text[p] !== "'") throw new ConnStringError(`the value of ${key} opens a quote (') that is never closed`);
      p++;
    } else {
      for (; p < text.length && !/\s/.test(text[p]); p++)
        value += text[p] === '\\' && p + 1 < text.length ? text[++p] : text[p];
    }
    params[key] = value;
  }
  return params;
}

/** Whether `text` is a URI (the other form of a connection string is key=value pairs). */
const isUri = (text: string) => /^postgres(?:ql)?:\/\//.test(text);

/**
 * A connection string (URI or key=value) as libpq reads it, checked as libpq checks it, plus the refusals of what
 * this product cannot honour: an unknown keyword, a bad value, several hosts. Errors never quote a password.
 */
export function parseConnString(text: string): ConnParams {
  const trimmed = text.trim();
  if (!isUri(trimmed) && !/^\s*[^=\s]+\s*=/.test(trimmed)) {
    throw new ConnStringError(
      'must be a postgresql:// URI (postgresql://user:password@host:5432/dbname?sslmode=require) or key=value pairs (host=… dbname=…)',
    );
  }
  const params = isUri(trimmed) ? parseUri(trimmed) : parseKeywordValue(trimmed);
  checkParams(params);
  return params;
}

/**
 * A keyword for a message: quoted when it reads as one and comes before any password, else by position (text
 * after an unquoted password with a space in it may be the rest of the password).
 */
function nameOf(params: ConnParams, key: string): string {
  const keys = Object.keys(params);
  const at = keys.indexOf(key);
  const afterPassword = keys.indexOf('password') >= 0 && keys.indexOf('password') < at;
  return /^[a-z_]{1,40}$/i.test(key) && !afterPassword ? `"${key}"` : `parameter ${at + 1}`;
}

/** Checks keywords and values as libpq does, and refuses what this product cannot honour. */
export function checkParams(params: ConnParams): void {
  for (const [key, value] of Object.entries(params)) {
    const foreign = FOREIGN_SPELLINGS[`${key}=${value}`] ?? FOREIGN_SPELLINGS[key];
    if (foreign) throw new ConnStringError(foreign);
    const kw = KEYWORDS[key];
    if (!kw)
      throw new ConnStringError(
        `${nameOf(params, key)} is not a connection parameter libpq knows (psql and pg_dump refuse it too); see https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-PARAMKEYWORDS`,
      );
    if (kw.refused) throw new ConnStringError(`${key}: ${kw.refused}`);
    if (key === 'password') continue;
    if (kw.values && !kw.values.includes(value))
      throw new ConnStringError(`${key}=${value} is not one of ${kw.values.join(', ')}`);
    const refusal = REFUSED_VALUES[key]?.[value];
    if (refusal) throw new ConnStringError(`${key}=${value}: ${refusal}`);
  }
  if ((params.host ?? '').includes(',') || (params.hostaddr ?? '').includes(',') || (params.port ?? '').includes(',')) {
    throw new ConnStringError(
      'several hosts are not supported: name the one host of the primary (the direct URL your provider shows), not a list',
    );
  }
  if (
    params.port !== undefined &&
    params.port !== '' &&
    !(/^\d+$/.test(params.port) && Number(params.port) >= 1 && Number(params.port) <= 65535)
  ) {
    throw new ConnStringError(
      `the port is not a number from 1 to 65535; if the password holds a : or @, ${ENCODE_HINT}`,
    );
  }
  for (const key of [
    'connect_timeout',
    'keepalives_idle',
    'keepalives_interval',
    'keepalives_count',
    'tcp_user_timeout',
  ]) {
    if (params[key] !== undefined && !/^-?\d+$/.test(params[key].trim()))
      throw new ConnStringError(`${key}=${params[key]} is not a whole number`);
  }
  if (params.client_encoding !== undefined && !/^(utf-?8|unicode|auto)$/i.test(params.client_encoding)) {
    throw new ConnStringError(
      `client_encoding=${params.client_encoding}: migrations are read as UTF-8 and sent as UTF-8; remove client_encoding (or set it to UTF8)`,
    );
  }
}
