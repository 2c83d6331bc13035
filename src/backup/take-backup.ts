import type { HistoryRow } from '../model/history.js';
import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { TableName } from '../config/history-table.js';
import { targetIdentity } from '../connection/url.js';
import { catalogState } from '../db/catalog/catalog-state.js';
import { withClient } from '../db/session/connect.js';
import { locateHistoryTable, readHistory } from '../db/history/table.js';
import { tableText } from '../db/session/identifiers.js';
import { OWN_SESSION_SQL } from '../db/session/own-session.js';
import { runScript } from '../db/session/script-query.js';
import { serverMajor } from '../db/session/server-version.js';
import { tableWriteCounts } from '../db/catalog/table-writes.js';
import { databaseIdentity } from '../db/session/server-identity.js';
import { currentSnapshot } from '../db/session/xid-snapshot.js';
import { InputError } from '../foundation/errors.js';
import { compareVersions } from '../migrations/version.js';
import type { BackupInfo } from '../model/report.js';
import type { ArtifactStore } from './artifact-store.js';
import { recordCatalog, type RecordedCatalog } from './catalog-changes.js';
import { checkDump, dumpDatabase, sha256File } from './dump.js';
import { encryptFile } from './encryption.js';
import { writeMetadata, type BackupMetadata } from './metadata.js';
import { backupTool, type DockerMode, type PgTool } from './pg-tools.js';

export interface BackupOptions {
  dir: string;
  historyTable: TableName;
  pgDumpPath?: string;
  /**
   * The postgres:<major> image's tools: auto (default) when none installed is new enough and Docker answers, true
   * always, false never. A boolean is read as true/false.
   */
  pgDumpDocker?: DockerMode | boolean;
  planHash?: string;
  /** Part of the file name, e.g. pre-apply or post-apply. */
  label?: string;
  /** age public keys: the uploaded copy is encrypted to them. */
  recipients?: string[];
  /** How long pg_dump waits for a table lock (backup-lock-timeout); 0: no limit; absent: its default. */
  lockTimeoutMs?: number;
  /** Aborted when the run is cancelled: pg_dump is stopped with its server session, and its file removed. */
  signal?: AbortSignal;
  /** Upload to this store under this name; absent outside GitHub Actions. */
  artifact?: { store: ArtifactStore; name: string; retentionDays?: number };
}

/** The version and where the tool came from, e.g. `17.2 (docker postgres:17)` or `17.2 (/usr/bin/pg_dump)`. */
function describeTool(t: PgTool): string {
  return t.source ? `${t.version} (${t.source})` : t.version;
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
    throw new InputError(
      [
        `backup-dir: '${dir}' cannot be written (${(cause as NodeJS.ErrnoException).code}); point backup-dir at a writable folder`,
      ],
      { cause },
    );
  }
}

/**
 * What the backup stands for, read in one REPEATABLE READ transaction whose snapshot pg_dump then uses
 * (pg_dump --snapshot): the recorded snapshot is exactly the dump's. fn runs while that transaction is open.
 */
async function atBackupSnapshot<T>(
  url: string,
  historyTable: TableName,
  fn: (state: ServerState, snapshotId: string) => Promise<T>,
): Promise<T> {
  return withClient(url, async (c) => {
    try {
      // The transaction sits idle for as long as pg_dump runs: the server's session limits are turned off on it in
      // the same round trip (see OWN_SESSION_SQL). Its snapshot is taken by the first of these to read.
      const opened = (
        await runScript(
          c,
          `BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY;\n${OWN_SESSION_SQL};\nSELECT pg_catalog.pg_export_snapshot() AS id`,
        )
      ).at(-1)!;
      const exported = opened.rows[0].id as string;
      // The next id is a reading of the moment, not part of what the backup stands for.
      const { next: _next, ...snapshot } = await currentSnapshot(c);
      const version = (await c.query("SELECT current_setting('server_version') AS v")).rows[0].v as string;
      const identity = await databaseIdentity(c);
      const tableWrites = await tableWriteCounts(c);
      const catalog = recordCatalog(await catalogState(c, await serverMajor(c), { labels: true }));
      const history = await locateHistoryTable(c, historyTable)
        .then((t) => readHistory(c, t))
        .catch(() => undefined);
      const last = history
        ?.filter((r) => r.version && !r.dirty)
        .sort((a, b) => compareVersions(a.version!, b.version!))
        .pop();
      return await fn({ version: version.split(' ')[0], identity, snapshot, tableWrites, catalog, last }, exported);
    } finally {
      await c.query('ROLLBACK').catch(() => {});
    }
  });
}

interface ServerState {
  version: string;
  identity: Awaited<ReturnType<typeof databaseIdentity>>;
  snapshot: Omit<Awaited<ReturnType<typeof currentSnapshot>>, 'next'>;
  tableWrites: Awaited<ReturnType<typeof tableWriteCounts>>;
  catalog: RecordedCatalog;
  last?: HistoryRow;
}

/**
 * A verified backup: pg_dump in custom format (compressed) with a pg_dump at least as new as the server, checked
 * by reading its table of contents back, checksummed, described by a metadata file beside it, and uploaded when
 * a store is given. A pg_dump too old, or an unwritable folder, fails before anything is dumped. The metadata
 * names the database (oid, the server's system identifier) and the transaction snapshot the dump stands for, so a
 * restore can check its target and what was written since.
 */
export async function takeBackup(url: string, o: BackupOptions): Promise<BackupInfo> {
  const major = await withClient(url, serverMajor);
  writableDir(o.dir);
  const docker: DockerMode =
    o.pgDumpDocker === true ? 'true' : o.pgDumpDocker === false ? 'false' : (o.pgDumpDocker ?? 'auto');
  const pgDump = await backupTool('pg_dump', major, { explicit: o.pgDumpPath, docker, dir: o.dir, signal: o.signal });
  // pg_restore reads the dump back: from the same place as pg_dump when that is Docker.
  const pgRestore =
    pgDump.path === 'docker'
      ? await backupTool('pg_restore', major, { docker: 'true', dir: o.dir, signal: o.signal })
      : await backupTool('pg_restore', major, { explicit: o.pgDumpPath, docker, dir: o.dir, signal: o.signal });
  const usedDump = describeTool(pgDump);
  const { server, path } = await atBackupSnapshot(url, o.historyTable, async (server, snapshot) => {
    const path = freshPath(
      o.dir,
      `${server.identity.name.replace(/[^A-Za-z0-9._-]+/g, '_')}${o.label ? `-${o.label}` : ''}-${new Date().toISOString().replace(/[-:]/g, '')}`,
    );
    await dumpDatabase(pgDump, url, path, o.lockTimeoutMs, snapshot, o.signal);
    return { server, path };
  });
  // Reading the table of contents back and hashing the file are independent reads: done side by side.
  const [entries, sha256] = await Promise.all([checkDump(pgRestore, path, o.signal), sha256File(path, o.signal)]);
  const size = statSync(path).size;
  const metadata: BackupMetadata = {
    format: 'pg-migration-gate-backup/1',
    file: path.split('/').pop()!,
    sha256,
    size,
    database: targetIdentity(url),
    serverVersion: server.version,
    pgDumpVersion: usedDump,
    createdAt: new Date().toISOString(),
    historyTable: tableText(o.historyTable),
    lastApplied: server.last ? { version: server.last.version!.text, name: server.last.name } : undefined,
    planHash: o.planHash,
    entries,
    databaseName: server.identity.name,
    databaseOid: server.identity.oid,
    ...(server.identity.systemIdentifier ? { systemIdentifier: server.identity.systemIdentifier } : {}),
    snapshot: server.snapshot,
    tableWrites: server.tableWrites,
    catalog: server.catalog,
  };
  let uploaded = path;
  if (o.recipients?.length) {
    uploaded = `${path}.age`;
    await encryptFile(path, uploaded, o.recipients, o.signal);
    metadata.encryption = {
      format: 'age',
      file: uploaded.split('/').pop()!,
      sha256: await sha256File(uploaded, o.signal),
    };
  }
  const metadataPath = writeMetadata(path, metadata);
  const info: BackupInfo = {
    path,
    metadataPath,
    sha256,
    size,
    serverVersion: server.version,
    pgDumpVersion: usedDump,
    restore: `pg-migration-gate restore --backup-file ${path} --database-url "$DATABASE_URL"`,
  };
  if (o.artifact) {
    // Encrypted: only the encrypted copy leaves the runner.
    const { id } = await o.artifact.store.upload(
      o.artifact.name,
      [uploaded, metadataPath],
      o.dir,
      o.artifact.retentionDays,
    );
    info.artifactName = o.artifact.name;
    info.artifactId = id;
    info.restore = `uses: pg-migration-gate with command: restore, backup-artifact: ${o.artifact.name} (backup-run-id: this run's id from another run)`;
  }
  return info;
}
