export const id = 922;
export const ids = [922];
export const modules = {

/***/ 7539:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  G: () => (/* binding */ dumpIn),
  d: () => (/* binding */ restoreBackup)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/db/session/connect.ts + 4 modules
var connect = __webpack_require__(4506);
// EXTERNAL MODULE: ./src/db/session/server-version.ts
var server_version = __webpack_require__(871);
// EXTERNAL MODULE: ./src/foundation/errors.ts
var errors = __webpack_require__(358);
;// CONCATENATED MODULE: ./src/backup/damaged-dump.ts

/**
 * What pg_restore says when it cannot read an archive (its header, its table of contents or a data block), as
 * opposed to a statement the server refused: a truncated file, bytes changed, or not a custom-format dump at all.
 * Wordings of pg_restore 9.6 to 18 (the compression ones differ by method and version).
 */
const UNREADABLE_ARCHIVE = new RegExp([
    'could not read from input file',
    'input file is too short',
    'input file does not appear to be a valid archive',
    'input file appears to be a text format dump',
    'did not find magic string in file header',
    'unsupported version \\(.*\\) in file header',
    'could not (?:un|de)compress',
    'possibly corrupt',
    'corrupt TOC',
    'unrecognized data block type',
    'found unexpected block ID',
    'could not find block ID',
    'unexpected end of file',
    'unrecognized file format',
    'invalid compression (?:code|method|specification)',
    'has wrong seek position',
].join('|'));
/**
 * The error to report for a pg_restore that failed reading `dump`: an InputError naming the dump when the archive
 * itself cannot be read, undefined for anything else (a server error, a cancel, a lock wait). Either way nothing
 * was restored: pg_restore reads the table of contents before it connects, and restores in one transaction, which
 * a failure mid-way rolls back.
 */
function damagedDump(dump, err) {
    // runTool's error: "pg_restore exited with 1: pg_restore: error: could not read from input file: end of file".
    if (!(err instanceof errors/* ToolError */.v4) || err.tool !== 'pg_restore')
        return undefined;
    const line = err.message.split('\n').find((l) => UNREADABLE_ARCHIVE.test(l));
    if (!line)
        return undefined;
    const said = line.replace(/^.*?pg_restore: (?:error: |\[archiver\] )?/, '').trim();
    return new errors/* InputError */.dz([
        `${dump}: pg_restore cannot read the dump (${said}): the file is damaged or truncated, though it matches the sha256 its metadata records; nothing was restored. Restore an intact copy of the backup (the one uploaded or kept elsewhere)`,
    ], { cause: err });
}

// EXTERNAL MODULE: ./src/backup/dump.ts
var backup_dump = __webpack_require__(9794);
// EXTERNAL MODULE: ./src/backup/encryption.ts
var encryption = __webpack_require__(3985);
// EXTERNAL MODULE: ./src/backup/metadata.ts + 1 modules
var backup_metadata = __webpack_require__(5272);
// EXTERNAL MODULE: ./src/backup/pg-tools.ts
var pg_tools = __webpack_require__(179);
// EXTERNAL MODULE: ./src/backup/system-privileges.ts
var system_privileges = __webpack_require__(862);
;// CONCATENATED MODULE: ./src/backup/restore-backup.ts











/**
 * The dump of a downloaded artifact: the one .dump file with its metadata, decrypted first when the artifact
 * holds it encrypted (.dump.age).
 */
async function dumpIn(dir, identity) {
    const files = (0,external_node_fs_.readdirSync)(dir);
    const plain = files.filter((f) => f.endsWith('.dump'));
    const sealed = files.filter((f) => f.endsWith('.dump.age'));
    if (plain.length + sealed.length !== 1)
        throw new errors/* InputError */.dz([
            `backup-artifact: expected one .dump (or .dump.age) file in the artifact, found ${plain.length + sealed.length}`,
        ]);
    if (plain.length)
        return (0,external_node_path_.join)(dir, plain[0]);
    const dump = (0,external_node_path_.join)(dir, sealed[0].replace(/\.age$/, ''));
    const m = (0,backup_metadata/* readMetadata */._6)(dump);
    const actual = await (0,backup_dump/* sha256File */.Q3)((0,external_node_path_.join)(dir, sealed[0]));
    if (m.encryption?.sha256 !== actual)
        throw new errors/* InputError */.dz([
            `${sealed[0]}: sha256 ${actual} does not match the encrypted copy's ${m.encryption?.sha256}; nothing was restored`,
        ]);
    await (0,encryption/* decryptFile */.I)((0,external_node_path_.join)(dir, sealed[0]), dump, identity);
    return dump;
}
/**
 * Restores a dump into the database of `url`: the sha256 in its metadata is checked before anything is
 * touched, then pg_restore (at least as new as the server and as the pg_dump that wrote the dump) drops and
 * recreates the dump's objects in one transaction. Returns the metadata.
 */
async function restoreBackup(url, dump, pgDumpPath, o = {}) {
    const metadata = (0,backup_metadata/* readMetadata */._6)(dump);
    // A dump cut short is told by its size at once, before the whole file is hashed.
    const size = (0,external_node_fs_.statSync)(dump).size;
    if (size !== metadata.size) {
        throw new errors/* InputError */.dz([
            `${dump}: the file is ${size} bytes, the backup was ${metadata.size} bytes when taken; it is truncated or damaged, nothing was restored`,
        ]);
    }
    const actual = await (0,backup_dump/* sha256File */.Q3)(dump);
    if (actual !== metadata.sha256) {
        throw new errors/* InputError */.dz([
            `${dump}: sha256 ${actual} does not match ${metadata.sha256} recorded when the backup was taken; the file is damaged or not this backup, nothing was restored`,
        ]);
    }
    const major = await (0,connect.withClient)(url, server_version/* serverMajor */.j);
    const pgRestore = await (0,pg_tools/* chooseTool */.q1)('pg_restore', Math.max(major, parseInt(metadata.pgDumpVersion, 10)), pgDumpPath);
    // A dump whose sha256 matches can still be unreadable (damaged before its metadata was written): said as such.
    const unreadable = (err) => {
        throw damagedDump(dump, err) ?? err;
    };
    const system = await (0,system_privileges/* systemPrivileges */.s)(pgRestore, url, dump).catch(unreadable);
    try {
        const barrier = o.beforeRestore;
        if (!barrier)
            await (0,backup_dump/* restoreDump */.nE)(pgRestore, url, dump, o.lockTimeoutMs, system.useList, o.signal).catch(unreadable);
        else {
            // The psql beside that pg_restore, else one found as pg_restore would be (pg-dump-path may name a folder of
            // pg_dump and pg_restore alone).
            // At least as new as pg_restore: a newer pg_restore's script may use what an older psql does not know.
            const psql = await (0,pg_tools/* chooseTool */.q1)('psql', pgRestore.major, (0,external_node_path_.dirname)(pgRestore.path)).catch(() => (0,pg_tools/* chooseTool */.q1)('psql', pgRestore.major));
            await barrier(metadata, { locked: false });
            await (0,backup_dump/* restoreDumpAtBarrier */.pq)(pgRestore, psql, url, dump, async (session) => (await barrier(metadata, { locked: true, session })) ?? [], { lockTimeoutMs: o.lockTimeoutMs, useList: system.useList, signal: o.signal }).catch(unreadable);
        }
    }
    finally {
        system.dispose();
    }
    return { ...metadata, systemPrivilegesLeftOut: system.leftOut };
}


/***/ }),

/***/ 740:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Di: () => (/* binding */ checkRestore),
/* harmony export */   HQ: () => (/* binding */ RestoreRefused)
/* harmony export */ });
/* unused harmony export STATISTICS_SETTLE_MS */
/* harmony import */ var _db_history_table_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6704);
/* harmony import */ var _db_catalog_objects_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(3322);
/* harmony import */ var _db_catalog_preflight_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(1341);
/* harmony import */ var _db_catalog_table_writes_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(8007);
/* harmony import */ var _db_session_server_identity_js__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(4297);
/* harmony import */ var _db_session_xid_snapshot_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4925);
/* harmony import */ var _foundation_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(358);
/* harmony import */ var _migrations_version_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(233);
/* harmony import */ var _db_catalog_catalog_state_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3049);
/* harmony import */ var _db_session_transaction_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(4825);
/* harmony import */ var _db_session_server_version_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(871);
/* harmony import */ var _catalog_changes_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(4861);












/** A refusal, thrown from beforeRestore so that pg_restore never starts: nothing was restored. */
class RestoreRefused extends _foundation_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .StateError */ .qq {
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
        return [
            `it is on another server (system identifier ${target.systemIdentifier}; the backup's server is ${m.systemIdentifier})`,
        ];
    }
    const differences = [];
    if (target.name !== nameOf(m))
        differences.push(`it is database ${target.name}, the backup is of ${nameOf(m)}`);
    else if (m.databaseOid !== undefined && m.databaseOid !== target.oid)
        differences.push(`its oid is ${target.oid}, the backup's database had ${m.databaseOid}: it was dropped and created again, or lives on another server`);
    if (m.snapshot && BigInt((await (0,_db_session_xid_snapshot_js__WEBPACK_IMPORTED_MODULE_1__/* .currentSnapshot */ .eL)(client)).xmax) < BigInt(m.snapshot.xmax)) {
        differences.push(`its server's transaction counter is behind the backup's: another server, or a copy from before the backup`);
    }
    return differences;
}
/** No user object and no history table: nothing a restore could replace. */
async function isEmpty(client, rows) {
    return rows === undefined && (await (0,_db_catalog_objects_js__WEBPACK_IMPORTED_MODULE_6__/* .userObjects */ .Sv)(client)).length === 0;
}
/** Migrations the target recorded after the backup: a newer version than the backup's newest, or applied after it. */
function appliedSince(m, rows) {
    const newest = m.lastApplied && (0,_migrations_version_js__WEBPACK_IMPORTED_MODULE_7__/* .parseVersionText */ .bw)(m.lastApplied.version);
    const takenAt = m.snapshot && new Date(m.snapshot.takenAt);
    return rows.filter((r) => (r.version && (!newest || (0,_migrations_version_js__WEBPACK_IMPORTED_MODULE_7__/* .compareVersions */ .Zy)(r.version, newest) > 0)) ||
        (takenAt && r.appliedAt && r.appliedAt > takenAt));
}
/**
 * How long the statistics get to catch up: a session that reported less than a second ago holds its counts back
 * up to 10 s while it idles (PostgreSQL 15+; older servers may hold them longer).
 */
const STATISTICS_SETTLE_MS = 12_000;
const isTemporary = (table) => /^"?pg_temp_\d+"?\./.test(table);
/**
 * Client sessions of this database, not ours. Another role's session shows this role no backend_type, state or query
 * (unless it is a member of that role or of pg_read_all_stats: the migrating role on a managed service, as a rule, is
 * not); it still shows its role, its database and its transaction id, and only sessions of a role (client backends,
 * background workers) have one. Such a session counts as a client, whose state is not known.
 */
const otherClients = (restoreSession) => `datname = pg_catalog.current_database() AND pid <> pg_catalog.pg_backend_pid()
        AND (backend_type = 'client backend' OR (backend_type IS NULL AND usesysid IS NOT NULL))
        AND NOT coalesce(application_name = ${restoreSession} OR pg_catalog.starts_with(application_name, ${restoreSession} || ' '), false)`;
/** Sessions of this database, not ours, that may still hold back counts of writes they committed (see above). */
async function mayHoldBackStatistics(client, restoreSession) {
    // A hidden session's state is NULL: it may have been active a moment ago, so it counts (the wait runs its course).
    const r = await client.query(`SELECT count(*)::int AS n FROM pg_catalog.pg_stat_activity
      WHERE ${otherClients('$2')}
        AND (state IS DISTINCT FROM 'idle' OR state_change > pg_catalog.now() - make_interval(secs => $1))`, [STATISTICS_SETTLE_MS / 1000, restoreSession ?? null]);
    return r.rows[0].n > 0;
}
/** Sessions of this database, not ours, inside a transaction that wrote: what they write is not counted until they end. */
async function openWriters(client, restoreSession) {
    const r = await client.query(`SELECT pid, pg_catalog.left(query, 100) AS query, state IS NULL AS hidden, usename AS role FROM pg_catalog.pg_stat_activity
      WHERE ${otherClients('$1')} AND backend_xid IS NOT NULL ORDER BY pid`, [restoreSession ?? null]);
    return r.rows.map((row) => row.hidden
        ? (0,_db_catalog_preflight_js__WEBPACK_IMPORTED_MODULE_8__/* .describeSession */ ._0)({ pid: row.pid, state: '', transactionAgeSeconds: 0, hidden: { role: row.role } })
        : `pid ${row.pid} (${row.query})`);
}
/**
 * The tables written since `before`, less this run's own writes. Waits, with `patient`, while the statistics may
 * not show everything yet: this run's own writes not all counted, or another session of the database active in
 * the last seconds. `lagging`: tables whose counts still fall short of this run's own writes.
 */
async function unexplainedWrites(client, before, own, leaveOut, patient, restoreSession, signal) {
    for (const deadline = Date.now() + (patient ? STATISTICS_SETTLE_MS : 0);;) {
        const written = (0,_db_catalog_table_writes_js__WEBPACK_IMPORTED_MODULE_9__/* .tablesWritten */ .F)(before, await (0,_db_catalog_table_writes_js__WEBPACK_IMPORTED_MODULE_9__/* .tableWriteCounts */ .e)(client), leaveOut);
        const tables = [];
        const lagging = [];
        for (const w of written.tables) {
            if (isTemporary(w.table))
                continue;
            const mine = own.get(w.table) ?? 0;
            if (w.rows > mine)
                tables.push({ table: w.table, rows: w.rows - mine, own: mine });
            else if (w.rows < mine)
                lagging.push(w.table);
        }
        // Tables this run wrote that show no writes since at all.
        for (const [table, n] of own)
            if (n > 0 &&
                before[table] !== undefined &&
                !leaveOut.includes(table) &&
                !written.tables.some((w) => w.table === table))
                lagging.push(table);
        const done = tables.length ||
            written.reset ||
            (!lagging.length && !(patient && (await mayHoldBackStatistics(client, restoreSession))));
        if (done || Date.now() >= deadline)
            return { tables, reset: written.reset, lagging };
        await new Promise((r) => setTimeout(r, 250));
        if (signal?.aborted)
            throw new _foundation_errors_js__WEBPACK_IMPORTED_MODULE_2__.CancelledError(String(signal.reason), 'while the restore waited for the statistics');
    }
}
const rowsText = (n) => `${n} row${n === 1 ? '' : 's'}`;
const listed = (items) => `${items.slice(0, 10).join(', ')}${items.length > 10 ? ` and ${items.length - 10} more` : ''}`;
async function writesSince(client, m, o, history, patient) {
    if (!m.tableWrites)
        return {
            lost: 'the backup records no table write counters (it was taken by an older version of pg-migration-gate), so what was written since cannot be told',
            notes: [],
            othersWrote: 'unknown',
        };
    const notes = [];
    const theirs = o.own ? ' not this run’s' : '';
    // The history table's rows are the run's bookkeeping, and a target that recorded migrations since is refused
    // on its own: left out.
    const leaveOut = history
        ? [
            (await client.query('SELECT pg_catalog.format($1, $2::text, $3::text) AS t', [
                '%I.%I',
                history.schema,
                history.table,
            ])).rows[0].t,
        ]
        : [];
    const own = o.own ?? new Map();
    const writers = await openWriters(client, o.restoreSession);
    const { tables, reset, lagging } = await unexplainedWrites(client, m.tableWrites, own, leaveOut, patient && !writers.length, o.restoreSession, o.signal);
    const othersWrote = reset || lagging.length || writers.length ? 'unknown' : new Set(tables.map((t) => t.table));
    const found = [];
    if (tables.length) {
        const shown = tables.map((w) => `${w.table} (${rowsText(w.rows)}${w.own ? `, besides this run’s ${w.own}` : ''})`);
        found.push(`tables written since, by the statistics (which count rolled-back writes)${o.own ? ', less this run’s own' : ''}: ${listed(shown)}`);
    }
    if (reset)
        found.push('the statistics were reset since the backup, so the writes since cannot be counted');
    if (lagging.length && !tables.length && !reset)
        found.push(`the statistics have not yet counted all of this run’s own writes (${listed(lagging)}), so others’ cannot be told from them`);
    const ownText = [...own]
        .filter(([t, n]) => n > 0 && !leaveOut.includes(t) && !isTemporary(t))
        .map(([t, n]) => `${t} (${rowsText(n)})`);
    if (!writers.length && !found.length) {
        notes.push(`no table of this database was written since the backup${o.own ? ` but by this run${ownText.length ? ` (${listed(ownText)})` : ''}` : ''}, by the statistics`);
        return { notes, othersWrote };
    }
    // Counters count rolled-back writes as well: when no transaction but ours committed at all, they all were.
    const t = m.snapshot ? await (0,_db_session_xid_snapshot_js__WEBPACK_IMPORTED_MODULE_1__/* .transactionsSince */ .Ik)(client, m.snapshot, o.ours) : undefined;
    if (t && !writers.length && !t.uncounted && t.committed === 0 && t.running === 0) {
        notes.push(`${found.join('; ')}; but no transaction${theirs} committed on the server since the backup was taken, so those writes were rolled back`);
        return { notes, othersWrote: new Set() };
    }
    const parts = [];
    if (writers.length)
        parts.push(`${writers.length} session(s) of this database have a transaction open that wrote, and may yet commit: ${listed(writers)}`);
    // Transaction ids are server-wide: said, never a reason on their own.
    if (t?.uncounted)
        parts.push(t.uncounted);
    else if (t?.committed && found.length)
        parts.push(`${t.committed} transaction(s)${theirs} committed since the backup was taken`);
    parts.push(...found);
    if (o.untraced?.length)
        parts.push(`they may include this run’s own writes, which could not be measured: ${o.untraced.join('; ')}`);
    return { lost: parts.join('; '), notes, othersWrote };
}
/** Per sequence value entry, the table that owns the sequence (`schema.table`, as the write counters name it). */
async function sequenceTables(client) {
    const r = await client.query(`SELECT d.objid, pg_catalog.format('%I.%I', n.nspname, t.relname) AS t FROM pg_catalog.pg_depend d
       JOIN pg_catalog.pg_class s ON s.oid = d.objid AND s.relkind = 'S'
       JOIN pg_catalog.pg_class t ON t.oid = d.refobjid JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
      WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')`);
    return new Map(r.rows.map((row) => [`value:1259/${row.objid}/0`, row.t]));
}
/** How long reading the catalog may wait for a lock (a sequence's value is read under one). */
const CATALOG_LOCK_WAIT_MS = 5000;
/**
 * The catalog now. Reading a sequence's value locks it: a session holding it (ALTER SEQUENCE, TRUNCATE … RESTART
 * IDENTITY) while it waits behind the restore's hold on the tables would wait for us for ever, and we for it.
 */
async function catalogRead(client) {
    const major = await (0,_db_session_server_version_js__WEBPACK_IMPORTED_MODULE_4__/* .serverMajor */ .j)(client);
    try {
        return await (0,_db_session_transaction_js__WEBPACK_IMPORTED_MODULE_10__/* .withTransaction */ .r)(client, async () => {
            await client.query(`SET LOCAL lock_timeout = ${CATALOG_LOCK_WAIT_MS}`);
            return (0,_db_catalog_catalog_state_js__WEBPACK_IMPORTED_MODULE_3__/* .catalogState */ .dU)(client, major, { labels: true });
        });
    }
    catch (err) {
        if (err.code !== '55P03')
            throw err;
        throw new _foundation_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .StateError */ .qq([
            `reading the sequences' values waited over ${CATALOG_LOCK_WAIT_MS / 1000} s for a lock another session holds on one of them (ALTER SEQUENCE, TRUNCATE … RESTART IDENTITY), so what changed since the backup cannot be told; nothing was restored: let that session finish, then restore again`,
        ], { cause: err });
    }
}
/** The value entries of the sequences a table owns (serial and identity columns). */
async function ownedSequences(client, table) {
    const r = await client.query(`SELECT d.objid FROM pg_catalog.pg_depend d JOIN pg_catalog.pg_class s ON s.oid = d.objid AND s.relkind = 'S'
      WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
        AND d.refobjid = (SELECT c.oid FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = $2)`, [table.schema, table.table]);
    return new Set(r.rows.map((row) => `value:1259/${row.objid}/0`));
}
/** The catalog's changes since the backup that are not the run's: a refusal's reason (undefined: none). */
async function catalogSince(client, m, o, history, othersWrote) {
    if (!m.catalog)
        return {
            lost: 'the backup records no catalog state (it was taken by an older version of pg-migration-gate), so what was changed since cannot be told',
            notes: [],
        };
    // The history table's own sequences move with its rows: its rows are the run's bookkeeping (see writesSince).
    const bookkeeping = history ? await ownedSequences(client, history) : new Set();
    const now = (await catalogRead(client)).filter((e) => !bookkeeping.has(e.key));
    const t = m.snapshot && (await (0,_db_session_xid_snapshot_js__WEBPACK_IMPORTED_MODULE_1__/* .transactionsSince */ .Ik)(client, m.snapshot, o.catalog?.xids));
    let run;
    if (o.catalog) {
        // A serial's sequence moves with its table's inserts: the run's, when only the run wrote the table since.
        const tables = await sequenceTables(client);
        const own = o.own ?? new Map();
        const movedByRun = (key) => othersWrote !== 'unknown' &&
            !!tables.get(key) &&
            (own.get(tables.get(key)) ?? 0) > 0 &&
            !othersWrote.has(tables.get(key));
        run = { ...o.catalog, movedByRun };
    }
    const recorded = Object.fromEntries(Object.entries(m.catalog).filter(([key]) => !bookkeeping.has(key)));
    const quiet = !!t && !t.uncounted && t.committed === 0 && t.running === 0;
    const { ours, theirs } = (0,_catalog_changes_js__WEBPACK_IMPORTED_MODULE_5__/* .catalogChanges */ .zB)(recorded, now, run, quiet);
    const notes = ours.length
        ? [
            `${run ? 'this run’s own catalog changes' : 'sequences that moved while no transaction committed (the values they handed out were kept by nothing)'}, which a restore takes back: ${listed(ours.map(_catalog_changes_js__WEBPACK_IMPORTED_MODULE_5__/* .changeText */ .k0))}`,
        ]
        : [];
    if (!theirs.length)
        return {
            notes: [
                ...notes,
                `nothing in the catalog changed since the backup${o.catalog ? ' but by this run' : ''} (objects, columns, indexes, privileges, owners, comments, relfilenodes, sequence values)`,
            ],
        };
    return {
        lost: `the catalog changed since the backup${o.catalog ? ', not by this run' : ''}: ${listed(theirs.map(_catalog_changes_js__WEBPACK_IMPORTED_MODULE_5__/* .changeText */ .k0))}`,
        notes,
    };
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
    const history = await (0,_db_history_table_js__WEBPACK_IMPORTED_MODULE_0__/* .locateHistoryTable */ .Bb)(client, o.historyTable).catch(() => undefined);
    if (o.otherDatabase !== undefined) {
        const target = await (0,_db_session_server_identity_js__WEBPACK_IMPORTED_MODULE_11__/* .databaseIdentity */ .C)(client);
        const rows = history && (await (0,_db_history_table_js__WEBPACK_IMPORTED_MODULE_0__/* .readHistory */ .Lu)(client, history).catch(() => undefined));
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
    const { lost, notes, othersWrote } = await writesSince(client, m, o, history, !o.discardWrites && !verdict.refusals.length && !o.quick);
    verdict.notes.push(...notes);
    if (lost)
        allow(o.discardWrites, 'restore-discards-writes', `restoring would discard what others wrote since the backup: ${lost}`, `restoring discards what was written since the backup: ${lost}`);
    const changed = await catalogSince(client, m, o, history, othersWrote);
    verdict.notes.push(...changed.notes);
    if (changed.lost)
        allow(o.discardWrites, 'restore-discards-writes', `restoring would undo what others changed since the backup: ${changed.lost}`, `restoring undoes what was changed since the backup: ${changed.lost}`);
    // A first look that refuses looks again, letting the statistics catch up, so the refusal names all it can.
    if (o.quick && verdict.refusals.length)
        return checkRestore(client, m, { ...o, quick: false });
    return verdict;
}


/***/ }),

/***/ 862:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   i: () => (/* binding */ systemPrivilegesNote),
/* harmony export */   s: () => (/* binding */ systemPrivileges)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _db_session_own_session_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8280);
/* harmony import */ var _dump_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9794);





/** A table-of-contents line of such an entry: `5033; 0 0 ACL pg_catalog FUNCTION pg_control_system(…) postgres`. */
const SYSTEM_ACL = /^\d+; \d+ \d+ ACL pg_catalog (\S+) ([^( ]+)/;
async function systemPrivileges(pgRestore, url, dump) {
    const none = { leftOut: [], dispose: () => { } };
    const superuser = await (0,_db_session_own_session_js__WEBPACK_IMPORTED_MODULE_3__/* .withOwnClient */ .mG)(url, async (c) => (await c.query('SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user')).rows[0]?.rolsuper ===
        true);
    if (superuser)
        return none;
    const dir = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdtempSync)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)((0,node_os__WEBPACK_IMPORTED_MODULE_1__.tmpdir)(), 'pmg-restore-list-'));
    const dispose = () => (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.rmSync)(dir, { recursive: true, force: true });
    try {
        // Written to a file, not read from stdout: a large database's table of contents is longer than runTool keeps.
        // (A restore runs an installed pg_restore, never Docker's, so the tool writes where this process reads.)
        const list = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, 'toc.list');
        await (0,_dump_js__WEBPACK_IMPORTED_MODULE_4__/* .runTool */ .qI)(pgRestore, ['--list', `--file=${list}`, dump], process.env);
        const lines = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(list, 'utf8').split('\n');
        const leftOut = lines.flatMap((l) => {
            const m = SYSTEM_ACL.exec(l);
            return m ? [`${m[1]} pg_catalog.${m[2]}`] : [];
        });
        if (!leftOut.length) {
            dispose();
            return none;
        }
        // A line starting with ';' is a comment to pg_restore --use-list: that entry is not restored.
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.writeFileSync)(list, lines.map((l) => (SYSTEM_ACL.test(l) ? `;${l}` : l)).join('\n'));
        return { useList: list, leftOut, dispose };
    }
    catch (err) {
        dispose();
        throw err;
    }
}
/** The report's sentence about what was left out; undefined when nothing was. */
function systemPrivilegesNote(leftOut) {
    if (!leftOut.length)
        return undefined;
    return `the dump's privileges on ${leftOut.length} object(s) of the server itself were not restored, as only a superuser may set them and the restore leaves those objects as the server has them: ${leftOut.join(', ')}`;
}


/***/ }),

/***/ 3322:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Sv: () => (/* binding */ userObjects),
/* harmony export */   en: () => (/* binding */ dependingOnOlder),
/* harmony export */   gQ: () => (/* binding */ dropCreatedSince),
/* harmony export */   tq: () => (/* binding */ objectText)
/* harmony export */ });
/* harmony import */ var _session_transaction_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4825);

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
async function dropCreatedSince(client, before, ours, lockTimeoutMs = 30_000) {
    const created = (await userObjects(client)).filter((o) => !before.has(o.drop));
    const outcome = {
        dropped: [],
        leftAlone: created.filter((o) => !ours(o)).map((object) => ({ object, why: 'not created by this run' })),
    };
    let pending = created.filter(ours);
    if (!pending.length)
        return outcome;
    const failed = new Map();
    await (0,_session_transaction_js__WEBPACK_IMPORTED_MODULE_0__/* .withTransaction */ .r)(client, async () => {
        // A session reading one of our tables would hold its DROP, and every query behind it, forever: bounded, and
        // an object that cannot be had in time is left, with the reason.
        await client.query(`SET LOCAL lock_timeout = ${Math.trunc(lockTimeoutMs)}`);
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

/***/ 4825:
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
