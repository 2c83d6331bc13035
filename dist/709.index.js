export const id = 709;
export const ids = [709];
export const modules = {

/***/ 90414:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   a: () => (/* binding */ takeBackup)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _connection_url_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(87277);
/* harmony import */ var _db_catalog_state_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4857);
/* harmony import */ var _db_connect_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(16923);
/* harmony import */ var _db_history_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(40119);
/* harmony import */ var _db_identifiers_js__WEBPACK_IMPORTED_MODULE_19__ = __webpack_require__(31382);
/* harmony import */ var _db_own_session_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(95307);
/* harmony import */ var _db_script_query_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(99698);
/* harmony import */ var _db_server_version_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(23998);
/* harmony import */ var _db_table_writes_js__WEBPACK_IMPORTED_MODULE_17__ = __webpack_require__(85767);
/* harmony import */ var _db_server_identity_js__WEBPACK_IMPORTED_MODULE_16__ = __webpack_require__(66658);
/* harmony import */ var _db_xid_snapshot_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(18668);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(83916);
/* harmony import */ var _migrations_version_js__WEBPACK_IMPORTED_MODULE_18__ = __webpack_require__(90233);
/* harmony import */ var _catalog_changes_js__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(74861);
/* harmony import */ var _dump_js__WEBPACK_IMPORTED_MODULE_12__ = __webpack_require__(89794);
/* harmony import */ var _encryption_js__WEBPACK_IMPORTED_MODULE_13__ = __webpack_require__(13985);
/* harmony import */ var _metadata_js__WEBPACK_IMPORTED_MODULE_14__ = __webpack_require__(65272);
/* harmony import */ var _pg_tools_js__WEBPACK_IMPORTED_MODULE_15__ = __webpack_require__(80179);




















/** The version and where the tool came from, e.g. `17.2 (docker postgres:17)` or `17.2 (/usr/bin/pg_dump)`. */
function describeTool(t) {
    return t.source ? `${t.version} (${t.source})` : t.version;
}
/** A dump path no earlier backup uses: two backups never share a file. */
function freshPath(dir, base) {
    for (let n = 0;; n++) {
        const path = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, `${base}${n ? `-${n}` : ''}.dump`);
        if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(path))
            return path;
    }
}
function writableDir(dir) {
    try {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdirSync)(dir, { recursive: true });
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.accessSync)(dir, node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.W_OK);
    }
    catch (cause) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_10__/* .InputError */ .dz([`backup-dir: '${dir}' cannot be written (${cause.code}); point backup-dir at a writable folder`], { cause });
    }
}
/**
 * What the backup stands for, read in one REPEATABLE READ transaction whose snapshot pg_dump then uses
 * (pg_dump --snapshot): the recorded snapshot is exactly the dump's. fn runs while that transaction is open.
 */
async function atBackupSnapshot(url, historyTable, fn) {
    return (0,_db_connect_js__WEBPACK_IMPORTED_MODULE_4__.withClient)(url, async (c) => {
        try {
            // The transaction sits idle for as long as pg_dump runs: the server's session limits are turned off on it in
            // the same round trip (see OWN_SESSION_SQL). Its snapshot is taken by the first of these to read.
            const opened = (await (0,_db_script_query_js__WEBPACK_IMPORTED_MODULE_7__/* .runScript */ .j)(c, `BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY;\n${_db_own_session_js__WEBPACK_IMPORTED_MODULE_6__/* .OWN_SESSION_SQL */ .t5};\nSELECT pg_catalog.pg_export_snapshot() AS id`)).at(-1);
            const exported = opened.rows[0].id;
            // The next id is a reading of the moment, not part of what the backup stands for.
            const { next: _next, ...snapshot } = await (0,_db_xid_snapshot_js__WEBPACK_IMPORTED_MODULE_9__/* .currentSnapshot */ .eL)(c);
            const version = (await c.query("SELECT current_setting('server_version') AS v")).rows[0].v;
            const identity = await (0,_db_server_identity_js__WEBPACK_IMPORTED_MODULE_16__/* .databaseIdentity */ .C)(c);
            const tableWrites = await (0,_db_table_writes_js__WEBPACK_IMPORTED_MODULE_17__/* .tableWriteCounts */ .e)(c);
            const catalog = (0,_catalog_changes_js__WEBPACK_IMPORTED_MODULE_11__/* .recordCatalog */ .hB)(await (0,_db_catalog_state_js__WEBPACK_IMPORTED_MODULE_3__/* .catalogState */ .dU)(c, await (0,_db_server_version_js__WEBPACK_IMPORTED_MODULE_8__/* .serverMajor */ .j)(c), { labels: true }));
            const history = await (0,_db_history_js__WEBPACK_IMPORTED_MODULE_5__/* .locateHistoryTable */ .Bb)(c, historyTable).then((t) => (0,_db_history_js__WEBPACK_IMPORTED_MODULE_5__/* .readHistory */ .Lu)(c, t)).catch(() => undefined);
            const last = history?.filter((r) => r.version && !r.dirty).sort((a, b) => (0,_migrations_version_js__WEBPACK_IMPORTED_MODULE_18__/* .compareVersions */ .Zy)(a.version, b.version)).pop();
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
    const major = await (0,_db_connect_js__WEBPACK_IMPORTED_MODULE_4__.withClient)(url, _db_server_version_js__WEBPACK_IMPORTED_MODULE_8__/* .serverMajor */ .j);
    writableDir(o.dir);
    const docker = o.pgDumpDocker === true ? 'true' : o.pgDumpDocker === false ? 'false' : (o.pgDumpDocker ?? 'auto');
    const pgDump = await (0,_pg_tools_js__WEBPACK_IMPORTED_MODULE_15__/* .backupTool */ .zl)('pg_dump', major, { explicit: o.pgDumpPath, docker, dir: o.dir, signal: o.signal });
    // pg_restore reads the dump back: from the same place as pg_dump when that is Docker.
    const pgRestore = pgDump.path === 'docker' ? await (0,_pg_tools_js__WEBPACK_IMPORTED_MODULE_15__/* .backupTool */ .zl)('pg_restore', major, { docker: 'true', dir: o.dir, signal: o.signal }) : await (0,_pg_tools_js__WEBPACK_IMPORTED_MODULE_15__/* .backupTool */ .zl)('pg_restore', major, { explicit: o.pgDumpPath, docker, dir: o.dir, signal: o.signal });
    const usedDump = describeTool(pgDump);
    const { server, path } = await atBackupSnapshot(url, o.historyTable, async (server, snapshot) => {
        const path = freshPath(o.dir, `${server.identity.name.replace(/[^A-Za-z0-9._-]+/g, '_')}${o.label ? `-${o.label}` : ''}-${new Date().toISOString().replace(/[-:]/g, '')}`);
        await (0,_dump_js__WEBPACK_IMPORTED_MODULE_12__/* .dumpDatabase */ .m3)(pgDump, url, path, o.lockTimeoutMs, snapshot, o.signal);
        return { server, path };
    });
    // Reading the table of contents back and hashing the file are independent reads: done side by side.
    const [entries, sha256] = await Promise.all([(0,_dump_js__WEBPACK_IMPORTED_MODULE_12__/* .checkDump */ .hk)(pgRestore, path, o.signal), (0,_dump_js__WEBPACK_IMPORTED_MODULE_12__/* .sha256File */ .Q3)(path, o.signal)]);
    const size = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(path).size;
    const metadata = {
        format: 'pg-migration-gate-backup/1',
        file: path.split('/').pop(),
        sha256,
        size,
        database: (0,_connection_url_js__WEBPACK_IMPORTED_MODULE_2__/* .targetIdentity */ .C7)(url),
        serverVersion: server.version,
        pgDumpVersion: usedDump,
        createdAt: new Date().toISOString(),
        historyTable: (0,_db_identifiers_js__WEBPACK_IMPORTED_MODULE_19__/* .tableText */ .qK)(o.historyTable),
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
        await (0,_encryption_js__WEBPACK_IMPORTED_MODULE_13__/* .encryptFile */ .o)(path, uploaded, o.recipients, o.signal);
        metadata.encryption = { format: 'age', file: uploaded.split('/').pop(), sha256: await (0,_dump_js__WEBPACK_IMPORTED_MODULE_12__/* .sha256File */ .Q3)(uploaded, o.signal) };
    }
    const metadataPath = (0,_metadata_js__WEBPACK_IMPORTED_MODULE_14__/* .writeMetadata */ .f5)(path, metadata);
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


/***/ }),

/***/ 45709:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  backup: () => (/* binding */ backup),
  backupArtifactName: () => (/* binding */ backupArtifactName)
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

// EXTERNAL MODULE: ./src/backup/take-backup.ts
var take_backup = __webpack_require__(90414);
// EXTERNAL MODULE: ./src/connection/url.ts
var connection_url = __webpack_require__(87277);
// EXTERNAL MODULE: ./src/commands/context.ts
var context = __webpack_require__(80165);
;// CONCATENATED MODULE: ./src/commands/backup.ts




/** The artifact name: given, or unique per database, run and attempt. */
function backupArtifactName(config, url, a) {
    return config.artifactName ?? artifactName('pg-backup', (0,connection_url/* targetIdentity */.C7)(url).split('/').pop(), String(a.runId), String(a.attempt));
}
/** A verified backup of the target database, uploaded as an artifact inside GitHub Actions. */
async function backup(config, ctx) {
    const report = (0,context/* startReport */.Fg)('backup', config, ctx.databaseUrl);
    report.backup = await (0,take_backup/* takeBackup */.a)(ctx.databaseUrl, {
        dir: config.backupDir ?? ctx.backupDir,
        historyTable: config.historyTable,
        pgDumpPath: config.pgDumpPath,
        pgDumpDocker: config.pgDumpDocker,
        recipients: config.backupRecipients,
        lockTimeoutMs: config.backupLockTimeoutMs,
        signal: ctx.signal,
        artifact: ctx.artifacts && { store: ctx.artifacts.store, name: backupArtifactName(config, ctx.databaseUrl, ctx.artifacts), retentionDays: config.retentionDays },
    });
    const b = report.backup;
    ctx.log.info(`backup ${b.path}: ${b.size} bytes, sha256 ${b.sha256}${b.artifactName ? `, artifact ${b.artifactName} (${b.artifactId})` : ''}`);
    return report;
}


/***/ }),

/***/ 99698:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   j: () => (/* binding */ runScript)
/* harmony export */ });
/* harmony import */ var pg__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83849);

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


/***/ })

};
