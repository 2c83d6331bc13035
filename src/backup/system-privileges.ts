import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withOwnClient } from '../db/session/own-session.js';
import { runTool } from './dump.js';
import type { PgTool } from './pg-tools.js';

/**
 * pg_dump records the privileges of the server's own objects (schema pg_catalog) wherever they differ from what
 * initdb set: a managed service's `REVOKE EXECUTE ON FUNCTION pg_control_system() FROM PUBLIC` is in every dump of
 * every database there. Replaying them takes their owner's rights, the bootstrap superuser's: pg_restore run by any
 * other role stops at the first ("permission denied for function pg_control_system"), and, being one transaction,
 * restores nothing. A restore never drops or creates those objects, so their privileges stay as the server has
 * them; for a role that is not a superuser those entries are left out of the restore, and named.
 */
export interface SystemPrivileges {
  /** A table of contents without those entries, for pg_restore --use-list; absent when nothing is left out. */
  useList?: string;
  /** What was left out: `FUNCTION pg_catalog.pg_control_system`. */
  leftOut: string[];
  /** Removes the list file. */
  dispose(): void;
}

/** A table-of-contents line of such an entry: `5033; 0 0 ACL pg_catalog FUNCTION pg_control_system(…) postgres`. */
const SYSTEM_ACL = /^\d+; \d+ \d+ ACL pg_catalog (\S+) ([^( ]+)/;

export async function systemPrivileges(pgRestore: PgTool, url: string, dump: string): Promise<SystemPrivileges> {
  const none: SystemPrivileges = { leftOut: [], dispose: () => {} };
  const superuser = await withOwnClient(
    url,
    async (c) =>
      (await c.query('SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user')).rows[0]?.rolsuper ===
      true,
  );
  if (superuser) return none;
  const dir = mkdtempSync(join(tmpdir(), 'pmg-restore-list-'));
  const dispose = () => rmSync(dir, { recursive: true, force: true });
  try {
    // Written to a file, not read from stdout: a large database's table of contents is longer than runTool keeps.
    // (A restore runs an installed pg_restore, never Docker's, so the tool writes where this process reads.)
    const list = join(dir, 'toc.list');
    await runTool(pgRestore, ['--list', `--file=${list}`, dump], process.env);
    const lines = readFileSync(list, 'utf8').split('\n');
    const leftOut = lines.flatMap((l) => {
      const m = SYSTEM_ACL.exec(l);
      return m ? [`${m[1]} pg_catalog.${m[2]}`] : [];
    });
    if (!leftOut.length) {
      dispose();
      return none;
    }
    // A line starting with ';' is a comment to pg_restore --use-list: that entry is not restored.
    writeFileSync(list, lines.map((l) => (SYSTEM_ACL.test(l) ? `;${l}` : l)).join('\n'));
    return { useList: list, leftOut, dispose };
  } catch (err) {
    dispose();
    throw err;
  }
}

/** The report's sentence about what was left out; undefined when nothing was. */
export function systemPrivilegesNote(leftOut: string[]): string | undefined {
  if (!leftOut.length) return undefined;
  return `the dump's privileges on ${leftOut.length} object(s) of the server itself were not restored, as only a superuser may set them and the restore leaves those objects as the server has them: ${leftOut.join(', ')}`;
}
