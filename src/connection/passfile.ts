import { existsSync, readFileSync, statSync } from 'node:fs';
import { DEFAULT_SOCKET_DIRS } from './defaults.js';
import type { ConnParams } from './conn-string.js';

/** One field of a password file line: `\:` and `\\` are escapes, `*` matches anything. */
function fields(line: string): string[] {
  const out: string[] = [''];
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '\\' && i + 1 < line.length) out[out.length - 1] += line[++i];
    else if (line[i] === ':' && out.length < 5) out.push('');
    else out[out.length - 1] += line[i];
  }
  return out;
}

/**
 * The password libpq would take from a password file (~/.pgpass, passfile, PGPASSFILE) for these parameters:
 * the first line whose host, port, database and user match (`*` matches any), for parameters with their
 * defaults filled in. Like libpq, a file that others may read is ignored.
 */
export function passwordFromFile(file: string, p: ConnParams): string | undefined {
  if (!existsSync(file) || !statSync(file).isFile()) return undefined;
  if (process.platform !== 'win32' && statSync(file).mode & 0o077) return undefined;
  // libpq: `localhost` also matches its default socket folder; another folder is matched by its path.
  const host =
    !p.host || DEFAULT_SOCKET_DIRS.includes(p.host) ? (p.host ? 'localhost' : p.hostaddr || 'localhost') : p.host;
  const want = [host, p.port || '5432', p.dbname ?? p.user ?? '', p.user ?? ''];
  for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
    if (!line || line.startsWith('#')) continue;
    const f = fields(line);
    if (f.length < 5) continue;
    if (want.every((w, i) => f[i] === '*' || f[i] === w)) return f[4];
  }
  return undefined;
}
