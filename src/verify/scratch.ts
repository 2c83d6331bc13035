import { randomBytes } from 'node:crypto';
import { connect, type Client } from '../db/connect.js';
import { quoteIdent } from '../db/identifiers.js';

/** Every scratch database this tool creates starts with this, so a leftover one is recognisable. */
export const SCRATCH_PREFIX = 'pmg_verify_';

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
    const v = Number((await admin.query('SHOW server_version_num')).rows[0].server_version_num);
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
    const u = new URL(this.url);
    u.pathname = `/${encodeURIComponent(database)}`;
    return u.toString();
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
