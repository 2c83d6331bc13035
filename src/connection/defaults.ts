import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import type { ConnParams } from './conn-string.js';

/**
 * Where libpq looks for a local server's socket when no host is named: Debian's and Ubuntu's libpq use
 * /var/run/postgresql, the upstream default is /tmp. The one holding the port's socket is taken, else Debian's.
 */
export const DEFAULT_SOCKET_DIRS = ['/var/run/postgresql', '/tmp'];

/** How long a connection attempt may take when connect_timeout does not say (libpq waits forever). */
export const DEFAULT_CONNECT_TIMEOUT_S = 15;

export const isSocketDir = (host: string | undefined) => !!host && (host.startsWith('/') || host.startsWith('@'));

/** The operating system's user, as libpq takes it when no user is named (not $USER, which anyone may set). */
const osUser = () => userInfo().username;

/**
 * The parameters with libpq's defaults for what is left unnamed: the host (a local socket folder, unless hostaddr
 * names an address), the port, the user (the operating system's) and the database (the user's name).
 */
export function withDefaults(p: ConnParams): ConnParams {
  const port = p.port || '5432';
  const host =
    p.host ||
    (p.hostaddr
      ? undefined
      : (DEFAULT_SOCKET_DIRS.find((d) => existsSync(join(d, `.s.PGSQL.${port}`))) ?? DEFAULT_SOCKET_DIRS[0]));
  const user = p.user || osUser();
  return { ...p, ...(host ? { host } : {}), port, user, dbname: p.dbname || user };
}
