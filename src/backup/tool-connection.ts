import { KEYWORDS } from '../connection/keywords.js';
import { DEFAULT_CONNECT_TIMEOUT_S } from '../connection/defaults.js';
import { parseConnString } from '../connection/conn-string.js';
import { InputError } from '../foundation/errors.js';
import type { PgTool } from './pg-tools.js';

/** How a PostgreSQL client tool is told where to connect: argv, its environment, and files Docker must mount. */
export interface ToolConnection {
  /** `--dbname=<conninfo>`: every parameter but the password. */
  dbnameArg: string;
  /** The caller's environment without libpq's own variables (everything is explicit), plus PGPASSWORD. */
  env: NodeJS.ProcessEnv;
  /** Files and socket folders the tool reads: mounted read-only at the same path when it runs in Docker. */
  files: string[];
}

/** libpq variables besides the keywords' own: none of them may add to, or change, what the connection says. */
const OTHER_LIBPQ_VARIABLES = ['PGSERVICEFILE', 'PGSYSCONFDIR', 'PGREQUIRESSL', 'PGPASSFILE'];

/** Values that say what libpq does anyway: an older libpq that does not know the keyword behaves the same. */
const DEFAULTS: Record<string, string> = {
  sslcertmode: 'allow',
  sslnegotiation: 'postgres',
  load_balance_hosts: 'disable',
  sslsni: '1',
  gssdelegation: '0',
  channel_binding: 'prefer',
  gssencmode: 'prefer',
  target_session_attrs: 'any',
};

const quote = (v: string) => `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/**
 * The connection for a client tool (pg_dump, pg_restore) of `tool.major`, from the same connection string the
 * driver uses, so both make the same connection: the password only in PGPASSWORD (argv is visible to every user
 * of the machine), the rest as a key=value conninfo. A parameter the tool's libpq is too old to know is left out
 * when it only restates a default and refused otherwise. `applicationName` wins over one the string sets, so the
 * tool's session can be found in pg_stat_activity.
 */
export function toolConnection(url: string, tool: PgTool, applicationName?: string): ToolConnection {
  const { password, ...params } = parseConnString(url);
  if (params.sslpassword !== undefined) {
    throw new InputError([
      `database-url: sslpassword cannot reach ${tool.source ?? tool.path} without showing on its command line (libpq reads it from nowhere else): decrypt the client key instead (openssl pkey -in key.pem -out plain.pem, mode 0600) and name that file in sslkey`,
    ]);
  }
  if (applicationName) params.application_name = applicationName;
  // What the driver does, said to the tool: it never uses GSSAPI, and it gives up connecting after 15 s.
  if (tool.major >= 12) params.gssencmode = 'disable';
  params.connect_timeout ??= String(DEFAULT_CONNECT_TIMEOUT_S);
  for (const [k, v] of Object.entries(params))
    if (KEYWORDS[k].since > tool.major && DEFAULTS[k] === v) delete params[k];
  const tooNew = Object.keys(params).filter((k) => KEYWORDS[k].since > tool.major);
  if (tooNew.length) {
    throw new InputError([
      `${tool.source ?? tool.path} is version ${tool.major}, too old to know the connection parameter${tooNew.length > 1 ? 's' : ''} ${tooNew.map((k) => `${k} (libpq ${KEYWORDS[k].since}+)`).join(', ')} in database-url; install a newer postgresql-client (or set pg-dump-path to one), or remove ${tooNew.length > 1 ? 'them' : 'it'}`,
    ]);
  }
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const kw of Object.values(KEYWORDS)) if (kw.env) delete env[kw.env];
  for (const name of OTHER_LIBPQ_VARIABLES) delete env[name];
  if (password !== undefined) env.PGPASSWORD = password;
  const files = Object.entries(params)
    .filter(([k, v]) => KEYWORDS[k].file && v.startsWith('/'))
    .map(([, v]) => v);
  if (params.host?.startsWith('/')) files.push(params.host);
  const conninfo = Object.entries(params)
    .map(([k, v]) => `${k}=${quote(v)}`)
    .join(' ');
  return { dbnameArg: `--dbname=${conninfo}`, env, files: [...new Set(files)] };
}
