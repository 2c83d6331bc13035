import { randomBytes } from 'node:crypto';
import { connect, type Client } from '../db/connect.js';
import { OWN_SESSION_SQL } from '../db/own-session.js';
import { runScript } from '../db/script-query.js';
import { quoteIdent } from '../db/identifiers.js';
import { withDatabase } from '../connection/url.js';

/** Every scratch database this tool creates starts with this, so a leftover one is recognisable. */
export const SCRATCH_PREFIX = 'pmg_verify_';

/**
 * The role that may not create the scratch databases, or undefined when it may. CREATE DATABASE takes the CREATEDB
 * attribute (or superuser) of the current role itself: attributes are not inherited through membership. On a managed
 * service the migrating role owns its database and has neither, as a rule; asked first, verify stops before anything
 * runs instead of failing at its first scratch database.
 */
export async function mayNotCreateDatabases(client: Client): Promise<string | undefined> {
  const r = await client.query('SELECT current_user AS role, rolsuper OR rolcreatedb AS may FROM pg_catalog.pg_roles WHERE rolname = current_user');
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
    /** CREATE DATABASE … STRATEGY FILE_COPY (PostgreSQL 15+): much faster for small databases. */
    private readonly fileCopy: boolean,
    /** DROP DATABASE … WITH (FORCE) (PostgreSQL 13+). */
    private readonly force: boolean,
  ) {}

  static async open(url: string): Promise<ScratchServer> {
    const admin = await connect(url);
    // Ours (see OWN_SESSION_SQL) in the same round trip: it waits out every check, idle, and a CREATE DATABASE from a
    // large template may take longer than a role's statement_timeout.
    const [, version] = await runScript(admin, `${OWN_SESSION_SQL};\nSHOW server_version_num`).catch(async (err) => {
      await admin.end().catch(() => {});
      throw err;
    });
    const v = Number(version.rows[0].server_version_num);
    return new ScratchServer(url, admin, v >= 150000, v >= 130000);
  }

  /** A new database, empty or a copy of `template` (which must have no open connections). */
  async create(label: string, template?: string): Promise<string> {
    const name = `${SCRATCH_PREFIX}${this.run}_${this.serial++}_${label}`.slice(0, 63);
    const from = template ? ` TEMPLATE ${quoteIdent(template)}${this.fileCopy ? ' STRATEGY FILE_COPY' : ''}` : '';
    await this.admin.query(`CREATE DATABASE ${quoteIdent(name)}${from}`);
    this.created.push(name);
    return name;
  }

  urlOf(database: string): string {
    return withDatabase(this.url, database);
  }

  async drop(name: string): Promise<void> {
    if (!this.force) await this.admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name]);
    await this.admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)}${this.force ? ' WITH (FORCE)' : ''}`);
    this.created.splice(this.created.indexOf(name), 1);
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
