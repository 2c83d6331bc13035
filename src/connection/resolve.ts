import { existsSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve as absolute } from 'node:path';
import { withDefaults } from './defaults.js';
import { KEYWORDS } from './keywords.js';
import { checkParams, ConnStringError, parseConnString, type ConnParams } from './conn-string.js';
import { passwordFromFile } from './passfile.js';
import { serviceParams } from './service-file.js';
import { toUrl } from './url.js';

/** Where OpenSSL keeps the system's trusted roots on common systems (sslrootcert=system); SSL_CERT_FILE first. */
const SYSTEM_BUNDLES = [
  '/etc/ssl/certs/ca-certificates.crt',
  '/etc/pki/tls/certs/ca-bundle.crt',
  '/etc/ssl/ca-bundle.pem',
  '/etc/ssl/cert.pem',
  '/opt/homebrew/etc/openssl@3/cert.pem',
  '/usr/local/etc/openssl@3/cert.pem',
];

export interface ResolvedConnection {
  /** Every parameter spelled out: what the driver and the client tools are given, with no environment to consult. */
  url: string;
  /**
   * The password as it will be sent, wherever it came from (URL, PGPASSWORD, service or password file), and the
   * client key's passphrase (sslpassword): what must never be printed.
   */
  secrets: string[];
}

const fileExists = (path: string) => existsSync(path) && statSync(path).isFile();

/**
 * The connection libpq would make from `text` in environment `env`: the string's own parameters, then a service
 * file's (service, PGSERVICE), then PG* variables, then the password file and the default files under
 * ~/.postgresql, as libpq fills them in. File names become absolute; sslrootcert=system becomes the system's
 * bundle (and sslmode defaults to verify-full, as in libpq 16). Throws ConnStringError for what libpq would refuse
 * and for TLS settings that cannot work (verify-* without a CA file).
 */
export function resolveConnString(text: string, env: NodeJS.ProcessEnv): ResolvedConnection {
  const given = parseConnString(text);
  const home = env.HOME || homedir();
  const service = given.service ?? env.PGSERVICE;
  const fromService = service ? serviceParams(service, env, home) : {};
  checkParams(fromService);
  const p: ConnParams = { ...fromService, ...given };
  delete p.service;
  for (const [key, kw] of Object.entries(KEYWORDS)) {
    if (p[key] === undefined && kw.env && env[kw.env] !== undefined && env[kw.env] !== '' && key !== 'service')
      p[key] = env[kw.env]!;
  }
  if (p.sslmode === undefined && env.PGREQUIRESSL === '1') p.sslmode = 'require';
  checkParams(p);
  Object.assign(p, withDefaults(p));

  for (const key of ['sslrootcert', 'sslcert', 'sslkey', 'sslcrl', 'passfile']) {
    if (p[key] && p[key] !== 'system' && !isAbsolute(p[key])) p[key] = absolute(p[key]);
  }
  const dotPostgresql = (name: string) => (home ? join(home, '.postgresql', name) : undefined);
  const defaultFile = (key: string, name: string) => {
    const path = dotPostgresql(name);
    if (p[key] === undefined && path && fileExists(path)) p[key] = path;
  };
  if (p.sslmode !== 'disable') {
    defaultFile('sslrootcert', 'root.crt');
    defaultFile('sslcrl', 'root.crl');
    defaultFile('sslcert', 'postgresql.crt');
    defaultFile('sslkey', 'postgresql.key');
  }
  resolveRootCert(p, env);
  // A client certificate whose key is missing or open to others is not refused here: libpq fails only the TLS
  // attempt, and sslmode=prefer then connects in the clear (connect() does the same).

  if (p.password === undefined) {
    const file = p.passfile ?? (home ? join(home, '.pgpass') : undefined);
    const found = file ? passwordFromFile(file, p) : undefined;
    if (found !== undefined) p.password = found;
  }
  delete p.passfile;
  return { url: toUrl(p), secrets: [p.password, p.sslpassword].filter((x): x is string => !!x) };
}

/** sslrootcert as libpq reads it: `system` is the system's trusted roots and needs verify-full; verify-* needs a file. */
function resolveRootCert(p: ConnParams, env: NodeJS.ProcessEnv): void {
  if (p.sslrootcert === 'system') {
    if (p.sslmode === undefined) p.sslmode = 'verify-full';
    if (p.sslmode !== 'verify-full') {
      throw new ConnStringError(
        `sslrootcert=system needs sslmode=verify-full (as libpq 16 and later require): with sslmode=${p.sslmode} any certificate a public CA signed for anyone would do`,
      );
    }
    const bundle = [env.SSL_CERT_FILE, ...SYSTEM_BUNDLES].find((f) => f && fileExists(f));
    if (!bundle)
      throw new ConnStringError(
        `sslrootcert=system: no system CA bundle found (looked at SSL_CERT_FILE and ${SYSTEM_BUNDLES.join(', ')}); set sslrootcert to your provider's CA file`,
      );
    p.sslrootcert = bundle;
    return;
  }
  if (!p.sslmode?.startsWith('verify-')) return;
  if (!p.sslrootcert) {
    throw new ConnStringError(
      `sslmode=${p.sslmode} checks the server's certificate against a CA, and none is named: set sslrootcert=/path/to/ca.pem (your provider's CA bundle), sslrootcert=system for a publicly trusted certificate, or put the CA in ~/.postgresql/root.crt`,
    );
  }
  if (!fileExists(p.sslrootcert))
    throw new ConnStringError(
      `sslrootcert: the CA file ${p.sslrootcert} does not exist; sslmode=${p.sslmode} cannot check the server without it`,
    );
}
