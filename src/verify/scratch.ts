import { randomBytes } from 'node:crypto';
import { connect, type Client } from '../db/session/connect.js';
import { connectOwn, OWN_SESSION_SQL } from '../db/session/own-session.js';
import { runScript } from '../db/session/script-query.js';
import { quoteIdent } from '../db/session/identifiers.js';
import { withDatabase } from '../connection/url.js';

/** Every scratch database this tool creates starts with this, so a leftover one is recognisable. */
export const SCRATCH_PREFIX = 'pmg_verify_';

/**
 * Each scratch database carries a comment naming the session that created it (verify's admin session, which
 * lives as long as the run): its pid and the moment it connected, so that the pid of a later session is not
 * mistaken for it. A run killed outright (SIGKILL) cannot drop its scratch databases; the next verify on the server
 * drops those whose creating session is gone, and no other.
 */
const CREATOR = /^pg-migration-gate verify scratch database; created by pid (\d+) connected at (\S+)$/;
const creatorComment = (pid: number, since: string) =>
  `pg-migration-gate verify scratch database; created by pid ${pid} connected at ${since}`;
/** A session's start as text that does not depend on the session's TimeZone or DateStyle. */
const BACKEND_START = `pg_catalog.to_char(backend_start AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * The role that may not create the scratch databases, or undefined when it may. CREATE DATABASE takes the CREATEDB
 * attribute (or superuser) of the current role itself: attributes are not inherited through membership. On a managed
 * service the migrating role owns its database and has neither, as a rule; asked first, verify stops before anything
 * runs instead of failing at its first scratch database.
 */
export async function mayNotCreateDatabases(client: Client): Promise<string | undefined> {
  const r = await client.query(
    'SELECT current_user AS role, rolsuper OR rolcreatedb AS may FROM pg_catalog.pg_roles WHERE rolname = current_user',
  );
  return r.rows[0]?.may ? undefined : (r.rows[0]?.role as string);
}

/**
 * Scratch databases on a server the action may use for them: created from templates, always dropped. The
 * database named in the URL is only the door to the server; nothing is created or changed in it.
 */
export class ScratchServer {
  private readonly created: string[] = [];
  private readonly run = randomBytes(4).toString('hex');
  private serial = 0;

  private constructor(
    private readonly url: string,
    private readonly admin: Client,
    /** The comment each scratch database gets (see CREATOR). */
    private readonly comment: string,
    /** CREATE DATABASE … STRATEGY FILE_COPY (PostgreSQL 15+): much faster for small databases. */
    private readonly fileCopy: boolean,
    /** DROP DATABASE … WITH (FORCE) (PostgreSQL 13+). */
    private readonly force: boolean,
  ) {}

  static async open(url: string): Promise<ScratchServer> {
    const admin = await connect(url);
    // Ours (see OWN_SESSION_SQL) in the same round trip: it waits out every check, idle, and a CREATE DATABASE from a
    // large template may take longer than a role's statement_timeout.
    const [, version, me] = await runScript(
      admin,
      `${OWN_SESSION_SQL};\nSHOW server_version_num;\nSELECT pid, ${BACKEND_START} AS since FROM pg_catalog.pg_stat_activity WHERE pid = pg_catalog.pg_backend_pid()`,
    ).catch(async (err) => {
      await admin.end().catch(() => {});
      throw err;
    });
    const v = Number(version.rows[0].server_version_num);
    return new ScratchServer(url, admin, creatorComment(me.rows[0].pid, me.rows[0].since), v >= 150000, v >= 130000);
  }

  /**
   * Drops the scratch databases of earlier runs whose creating session is gone (a run killed outright); those of
   * runs still alive, and those that do not say who created them, stay. Returns one line per database dropped
   * or that could not be.
   */
  async dropLeftovers(): Promise<string[]> {
    const r = await this.admin.query(
      `SELECT d.datname AS name, pg_catalog.shobj_description(d.oid, 'pg_database') AS comment FROM pg_catalog.pg_database d
        WHERE pg_catalog.left(d.datname, $1) = $2`,
      [SCRATCH_PREFIX.length, SCRATCH_PREFIX],
    );
    const out: string[] = [];
    for (const { name, comment } of r.rows as { name: string; comment: string | null }[]) {
      const m = CREATOR.exec(comment ?? '');
      if (!m) continue;
      // Another role's session start may be hidden (NULL): a session with that pid then counts as alive.
      const alive = await this.admin.query(
        `SELECT 1 FROM pg_catalog.pg_stat_activity WHERE pid = $1 AND (backend_start IS NULL OR ${BACKEND_START} = $2)`,
        [Number(m[1]), m[2]],
      );
      if (alive.rowCount) continue;
      try {
        await this.dropDatabase(name);
        out.push(`dropped ${name}, left behind by an earlier verify whose process was killed`);
      } catch (err) {
        out.push(
          `could not drop ${name}, left behind by an earlier verify whose process was killed: ${(err as Error).message}`,
        );
      }
    }
    return out;
  }

  /**
   * Once `signal` is aborted, cancels whatever runs on this run's scratch databases (the migration, our queries
   * about it), from a connection of its own, and keeps at it every 250 ms until the returned function is called:
   * a cancel that arrives between two queries cancels nothing.
   */
  cancelOnAbort(signal: AbortSignal | undefined): () => Promise<void> {
    if (!signal) return async () => {};
    let timer: NodeJS.Timeout | undefined;
    let canceller: Promise<Client | undefined> | undefined;
    const prefix = `${SCRATCH_PREFIX}${this.run}_`;
    const cancel = async () => {
      const c = await (canceller ??= connectOwn(this.url).catch(() => undefined));
      await c
        ?.query(
          'SELECT pg_catalog.pg_cancel_backend(pid) FROM pg_catalog.pg_stat_activity WHERE pg_catalog.left(datname, $1) = $2 AND pid <> pg_catalog.pg_backend_pid()',
          [prefix.length, prefix],
        )
        .catch(() => undefined);
    };
    const onAbort = () => {
      void cancel();
      timer = setInterval(() => void cancel(), 250);
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    return async () => {
      signal.removeEventListener('abort', onAbort);
      if (timer) clearInterval(timer);
      await (await canceller)?.end().catch(() => {});
    };
  }

  /** A new database, empty or a copy of `template` (which must have no open connections). */
  async create(label: string, template?: string): Promise<string> {
    const name = `${SCRATCH_PREFIX}${this.run}_${this.serial++}_${label}`.slice(0, 63);
    const from = template ? ` TEMPLATE ${quoteIdent(template)}${this.fileCopy ? ' STRATEGY FILE_COPY' : ''}` : '';
    await this.admin.query(`CREATE DATABASE ${quoteIdent(name)}${from}`);
    this.created.push(name);
    await this.admin.query(`COMMENT ON DATABASE ${quoteIdent(name)} IS ${this.admin.escapeLiteral(this.comment)}`);
    return name;
  }

  urlOf(database: string): string {
    return withDatabase(this.url, database);
  }

  async drop(name: string): Promise<void> {
    await this.dropDatabase(name);
    this.created.splice(this.created.indexOf(name), 1);
  }

  private async dropDatabase(name: string): Promise<void> {
    if (!this.force)
      await this.admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name]);
    await this.admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)}${this.force ? ' WITH (FORCE)' : ''}`);
  }

  /** Drops every database this run created, also after a failure, then closes the admin connection. */
  async close(): Promise<void> {
    try {
      for (const name of [...this.created].reverse()) await this.drop(name).catch(() => {});
    } finally {
      await this.admin.end().catch(() => {});
    }
  }
}
