import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KEYWORDS } from './keywords.js';
import { ConnStringError, type ConnParams } from './conn-string.js';

/** The parameters of `[service]` in an INI-style service file, or undefined when the file has no such section. */
function section(file: string, service: string): ConnParams | undefined {
  if (!existsSync(file)) return undefined;
  let inside = false;
  let found: ConnParams | undefined;
  for (const [i, raw] of readFileSync(file, 'utf8').split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const header = /^\[(.*)\]$/.exec(line);
    if (header) {
      if (found) break;
      inside = header[1] === service;
      if (inside) found = {};
      continue;
    }
    if (!inside || !found) continue;
    const eq = line.indexOf('=');
    if (eq < 0) throw new ConnStringError(`service file ${file}, line ${i + 1}: not a key=value line`);
    // As libpq reads it: the key is everything before the first = (so `host = x` is no keyword), the value all
    // after it, and the first line for a key wins.
    const key = line.slice(0, eq);
    if (key === 'service')
      throw new ConnStringError(`service file ${file}, line ${i + 1}: a service cannot name another service`);
    if (!KEYWORDS[key])
      throw new ConnStringError(
        `service file ${file}, line ${i + 1}: syntax error (write keyword=value, with no space before the =)`,
      );
    found[key] ??= line.slice(eq + 1);
  }
  return found;
}

/**
 * A service's parameters as libpq finds them: in PGSERVICEFILE (or ~/.pg_service.conf), then in
 * PGSYSCONFDIR/pg_service.conf. A service defined nowhere is an error naming the files looked at.
 */
export function serviceParams(service: string, env: NodeJS.ProcessEnv, home?: string): ConnParams {
  const files = [
    env.PGSERVICEFILE ?? (home ? join(home, '.pg_service.conf') : undefined),
    join(env.PGSYSCONFDIR ?? '/etc/postgresql-common', 'pg_service.conf'),
  ].filter((f): f is string => !!f);
  for (const file of files) {
    const params = section(file, service);
    if (params) return params;
  }
  throw new ConnStringError(`service "${service}" is defined in none of ${files.join(', ')}`);
}
