import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { TableName } from '../config/history-table.js';
import { targetIdentity, withClient } from '../db/connect.js';
import { locateHistoryTable, readHistory } from '../db/history.js';
import { tableText } from '../db/identifiers.js';
import { InputError } from '../errors.js';
import { compareVersions } from '../migrations/version.js';
import type { BackupInfo } from '../model/report.js';
import type { ArtifactStore } from './artifact-store.js';
import { checkDump, dumpDatabase, sha256File } from './dump.js';
import { encryptFile } from './encryption.js';
import { writeMetadata, type BackupMetadata } from './metadata.js';
import { chooseTool, dockerTool } from './pg-tools.js';

export interface BackupOptions {
  dir: string;
  historyTable: TableName;
  pgDumpPath?: string;
  /** Fall back to the postgres:<major> image's tools when none installed is new enough. */
  pgDumpDocker?: boolean;
  planHash?: string;
  /** Part of the file name, e.g. pre-apply or post-apply. */
  label?: string;
  /** age public keys: the uploaded copy is encrypted to them. */
  recipients?: string[];
  /** Upload to this store under this name; absent outside GitHub Actions. */
  artifact?: { store: ArtifactStore; name: string; retentionDays?: number };
}

/** A dump path no earlier backup uses: two backups never share a file. */
function freshPath(dir: string, base: string): string {
  for (let n = 0; ; n++) {
    const path = join(dir, `${base}${n ? `-${n}` : ''}.dump`);
    if (!existsSync(path)) return path;
  }
}

function writableDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (cause) {
    throw new InputError([`backup-dir: '${dir}' cannot be written (${(cause as NodeJS.ErrnoException).code}); point backup-dir at a writable folder`], { cause });
  }
}

/**
 * A verified backup: pg_dump in custom format (compressed) with a pg_dump at least as new as the server, checked
 * by reading its table of contents back, checksummed, described by a metadata file beside it, and uploaded when
 * a store is given. A pg_dump too old, or an unwritable folder, fails before anything is dumped.
 */
export async function takeBackup(url: string, o: BackupOptions): Promise<BackupInfo> {
  const server = await withClient(url, async (c) => {
    const v = (await c.query("SELECT current_setting('server_version_num')::int AS num, current_setting('server_version') AS text, current_database() AS db")).rows[0];
    const history = await locateHistoryTable(c, o.historyTable).then((t) => readHistory(c, t)).catch(() => undefined);
    const last = history?.filter((r) => r.version && !r.dirty).sort((a, b) => compareVersions(a.version!, b.version!)).pop();
    return { major: Math.floor(v.num / 10000), text: String(v.text).split(' ')[0], db: v.db as string, last };
  });
  writableDir(o.dir);
  const tool = (name: string) =>
    chooseTool(name, server.major, o.pgDumpPath).catch(async (err) => {
      if (o.pgDumpDocker && err instanceof InputError) return dockerTool(name, server.major, o.dir);
      throw err;
    });
  const pgDump = await tool('pg_dump');
  const pgRestore = await tool('pg_restore');

  const path = freshPath(o.dir, `${server.db.replace(/[^A-Za-z0-9._-]+/g, '_')}${o.label ? `-${o.label}` : ''}-${new Date().toISOString().replace(/[-:]/g, '')}`);
  await dumpDatabase(pgDump, url, path);
  // Reading the table of contents back and hashing the file are independent reads: done side by side.
  const [entries, sha256] = await Promise.all([checkDump(pgRestore, path), sha256File(path)]);
  const size = statSync(path).size;
  const metadata: BackupMetadata = {
    format: 'pg-migration-gate-backup/1',
    file: path.split('/').pop()!,
    sha256,
    size,
    database: targetIdentity(url),
    serverVersion: server.text,
    pgDumpVersion: pgDump.version,
    createdAt: new Date().toISOString(),
    historyTable: tableText(o.historyTable),
    lastApplied: server.last ? { version: server.last.version!.text, name: server.last.name } : undefined,
    planHash: o.planHash,
    entries,
  };
  let uploaded = path;
  if (o.recipients?.length) {
    uploaded = `${path}.age`;
    await encryptFile(path, uploaded, o.recipients);
    metadata.encryption = { format: 'age', file: uploaded.split('/').pop()!, sha256: await sha256File(uploaded) };
  }
  const metadataPath = writeMetadata(path, metadata);
  const info: BackupInfo = {
    path,
    metadataPath,
    sha256,
    size,
    serverVersion: server.text,
    pgDumpVersion: pgDump.version,
    restore: `pg-migration-gate restore --backup-file ${path} --database-url "$DATABASE_URL"`,
  };
  if (o.artifact) {
    // Encrypted: only the encrypted copy leaves the runner.
    const { id } = await o.artifact.store.upload(o.artifact.name, [uploaded, metadataPath], o.dir, o.artifact.retentionDays);
    info.artifactName = o.artifact.name;
    info.artifactId = id;
    info.restore = `uses: pg-migration-gate with command: restore, backup-artifact: ${o.artifact.name} (backup-run-id: this run's id from another run)`;
  }
  return info;
}
