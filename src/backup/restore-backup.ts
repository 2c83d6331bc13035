import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { withClient } from '../db/session/connect.js';
import { serverMajor } from '../db/session/server-version.js';
import { InputError } from '../foundation/errors.js';
import { damagedDump } from './damaged-dump.js';
import { restoreDump, restoreDumpAtBarrier, sha256File } from './dump.js';
import { decryptFile } from './encryption.js';
import { readMetadata, type BackupMetadata } from './metadata.js';
import { chooseTool } from './pg-tools.js';
import { systemPrivileges } from './system-privileges.js';

/**
 * The dump of a downloaded artifact: the one .dump file with its metadata, decrypted first when the artifact
 * holds it encrypted (.dump.age).
 */
export async function dumpIn(dir: string, identity?: string): Promise<string> {
  const files = readdirSync(dir);
  const plain = files.filter((f) => f.endsWith('.dump'));
  const sealed = files.filter((f) => f.endsWith('.dump.age'));
  if (plain.length + sealed.length !== 1)
    throw new InputError([
      `backup-artifact: expected one .dump (or .dump.age) file in the artifact, found ${plain.length + sealed.length}`,
    ]);
  if (plain.length) return join(dir, plain[0]);
  const dump = join(dir, sealed[0].replace(/\.age$/, ''));
  const m = readMetadata(dump);
  const actual = await sha256File(join(dir, sealed[0]));
  if (m.encryption?.sha256 !== actual)
    throw new InputError([
      `${sealed[0]}: sha256 ${actual} does not match the encrypted copy's ${m.encryption?.sha256}; nothing was restored`,
    ]);
  await decryptFile(join(dir, sealed[0]), dump, identity);
  return dump;
}

/**
 * When beforeRestore runs: first `locked: false`, before anything is locked (a refusal then costs no wait, and
 * nothing is prepared); then `locked: true` at the barrier, `session` being the restore's own (left out of "others").
 */
export interface RestoreCheck {
  locked: boolean;
  session?: string;
}

export interface RestoreOptions {
  /** How long pg_restore waits for a lock (backup-lock-timeout); 0: no limit; absent: its default. */
  lockTimeoutMs?: number;
  /** Aborted when the run is cancelled: pg_restore is stopped with its server session, and nothing is restored. */
  signal?: AbortSignal;
  /**
   * Runs once the dump is known good and the tools are chosen, while every table is locked against writes in the
   * transaction that then restores (see restoreDumpAtBarrier): the checks that may refuse (by throwing), with nothing
   * able to change under them. Returns statements to run in that transaction before the dump's own.
   */
  beforeRestore?: (metadata: BackupMetadata, at: RestoreCheck) => Promise<string[] | void>;
}

/** A restored backup's metadata, and the privileges of the server's own objects the restore left out. */
export interface RestoredBackup extends BackupMetadata {
  /** See system-privileges.ts: `FUNCTION pg_catalog.pg_control_system`; empty for a superuser. */
  systemPrivilegesLeftOut: string[];
}

/**
 * Restores a dump into the database of `url`: the sha256 in its metadata is checked before anything is
 * touched, then pg_restore (at least as new as the server and as the pg_dump that wrote the dump) drops and
 * recreates the dump's objects in one transaction. Returns the metadata.
 */
export async function restoreBackup(
  url: string,
  dump: string,
  pgDumpPath?: string,
  o: RestoreOptions = {},
): Promise<RestoredBackup> {
  const metadata = readMetadata(dump);
  // A dump cut short is told by its size at once, before the whole file is hashed.
  const size = statSync(dump).size;
  if (size !== metadata.size) {
    throw new InputError([
      `${dump}: the file is ${size} bytes, the backup was ${metadata.size} bytes when taken; it is truncated or damaged, nothing was restored`,
    ]);
  }
  const actual = await sha256File(dump);
  if (actual !== metadata.sha256) {
    throw new InputError([
      `${dump}: sha256 ${actual} does not match ${metadata.sha256} recorded when the backup was taken; the file is damaged or not this backup, nothing was restored`,
    ]);
  }
  const major = await withClient(url, serverMajor);
  const pgRestore = await chooseTool('pg_restore', Math.max(major, parseInt(metadata.pgDumpVersion, 10)), pgDumpPath);
  // A dump whose sha256 matches can still be unreadable (damaged before its metadata was written): said as such.
  const unreadable = (err: unknown): never => {
    throw damagedDump(dump, err) ?? err;
  };
  const system = await systemPrivileges(pgRestore, url, dump).catch(unreadable);
  try {
    const barrier = o.beforeRestore;
    if (!barrier) await restoreDump(pgRestore, url, dump, o.lockTimeoutMs, system.useList, o.signal).catch(unreadable);
    else {
      // The psql beside that pg_restore, else one found as pg_restore would be (pg-dump-path may name a folder of
      // pg_dump and pg_restore alone).
      // At least as new as pg_restore: a newer pg_restore's script may use what an older psql does not know.
      const psql = await chooseTool('psql', pgRestore.major, dirname(pgRestore.path)).catch(() =>
        chooseTool('psql', pgRestore.major),
      );
      await barrier(metadata, { locked: false });
      await restoreDumpAtBarrier(
        pgRestore,
        psql,
        url,
        dump,
        async (session) => (await barrier(metadata, { locked: true, session })) ?? [],
        { lockTimeoutMs: o.lockTimeoutMs, useList: system.useList, signal: o.signal },
      ).catch(unreadable);
    }
  } finally {
    system.dispose();
  }
  return { ...metadata, systemPrivilegesLeftOut: system.leftOut };
}
