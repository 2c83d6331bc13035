export const id = 454;
export const ids = [454];
export const modules = {

/***/ 3454:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   backup: () => (/* binding */ backup)
/* harmony export */ });
/* harmony import */ var _engine_backup_run_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7765);
/* harmony import */ var _engine_context_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6173);


/** A verified backup of the target database, uploaded as an artifact inside GitHub Actions. */
async function backup(config, ctx) {
    const report = (0,_engine_context_js__WEBPACK_IMPORTED_MODULE_1__/* .startReport */ .Fg)('backup', config, ctx.databaseUrl);
    report.backup = await (0,_engine_backup_run_js__WEBPACK_IMPORTED_MODULE_0__/* .backupFor */ .i)(config, ctx);
    const b = report.backup;
    ctx.log.info(`backup ${b.path}: ${b.size} bytes, sha256 ${b.sha256}${b.artifactName ? `, artifact ${b.artifactName} (${b.artifactId})` : ''}`);
    return report;
}


/***/ }),

/***/ 2079:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   j: () => (/* binding */ runScript)
/* harmony export */ });
/* harmony import */ var pg__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3849);

/**
 * node-postgres' Query, counting the CommandComplete messages of a multi-statement simple query: when a
 * statement fails, the count says which one it was, without a round trip per statement.
 */
class CountingQuery extends pg__WEBPACK_IMPORTED_MODULE_0__["default"].Query {
    completed = 0;
    handleCommandComplete(msg, connection) {
        this.completed++;
        pg__WEBPACK_IMPORTED_MODULE_0__["default"].Query.prototype.handleCommandComplete.call(this, msg, connection);
    }
}
/**
 * Sends several statements as one simple query (one round trip). Resolves with one result per statement that
 * completed (node-postgres gives a single result for a single statement, an array for several). On failure the
 * error carries `completed`.
 */
function runScript(client, text) {
    return new Promise((resolve, reject) => {
        const query = new CountingQuery(text, undefined, (err, results) => {
            if (err)
                reject(Object.assign(err, { completed: query.completed }));
            else
                resolve(results === undefined ? [] : Array.isArray(results) ? results : [results]);
        });
        client.query(query);
    });
}


/***/ }),

/***/ 7765:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  i: () => (/* binding */ backupFor)
});

;// CONCATENATED MODULE: ./src/backup/artifact-store.ts
/** GitHub's artifact names may not hold " : < > | * ? \ / or line breaks; keep them short and plain. */
function artifactName(...parts) {
    return parts
        .join('-')
        .replace(/[^A-Za-z0-9._-]+/g, '-')
        .replace(/-+/g, '-')
        .replace(/^-|-$/g, '')
        .slice(0, 200);
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/connection/url.ts
var connection_url = __webpack_require__(7277);
// EXTERNAL MODULE: ./src/db/catalog/catalog-state.ts
var catalog_state = __webpack_require__(3049);
// EXTERNAL MODULE: ./src/db/session/connect.ts + 4 modules
var connect = __webpack_require__(4506);
// EXTERNAL MODULE: ./src/db/history/table.ts + 12 modules
var table = __webpack_require__(6704);
// EXTERNAL MODULE: ./src/db/session/identifiers.ts
var identifiers = __webpack_require__(801);
// EXTERNAL MODULE: ./src/db/session/own-session.ts
var own_session = __webpack_require__(8280);
// EXTERNAL MODULE: ./src/db/session/script-query.ts
var script_query = __webpack_require__(2079);
// EXTERNAL MODULE: ./src/db/session/server-version.ts
var server_version = __webpack_require__(871);
// EXTERNAL MODULE: ./src/db/catalog/table-writes.ts
var table_writes = __webpack_require__(8007);
// EXTERNAL MODULE: ./src/db/session/server-identity.ts
var server_identity = __webpack_require__(4297);
// EXTERNAL MODULE: ./src/db/session/xid-snapshot.ts
var xid_snapshot = __webpack_require__(4925);
// EXTERNAL MODULE: ./src/foundation/errors.ts
var errors = __webpack_require__(358);
// EXTERNAL MODULE: ./src/migrations/version.ts
var migrations_version = __webpack_require__(233);
// EXTERNAL MODULE: ./src/backup/catalog-changes.ts
var catalog_changes = __webpack_require__(4861);
// EXTERNAL MODULE: ./src/backup/dump.ts
var dump = __webpack_require__(9794);
// EXTERNAL MODULE: ./src/backup/encryption.ts
var encryption = __webpack_require__(3985);
// EXTERNAL MODULE: ./src/backup/metadata.ts + 1 modules
var backup_metadata = __webpack_require__(5272);
// EXTERNAL MODULE: ./src/backup/pg-tools.ts
var pg_tools = __webpack_require__(179);
;// CONCATENATED MODULE: ./src/backup/take-backup.ts




















/** The version and where the tool came from, e.g. `17.2 (docker postgres:17)` or `17.2 (/usr/bin/pg_dump)`. */
function describeTool(t) {
    return t.source ? `${t.version} (${t.source})` : t.version;
}
/** A dump path no earlier backup uses: two backups never share a file. */
function freshPath(dir, base) {
    for (let n = 0;; n++) {
        const path = (0,external_node_path_.join)(dir, `${base}${n ? `-${n}` : ''}.dump`);
        if (!(0,external_node_fs_.existsSync)(path))
            return path;
    }
}
function writableDir(dir) {
    try {
        (0,external_node_fs_.mkdirSync)(dir, { recursive: true });
        (0,external_node_fs_.accessSync)(dir, external_node_fs_.constants.W_OK);
    }
    catch (cause) {
        throw new errors/* InputError */.dz([
            `backup-dir: '${dir}' cannot be written (${cause.code}); point backup-dir at a writable folder`,
        ], { cause });
    }
}
/**
 * What the backup stands for, read in one REPEATABLE READ transaction whose snapshot pg_dump then uses
 * (pg_dump --snapshot): the recorded snapshot is exactly the dump's. fn runs while that transaction is open.
 */
async function atBackupSnapshot(url, historyTable, fn) {
    return (0,connect.withClient)(url, async (c) => {
        try {
            // The transaction sits idle for as long as pg_dump runs: the server's session limits are turned off on it in
            // the same round trip (see OWN_SESSION_SQL). Its snapshot is taken by the first of these to read.
            const opened = (await (0,script_query/* runScript */.j)(c, `BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY;\n${own_session/* OWN_SESSION_SQL */.t5};\nSELECT pg_catalog.pg_export_snapshot() AS id`)).at(-1);
            const exported = opened.rows[0].id;
            // The next id is a reading of the moment, not part of what the backup stands for.
            const { next: _next, ...snapshot } = await (0,xid_snapshot/* currentSnapshot */.eL)(c);
            const version = (await c.query("SELECT current_setting('server_version') AS v")).rows[0].v;
            const identity = await (0,server_identity/* databaseIdentity */.C)(c);
            const tableWrites = await (0,table_writes/* tableWriteCounts */.e)(c);
            const catalog = (0,catalog_changes/* recordCatalog */.hB)(await (0,catalog_state/* catalogState */.dU)(c, await (0,server_version/* serverMajor */.j)(c), { labels: true }));
            const history = await (0,table/* locateHistoryTable */.Bb)(c, historyTable)
                .then((t) => (0,table/* readHistory */.Lu)(c, t))
                .catch(() => undefined);
            const last = history
                ?.filter((r) => r.version && !r.dirty)
                .sort((a, b) => (0,migrations_version/* compareVersions */.Zy)(a.version, b.version))
                .pop();
            return await fn({ version: version.split(' ')[0], identity, snapshot, tableWrites, catalog, last }, exported);
        }
        finally {
            await c.query('ROLLBACK').catch(() => { });
        }
    });
}
/**
 * A verified backup: pg_dump in custom format (compressed) with a pg_dump at least as new as the server, checked
 * by reading its table of contents back, checksummed, described by a metadata file beside it, and uploaded when
 * a store is given. A pg_dump too old, or an unwritable folder, fails before anything is dumped. The metadata
 * names the database (oid, the server's system identifier) and the transaction snapshot the dump stands for, so a
 * restore can check its target and what was written since.
 */
async function takeBackup(url, o) {
    const major = await (0,connect.withClient)(url, server_version/* serverMajor */.j);
    writableDir(o.dir);
    const docker = o.pgDumpDocker === true ? 'true' : o.pgDumpDocker === false ? 'false' : (o.pgDumpDocker ?? 'auto');
    const pgDump = await (0,pg_tools/* backupTool */.zl)('pg_dump', major, { explicit: o.pgDumpPath, docker, dir: o.dir, signal: o.signal });
    // pg_restore reads the dump back: from the same place as pg_dump when that is Docker.
    const pgRestore = pgDump.path === 'docker'
        ? await (0,pg_tools/* backupTool */.zl)('pg_restore', major, { docker: 'true', dir: o.dir, signal: o.signal })
        : await (0,pg_tools/* backupTool */.zl)('pg_restore', major, { explicit: o.pgDumpPath, docker, dir: o.dir, signal: o.signal });
    const usedDump = describeTool(pgDump);
    const { server, path } = await atBackupSnapshot(url, o.historyTable, async (server, snapshot) => {
        const path = freshPath(o.dir, `${server.identity.name.replace(/[^A-Za-z0-9._-]+/g, '_')}${o.label ? `-${o.label}` : ''}-${new Date().toISOString().replace(/[-:]/g, '')}`);
        await (0,dump/* dumpDatabase */.m3)(pgDump, url, path, o.lockTimeoutMs, snapshot, o.signal);
        return { server, path };
    });
    // Reading the table of contents back and hashing the file are independent reads: done side by side.
    const [entries, sha256] = await Promise.all([(0,dump/* checkDump */.hk)(pgRestore, path, o.signal), (0,dump/* sha256File */.Q3)(path, o.signal)]);
    const size = (0,external_node_fs_.statSync)(path).size;
    const metadata = {
        format: 'pg-migration-gate-backup/1',
        file: path.split('/').pop(),
        sha256,
        size,
        database: (0,connection_url.targetIdentity)(url),
        serverVersion: server.version,
        pgDumpVersion: usedDump,
        createdAt: new Date().toISOString(),
        historyTable: (0,identifiers/* tableText */.qK)(o.historyTable),
        lastApplied: server.last ? { version: server.last.version.text, name: server.last.name } : undefined,
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
        await (0,encryption/* encryptFile */.o)(path, uploaded, o.recipients, o.signal);
        metadata.encryption = {
            format: 'age',
            file: uploaded.split('/').pop(),
            sha256: await (0,dump/* sha256File */.Q3)(uploaded, o.signal),
        };
    }
    const metadataPath = (0,backup_metadata/* writeMetadata */.f5)(path, metadata);
    const info = {
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
        const { id } = await o.artifact.store.upload(o.artifact.name, [uploaded, metadataPath], o.dir, o.artifact.retentionDays);
        info.artifactName = o.artifact.name;
        info.artifactId = id;
        info.restore = `uses: pg-migration-gate with command: restore, backup-artifact: ${o.artifact.name} (backup-run-id: this run's id from another run)`;
    }
    return info;
}

;// CONCATENATED MODULE: ./src/engine/backup-run.ts



/** The artifact name: given, or unique per database, run and attempt. */
function backupArtifactName(config, url, a) {
    return (config.artifactName ??
        artifactName('pg-backup', (0,connection_url.targetIdentity)(url).split('/').pop(), String(a.runId), String(a.attempt)));
}
/**
 * A verified backup of the context's database, as the config asks for it: the backup command's, and the apply's
 * before and after it runs (`extra` labels them, ties them to the plan and names the artifact apart).
 */
function backupFor(config, ctx, extra = {}) {
    const { nameSuffix = '', ...labels } = extra;
    return takeBackup(ctx.databaseUrl, {
        ...labels,
        dir: config.backupDir ?? ctx.backupDir,
        historyTable: config.historyTable,
        pgDumpPath: config.pgDumpPath,
        pgDumpDocker: config.pgDumpDocker,
        recipients: config.backupRecipients,
        lockTimeoutMs: config.backupLockTimeoutMs,
        signal: ctx.signal,
        artifact: ctx.artifacts && {
            store: ctx.artifacts.store,
            name: `${backupArtifactName(config, ctx.databaseUrl, ctx.artifacts)}${nameSuffix}`,
            retentionDays: config.retentionDays,
        },
    });
}


/***/ })

};
