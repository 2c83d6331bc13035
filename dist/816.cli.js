export const id = 816;
export const ids = [816];
export const modules = {

/***/ 2079:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G: () => (/* binding */ dumpIn),
/* harmony export */   d: () => (/* binding */ restoreBackup)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _db_connect_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8008);
/* harmony import */ var _db_server_version_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3998);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3916);
/* harmony import */ var _dump_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(9794);
/* harmony import */ var _encryption_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(3985);
/* harmony import */ var _metadata_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(8341);
/* harmony import */ var _pg_tools_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(179);









/**
 * The dump of a downloaded artifact: the one .dump file with its metadata, decrypted first when the artifact
 * holds it encrypted (.dump.age).
 */
async function dumpIn(dir, identity) {
    const files = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readdirSync)(dir);
    const plain = files.filter((f) => f.endsWith('.dump'));
    const sealed = files.filter((f) => f.endsWith('.dump.age'));
    if (plain.length + sealed.length !== 1)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .InputError */ .dz([`backup-artifact: expected one .dump (or .dump.age) file in the artifact, found ${plain.length + sealed.length}`]);
    if (plain.length)
        return (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, plain[0]);
    const dump = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, sealed[0].replace(/\.age$/, ''));
    const m = (0,_metadata_js__WEBPACK_IMPORTED_MODULE_7__/* .readMetadata */ ._6)(dump);
    const actual = await (0,_dump_js__WEBPACK_IMPORTED_MODULE_5__/* .sha256File */ .Q3)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, sealed[0]));
    if (m.encryption?.sha256 !== actual)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .InputError */ .dz([`${sealed[0]}: sha256 ${actual} does not match the encrypted copy's ${m.encryption?.sha256}; nothing was restored`]);
    await (0,_encryption_js__WEBPACK_IMPORTED_MODULE_6__/* .decryptFile */ .I)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, sealed[0]), dump, identity);
    return dump;
}
/**
 * Restores a dump into the database of `url`: the sha256 in its metadata is checked before anything is
 * touched, then pg_restore (at least as new as the server and as the pg_dump that wrote the dump) drops and
 * recreates the dump's objects in one transaction. Returns the metadata.
 */
async function restoreBackup(url, dump, pgDumpPath, o = {}) {
    const metadata = (0,_metadata_js__WEBPACK_IMPORTED_MODULE_7__/* .readMetadata */ ._6)(dump);
    const actual = await (0,_dump_js__WEBPACK_IMPORTED_MODULE_5__/* .sha256File */ .Q3)(dump);
    if (actual !== metadata.sha256) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .InputError */ .dz([`${dump}: sha256 ${actual} does not match ${metadata.sha256} recorded when the backup was taken; the file is damaged or not this backup, nothing was restored`]);
    }
    const major = await (0,_db_connect_js__WEBPACK_IMPORTED_MODULE_2__/* .withClient */ .SV)(url, _db_server_version_js__WEBPACK_IMPORTED_MODULE_3__/* .serverMajor */ .j);
    const pgRestore = await (0,_pg_tools_js__WEBPACK_IMPORTED_MODULE_8__/* .chooseTool */ .q1)('pg_restore', Math.max(major, Number(metadata.pgDumpVersion.split('.')[0])), pgDumpPath);
    await o.beforeRestore?.(metadata);
    await (0,_dump_js__WEBPACK_IMPORTED_MODULE_5__/* .restoreDump */ .nE)(pgRestore, url, dump, o.lockTimeoutMs);
    return metadata;
}


/***/ }),

/***/ 740:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Di: () => (/* binding */ checkRestore),
/* harmony export */   HQ: () => (/* binding */ RestoreRefused)
/* harmony export */ });
/* unused harmony export STATISTICS_SETTLE_MS */
/* harmony import */ var _db_history_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3966);
/* harmony import */ var _db_objects_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2490);
/* harmony import */ var _db_table_writes_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(5767);
/* harmony import */ var _db_xid_snapshot_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8668);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3916);
/* harmony import */ var _migrations_version_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(233);






/** A refusal, thrown from beforeRestore so that pg_restore never starts: nothing was restored. */
class RestoreRefused extends _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .StateError */ .qq {
    verdict;
    name = 'RestoreRefused';
    constructor(verdict) {
        super(verdict.refusals);
        this.verdict = verdict;
    }
}
/** host:port/database from the metadata's `database`: the database's name is its last part. */
const nameOf = (m) => m.databaseName ?? m.database.split('/').pop() ?? m.database;
/** How the target differs from the backup's database; empty when it is the same one (as far as can be told). */
async function identityDifferences(client, m, target) {
    if (m.systemIdentifier && target.systemIdentifier && m.systemIdentifier !== target.systemIdentifier) {
        return [`it is on another server (system identifier ${target.systemIdentifier}; the backup's server is ${m.systemIdentifier})`];
    }
    const differences = [];
    if (target.name !== nameOf(m))
        differences.push(`it is database ${target.name}, the backup is of ${nameOf(m)}`);
    else if (m.databaseOid !== undefined && m.databaseOid !== target.oid)
        differences.push(`its oid is ${target.oid}, the backup's database had ${m.databaseOid}: it was dropped and created again, or lives on another server`);
    if (m.snapshot && BigInt((await (0,_db_xid_snapshot_js__WEBPACK_IMPORTED_MODULE_1__/* .currentSnapshot */ .eL)(client)).xmax) < BigInt(m.snapshot.xmax)) {
        differences.push(`its server's transaction counter is behind the backup's: another server, or a copy from before the backup`);
    }
    return differences;
}
/** No user object and no history table: nothing a restore could replace. */
async function isEmpty(client, rows) {
    return rows === undefined && (await (0,_db_objects_js__WEBPACK_IMPORTED_MODULE_3__/* .userObjects */ .Sv)(client)).length === 0;
}
/** Migrations the target recorded after the backup: a newer version than the backup's newest, or applied after it. */
function appliedSince(m, rows) {
    const newest = m.lastApplied && (0,_migrations_version_js__WEBPACK_IMPORTED_MODULE_4__/* .parseVersionText */ .bw)(m.lastApplied.version);
    const takenAt = m.snapshot && new Date(m.snapshot.takenAt);
    return rows.filter((r) => (r.version && (!newest || (0,_migrations_version_js__WEBPACK_IMPORTED_MODULE_4__/* .compareVersions */ .Zy)(r.version, newest) > 0)) || (takenAt && r.appliedAt > takenAt));
}
/**
 * How long the statistics get to show writes the transaction counts found: a session that reported less than a
 * second ago holds its counts back up to 10 s while it idles (PostgreSQL 15+; older servers may hold them longer).
 */
const STATISTICS_SETTLE_MS = 12_000;
/** The tables written since `before`; with `patient`, waiting for the statistics while they show none. */
async function tablesWrittenSince(client, before, leaveOut, patient) {
    for (const deadline = Date.now() + (patient ? STATISTICS_SETTLE_MS : 0);;) {
        const written = (0,_db_table_writes_js__WEBPACK_IMPORTED_MODULE_5__/* .tablesWritten */ .F)(before, await (0,_db_table_writes_js__WEBPACK_IMPORTED_MODULE_5__/* .tableWriteCounts */ .e)(client), leaveOut);
        if (written.tables.length || written.reset || Date.now() >= deadline)
            return written;
        await new Promise((r) => setTimeout(r, 250));
    }
}
/** "N transactions … ; tables …": what a restore would discard, from the transaction counts and the statistics. */
async function writesSince(client, m, o, history, patient) {
    if (!m.snapshot)
        return 'the backup records no snapshot (it was taken by an older version of pg-migration-gate), so what was written since cannot be told';
    const t = await (0,_db_xid_snapshot_js__WEBPACK_IMPORTED_MODULE_1__/* .transactionsSince */ .Ik)(client, m.snapshot, o.ours);
    if (!t.uncounted && t.committed + t.running === 0)
        return undefined;
    const parts = [];
    if (t.uncounted)
        parts.push(t.uncounted);
    if (t.committed)
        parts.push(`${t.committed} transaction(s)${o.ours ? ' not this run’s' : ''} committed since the backup was taken`);
    if (t.running)
        parts.push(`${t.running} transaction(s) are running now and may yet commit`);
    if (m.tableWrites) {
        // The history table's rows are the run's bookkeeping, and a target that recorded migrations since is refused
        // on its own: left out.
        const leaveOut = history ? [(await client.query('SELECT pg_catalog.format($1, $2::text, $3::text) AS t', ['%I.%I', history.schema, history.table])).rows[0].t] : [];
        // Running transactions report their writes only once they end: waiting is for committed ones.
        const { tables, reset } = await tablesWrittenSince(client, m.tableWrites, leaveOut, patient && t.committed > 0);
        if (tables.length) {
            const shown = tables.slice(0, 10).map((w) => `${w.table} (${w.rows} row${w.rows === 1 ? '' : 's'})`);
            parts.push(`tables written since, by the statistics (which count rolled-back writes${o.ours ? ' and this run’s own' : ''}): ${shown.join(', ')}${tables.length > 10 ? ` and ${tables.length - 10} more` : ''}`);
        }
        else if (reset)
            parts.push('the statistics were reset since the backup, so the tables written cannot be named');
        else if (t.committed)
            parts.push(`no table of this database shows writes in the statistics${patient ? ` (after ${STATISTICS_SETTLE_MS / 1000} s)` : ''}: the transactions may belong to other databases of the server (transaction ids are server-wide), or wrote nothing a restore replaces (ANALYZE, temporary tables), or the statistics have not caught up yet`);
    }
    if (o.untraced?.length)
        parts.push(`they may include this run’s own: ${o.untraced.join('; ')}`);
    return parts.join('; ');
}
/**
 * Checks the target before a restore, on `client` (connected to it, outside any transaction). For the restore
 * command the target must be the backup's database (or empty), must not have recorded migrations since the
 * backup, and nobody may have committed anything since; on-failure checks only the last, leaving out our own.
 */
async function checkRestore(client, m, o) {
    const verdict = { refusals: [], notes: [], allowedBy: [] };
    const allow = (allowed, input, refusal, note) => {
        if (allowed) {
            verdict.notes.push(`${input}: true — ${note}`);
            verdict.allowedBy.push(input);
        }
        else
            verdict.refusals.push(`${refusal}; set ${input}: true to restore anyway`);
    };
    const history = await (0,_db_history_js__WEBPACK_IMPORTED_MODULE_0__/* .locateHistoryTable */ .Bb)(client, o.historyTable).catch(() => undefined);
    if (o.otherDatabase !== undefined) {
        const target = await (0,_db_xid_snapshot_js__WEBPACK_IMPORTED_MODULE_1__/* .databaseIdentity */ .Ct)(client);
        const rows = history && (await (0,_db_history_js__WEBPACK_IMPORTED_MODULE_0__/* .readHistory */ .Lu)(client, history).catch(() => undefined));
        const differences = await identityDifferences(client, m, target);
        if (differences.length) {
            const what = `the target is not the database the backup was taken from (${m.database}): ${differences.join('; ')}`;
            if (await isEmpty(client, rows))
                verdict.notes.push(`${what}; it is empty, so nothing of it is replaced`);
            else
                allow(o.otherDatabase, 'restore-to-other-database', `${what}; restoring would replace its tables and its history with the backup's`, `${what}; its tables and history are replaced with the backup's`);
            return verdict;
        }
        if (!m.databaseOid)
            verdict.notes.push(`the backup's metadata predates database oids: the target was matched by its name, ${target.name}`);
        const since = rows ? appliedSince(m, rows) : [];
        if (since.length) {
            const names = since.map((r) => r.name);
            const moved = `the target has moved on since the backup: ${names.length} migration(s) recorded after it (${names.slice(0, 5).join(', ')}${names.length > 5 ? ', …' : ''}; the backup's newest is ${m.lastApplied?.name ?? 'none'})`;
            allow(o.discardWrites, 'restore-discards-writes', `${moved}; restoring takes them back out, with everything written since`, `${moved}; they are taken back out`);
        }
    }
    // Waiting for the statistics to name the tables is worth it only when that is what the refusal rests on.
    const lost = await writesSince(client, m, o, history, !o.discardWrites && !verdict.refusals.length);
    if (lost)
        allow(o.discardWrites, 'restore-discards-writes', `restoring would discard what others wrote since the backup: ${lost}`, `restoring discards what was written since the backup: ${lost}`);
    else
        verdict.notes.push(`no transaction${o.ours ? ' but this run’s' : ''} committed on the server since the backup was taken`);
    return verdict;
}


/***/ }),

/***/ 816:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   locateDump: () => (/* binding */ locateDump),
/* harmony export */   restore: () => (/* binding */ restore)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _backup_restore_guard_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(740);
/* harmony import */ var _backup_restore_backup_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2079);
/* harmony import */ var _db_connect_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(8008);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(3916);
/* harmony import */ var _model_report_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(5235);
/* harmony import */ var _context_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(165);









/** The dump to restore: a file, or the dump of an artifact downloaded from this run or another. */
async function locateDump(source, ctx) {
    if (source.file)
        return source.file;
    if (!source.artifact)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .InputError */ .dz(['restore: set backup-file (a dump with its .json beside it) or backup-artifact']);
    if (!ctx.artifacts)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .InputError */ .dz([`'${source.artifact}': artifacts are only reachable inside GitHub Actions; download it and give the dump file instead`]);
    const dir = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdtempSync)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)((0,node_os__WEBPACK_IMPORTED_MODULE_1__.tmpdir)(), 'pmg-restore-'));
    const from = source.runId ? { runId: source.runId, owner: ctx.artifacts.owner, repo: ctx.artifacts.repo, token: ctx.githubToken ?? '' } : undefined;
    if (from && !from.token)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .InputError */ .dz(["backup-run-id: reading another run's artifacts needs github-token with actions: read"]);
    await ctx.artifacts.store.download(source.artifact, dir, from);
    return (0,_backup_restore_backup_js__WEBPACK_IMPORTED_MODULE_4__/* .dumpIn */ .G)(dir, source.identity);
}
/**
 * Restores a backup into the target database after checking its sha256 and its target: the target must be the
 * database the backup was taken from (or empty), must not have recorded migrations since, and nobody may have
 * committed anything since the backup was taken; restore-to-other-database and restore-discards-writes allow
 * what they name. Otherwise nothing is touched and the report says what would have been lost. The dump's
 * objects are dropped and recreated in one transaction; objects created after the backup are not in the dump and
 * stay. The report names the backup it restored.
 */
async function restore(config, ctx) {
    const report = (0,_context_js__WEBPACK_IMPORTED_MODULE_7__/* .startReport */ .Fg)('restore', config, ctx.databaseUrl);
    const dump = await locateDump({ file: config.backupFile, artifact: config.backupArtifact, runId: config.backupRunId, identity: config.backupIdentity }, ctx);
    let verdict;
    const check = (m) => (0,_db_connect_js__WEBPACK_IMPORTED_MODULE_5__/* .withClient */ .SV)(ctx.databaseUrl, (c) => (0,_backup_restore_guard_js__WEBPACK_IMPORTED_MODULE_3__/* .checkRestore */ .Di)(c, m, { discardWrites: config.restoreDiscardsWrites, otherDatabase: config.restoreToOtherDatabase, historyTable: config.historyTable }));
    try {
        const m = await (0,_backup_restore_backup_js__WEBPACK_IMPORTED_MODULE_4__/* .restoreBackup */ .d)(ctx.databaseUrl, dump, config.pgDumpPath, {
            lockTimeoutMs: config.backupLockTimeoutMs,
            beforeRestore: async (metadata) => {
                verdict = await check(metadata);
                if (verdict.refusals.length)
                    throw new _backup_restore_guard_js__WEBPACK_IMPORTED_MODULE_3__/* .RestoreRefused */ .HQ(verdict);
            },
        });
        report.notes.push(`restored ${m.file} (sha256 ${m.sha256}, taken ${m.createdAt} from ${m.database}${m.lastApplied ? `, newest migration then ${m.lastApplied.name}` : ''})`, ...verdict.notes);
    }
    catch (err) {
        if (!(err instanceof _backup_restore_guard_js__WEBPACK_IMPORTED_MODULE_3__/* .RestoreRefused */ .HQ))
            throw err;
        (0,_model_report_js__WEBPACK_IMPORTED_MODULE_8__/* .addFinding */ .Xd)(report, {
            rule: 'restore-refused',
            severity: 'error',
            message: `nothing was restored: ${err.verdict.refusals.join('; ')}`,
            help: 'Check the target (database-url) and what would be lost; when the restore is meant anyway, set the input the message names.',
        });
        report.notes.push(...err.verdict.notes);
    }
    for (const n of report.notes)
        ctx.log.info(n);
    return report;
}


/***/ }),

/***/ 2490:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Sv: () => (/* binding */ userObjects),
/* harmony export */   en: () => (/* binding */ dependingOnOlder),
/* harmony export */   gQ: () => (/* binding */ dropCreatedSince),
/* harmony export */   tq: () => (/* binding */ objectText)
/* harmony export */ });
/* harmony import */ var _transaction_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2562);

/**
 * The user objects of a database: tables, views, materialized views, sequences not owned by a column, types,
 * functions and schemas; not what belongs to an extension, nor what is part of another object.
 */
const OBJECTS = `
  SELECT 'relation' AS kind, n.nspname AS schema, c.relname AS name, c.xmin::text AS xmin, 'pg_class'::regclass::oid AS classid, c.oid,
         format('DROP %s IF EXISTS %I.%I', CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END, n.nspname, c.relname) AS drop
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND NOT c.relispartition
     AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i', 'e'))
     AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
  UNION ALL
  SELECT 'type', n.nspname, t.typname, t.xmin::text, 'pg_type'::regclass::oid, t.oid, format('DROP TYPE IF EXISTS %I.%I', n.nspname, t.typname)
    FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
   WHERE (t.typtype IN ('e', 'd', 'r') OR (t.typtype = 'c' AND (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c'))
     AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = t.oid AND d.deptype IN ('e', 'i'))
     AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
  UNION ALL
  SELECT 'function', n.nspname, p.proname, p.xmin::text, 'pg_proc'::regclass::oid, p.oid,
         format('DROP %s IF EXISTS %I.%I(%s)', CASE p.prokind WHEN 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END, n.nspname, p.proname, pg_get_function_identity_arguments(p.oid))
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
   WHERE p.prokind IN ('f', 'p') AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype IN ('e', 'i'))
     AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
  UNION ALL
  SELECT 'schema', NULL, n.nspname, n.xmin::text, 'pg_namespace'::regclass::oid, n.oid, format('DROP SCHEMA IF EXISTS %I', n.nspname) FROM pg_namespace n
   WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'public') AND n.nspname NOT LIKE 'pg\\_%'
     AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = n.oid AND d.deptype = 'e')`;
async function userObjects(client) {
    return (await client.query(OBJECTS)).rows.map((r) => ({
        kind: r.kind,
        ...(r.schema ? { schema: r.schema } : {}),
        name: r.name,
        drop: r.drop,
        xmin: Number(r.xmin),
        classid: Number(r.classid),
        oid: Number(r.oid),
    }));
}
/**
 * Of `created` (objects new since a backup), those that — themselves or their parts (constraints, rules,
 * defaults, indexes) — depend on a user object that is not new: a foreign key to a table of the dump, a view on
 * it, a table in one of its schemas. pg_restore cannot drop that older object while they stand.
 */
async function dependingOnOlder(client, created) {
    if (!created.length)
        return [];
    const r = await client.query(`WITH new AS (SELECT * FROM unnest($1::oid[], $2::oid[], $3::text[]) AS n(classid, objid, key)),
          parts AS (SELECT key, classid, objid FROM new
                    UNION SELECT n.key, d.classid, d.objid FROM pg_catalog.pg_depend d JOIN new n ON d.refclassid = n.classid AND d.refobjid = n.objid
                     WHERE d.deptype IN ('a', 'i'))
     SELECT DISTINCT p.key FROM parts p JOIN pg_catalog.pg_depend d ON d.classid = p.classid AND d.objid = p.objid
      WHERE d.deptype = 'n' AND d.refobjid >= 16384
        AND NOT EXISTS (SELECT 1 FROM parts q WHERE q.classid = d.refclassid AND q.objid = d.refobjid)`, [created.map((o) => o.classid), created.map((o) => o.oid), created.map((o) => o.drop)]);
    const keys = new Set(r.rows.map((row) => row.key));
    return created.filter((o) => keys.has(o.drop));
}
/** How an object is named in a report: `schema.name`, or the schema's name. */
const objectText = (o) => (o.schema ? `${o.schema}.${o.name}` : `schema ${o.name}`);
/**
 * Drops, in one transaction, the objects that exist now but did not in `before` and that `ours` claims: what a
 * failed run created after its backup, which restoring that backup does not remove. Nothing is dropped with
 * CASCADE, so nothing another session made on top of them goes with them: an object something else still
 * depends on stays, and is reported. Objects are tried again until no more can go, as ours may depend on each
 * other (a view on a table, a table in a schema).
 */
async function dropCreatedSince(client, before, ours) {
    const created = (await userObjects(client)).filter((o) => !before.has(o.drop));
    const outcome = { dropped: [], leftAlone: created.filter((o) => !ours(o)).map((object) => ({ object, why: 'not created by this run' })) };
    let pending = created.filter(ours);
    if (!pending.length)
        return outcome;
    const failed = new Map();
    await (0,_transaction_js__WEBPACK_IMPORTED_MODULE_0__/* .withTransaction */ .r)(client, async () => {
        for (let progress = true; progress && pending.length;) {
            progress = false;
            const next = [];
            for (const o of pending) {
                await client.query('SAVEPOINT pmg_drop');
                try {
                    await client.query(o.drop);
                    await client.query('RELEASE SAVEPOINT pmg_drop');
                    outcome.dropped.push(o.drop);
                    progress = true;
                }
                catch (err) {
                    await client.query('ROLLBACK TO SAVEPOINT pmg_drop');
                    failed.set(o, err.message);
                    next.push(o);
                }
            }
            pending = next;
        }
    });
    outcome.leftAlone.push(...pending.map((object) => ({ object, why: failed.get(object) ?? 'not dropped' })));
    return outcome;
}


/***/ }),

/***/ 2562:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   r: () => (/* binding */ withTransaction)
/* harmony export */ });
/**
 * Runs fn inside a transaction on client: committed when fn resolves, rolled back when it throws. The one place
 * outside the migration runner that opens a transaction (the runner sends its BEGIN with the migration's text,
 * to keep a migration to one round trip).
 */
async function withTransaction(client, fn) {
    await client.query('BEGIN');
    try {
        const result = await fn();
        await client.query('COMMIT');
        return result;
    }
    catch (err) {
        await client.query('ROLLBACK').catch(() => { });
        throw err;
    }
}


/***/ })

};
