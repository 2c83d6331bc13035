export const id = 483;
export const ids = [483];
export const modules = {

/***/ 74483:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   plan: () => (/* binding */ plan)
/* harmony export */ });
/* harmony import */ var _db_connect_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(68008);
/* harmony import */ var _db_history_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(53966);
/* harmony import */ var _db_identifiers_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(31382);
/* harmony import */ var _migrations_analyse_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(77260);
/* harmony import */ var _migrations_discover_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(43346);
/* harmony import */ var _migrations_plan_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(39422);
/* harmony import */ var _context_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(80165);







/**
 * What an apply would do now, read-only: nothing is written and no lock is held. Reports the pending
 * migrations, every reason the apply would refuse, and the plan hash an approver pins.
 */
async function plan(config, ctx) {
    const { migrations } = (0,_migrations_discover_js__WEBPACK_IMPORTED_MODULE_3__/* .discover */ .k)(config.migrationsDir);
    const report = (0,_context_js__WEBPACK_IMPORTED_MODULE_5__/* .startReport */ .Fg)('plan', config, ctx.databaseUrl);
    const history = await (0,_db_connect_js__WEBPACK_IMPORTED_MODULE_0__/* .withClient */ .SV)(ctx.databaseUrl, async (c) => (0,_db_history_js__WEBPACK_IMPORTED_MODULE_1__/* .readHistory */ .Lu)(c, await (0,_db_history_js__WEBPACK_IMPORTED_MODULE_1__/* .locateHistoryTable */ .Bb)(c, config.historyTable)));
    if (!history)
        report.notes.push(`history table ${report.historyTable} does not exist yet; apply creates it`);
    const p = (0,_migrations_plan_js__WEBPACK_IMPORTED_MODULE_4__/* .makePlan */ .C)(migrations, history, config);
    const { analysed, errors } = await (0,_migrations_analyse_js__WEBPACK_IMPORTED_MODULE_2__/* .analyseAll */ .F)(p.pending);
    (0,_context_js__WEBPACK_IMPORTED_MODULE_5__/* .listPending */ ._g)(report, p, analysed);
    (0,_context_js__WEBPACK_IMPORTED_MODULE_5__/* .reportPlanProblems */ .kr)(report, p.problems);
    (0,_context_js__WEBPACK_IMPORTED_MODULE_5__/* .reportAnalysisErrors */ .S9)(report, errors);
    if (p.baseline.length)
        report.notes.push(`baseline: ${p.baseline.length} migration(s) up to ${config.baseline} would be recorded as applied without running`);
    report.planHash = (0,_migrations_plan_js__WEBPACK_IMPORTED_MODULE_4__/* .planHash */ .S)((0,_db_connect_js__WEBPACK_IMPORTED_MODULE_0__/* .targetIdentity */ .C7)(ctx.databaseUrl), (0,_db_identifiers_js__WEBPACK_IMPORTED_MODULE_6__/* .tableText */ .qK)(config.historyTable), p);
    ctx.log.info(`${report.pending.length} pending migration(s); plan hash ${report.planHash}`);
    return report;
}


/***/ }),

/***/ 53966:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bb: () => (/* binding */ locateHistoryTable),
/* harmony export */   Il: () => (/* binding */ insertRow),
/* harmony export */   J8: () => (/* binding */ markClean),
/* harmony export */   Lu: () => (/* binding */ readHistory),
/* harmony export */   SA: () => (/* binding */ setChecksum),
/* harmony export */   aR: () => (/* binding */ deleteRow),
/* harmony export */   jH: () => (/* binding */ recordInTransaction),
/* harmony export */   r0: () => (/* binding */ ensureHistoryTable)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
/* harmony import */ var _migrations_names_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(41557);
/* harmony import */ var _migrations_version_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(90233);
/* harmony import */ var _identifiers_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(31382);




/** Columns this tool adds to the three-column table teams already keep (`id`, `migration_name`, `applied_at`). */
const ADDED_COLUMNS = {
    version: 'text',
    checksum: 'text',
    execution_ms: 'integer',
    applied_by: 'text',
    dirty: 'boolean NOT NULL DEFAULT false',
};
/**
 * Where the configured table is, or would be created: a schema-qualified name is taken as it is; an unqualified
 * one is looked up on the session's search_path, as psql would, and is otherwise created in current_schema().
 * The client must be a session of ours, not one a migration ran on.
 */
async function locateHistoryTable(client, configured) {
    if (configured.schema)
        return { schema: configured.schema, table: configured.table };
    const r = await client.query(`SELECT (SELECT n.nspname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
              WHERE c.oid = pg_catalog.to_regclass($1)) AS found, pg_catalog.current_schema() AS current`, [(0,_identifiers_js__WEBPACK_IMPORTED_MODULE_2__/* .quoteIdent */ .v4)(configured.table)]);
    const schema = (r.rows[0].found ?? r.rows[0].current);
    if (!schema) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .StateError */ .qq([
            `history table ${configured.table}: the database user's search_path names no schema that exists, so there is nowhere to create it; schema-qualify history-table (e.g. public.${configured.table}) or fix search_path`,
        ]);
    }
    return { schema, table: configured.table };
}
async function columnsOf(client, table) {
    const r = await client.query(`SELECT c.oid IS NOT NULL AS exists, coalesce(array_agg(a.attname::text) FILTER (WHERE a.attname IS NOT NULL), '{}') AS cols
       FROM (SELECT pg_catalog.to_regclass($1) AS oid) c
       LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
      GROUP BY c.oid`, [(0,_identifiers_js__WEBPACK_IMPORTED_MODULE_2__/* .quoteTable */ .Z8)(table)]);
    return r.rows[0].exists ? new Set(r.rows[0].cols) : undefined;
}
function foreignLayout(table, cols) {
    return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .StateError */ .qq([
        `history table ${(0,_identifiers_js__WEBPACK_IMPORTED_MODULE_2__/* .tableText */ .qK)(table)} exists but has no migration_name column (it has: ${[...cols].join(', ') || 'no columns'}); it probably belongs to another migration tool. Set history-table to another name, e.g. ${table.schema}.gate_migrations`,
    ]);
}
/**
 * Creates the history table, or adopts an existing one in place: the columns this tool needs are added,
 * rows are kept, and versions are recovered from `migration_name`. Runs inside the caller's transaction.
 */
async function ensureHistoryTable(client, table) {
    const q = (0,_identifiers_js__WEBPACK_IMPORTED_MODULE_2__/* .quoteTable */ .Z8)(table);
    const cols = await columnsOf(client, table);
    if (!cols) {
        // Only when missing: CREATE SCHEMA IF NOT EXISTS still asks for CREATE on the database.
        const schema = await client.query('SELECT pg_catalog.to_regnamespace($1) IS NOT NULL AS e', [(0,_identifiers_js__WEBPACK_IMPORTED_MODULE_2__/* .quoteIdent */ .v4)(table.schema)]);
        if (!schema.rows[0].e)
            await client.query(`CREATE SCHEMA ${(0,_identifiers_js__WEBPACK_IMPORTED_MODULE_2__/* .quoteIdent */ .v4)(table.schema)}`);
        await client.query(`CREATE TABLE ${q} (
      id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
      migration_name text NOT NULL UNIQUE,
      applied_at timestamptz NOT NULL DEFAULT now(),
      version text,
      checksum text,
      execution_ms integer,
      applied_by text,
      dirty boolean NOT NULL DEFAULT false
    )`);
        return 'created';
    }
    if (!cols.has('migration_name'))
        throw foreignLayout(table, cols);
    const missing = Object.keys(ADDED_COLUMNS).filter((c) => !cols.has(c));
    if (!missing.length)
        return 'ready';
    await client.query(`ALTER TABLE ${q} ${missing.map((c) => `ADD COLUMN ${(0,_identifiers_js__WEBPACK_IMPORTED_MODULE_2__/* .quoteIdent */ .v4)(c)} ${ADDED_COLUMNS[c]}`).join(', ')}`);
    const rows = await client.query(`SELECT id, migration_name FROM ${q} WHERE version IS NULL`);
    for (const row of rows.rows) {
        const v = (0,_migrations_names_js__WEBPACK_IMPORTED_MODULE_1__/* .versionFromName */ .sv)(row.migration_name);
        if (v)
            await client.query(`UPDATE ${q} SET version = $1 WHERE id = $2`, [v.text, row.id]);
    }
    return 'adopted';
}
/**
 * Reads the history, whatever its layout so far (read-only: plan uses it before any adoption).
 * Returns undefined when the table does not exist.
 */
async function readHistory(client, table) {
    const cols = await columnsOf(client, table);
    if (!cols)
        return undefined;
    if (!cols.has('migration_name'))
        throw foreignLayout(table, cols);
    const col = (name, fallback = 'NULL') => (cols.has(name) ? (0,_identifiers_js__WEBPACK_IMPORTED_MODULE_2__/* .quoteIdent */ .v4)(name) : fallback);
    const r = await client.query(`SELECT ${col('id')} AS id, migration_name AS name, ${col('version')} AS version, ${col('checksum')} AS checksum,
            ${col('applied_at')} AS applied_at, ${col('execution_ms')} AS execution_ms, ${col('applied_by')} AS applied_by,
            ${col('dirty', 'false')} AS dirty
       FROM ${(0,_identifiers_js__WEBPACK_IMPORTED_MODULE_2__/* .quoteTable */ .Z8)(table)} ORDER BY ${col('id', 'migration_name')}`);
    return r.rows.map((row) => ({
        id: Number(row.id),
        name: row.name,
        version: (row.version && (0,_migrations_version_js__WEBPACK_IMPORTED_MODULE_3__/* .parseVersionText */ .bw)(row.version)) || (0,_migrations_names_js__WEBPACK_IMPORTED_MODULE_1__/* .versionFromName */ .sv)(row.name),
        checksum: row.checksum ?? undefined,
        appliedAt: row.applied_at,
        executionMs: row.execution_ms ?? undefined,
        appliedBy: row.applied_by ?? undefined,
        dirty: row.dirty === true,
    }));
}
const INSERT_COLUMNS = '(migration_name, version, checksum, execution_ms, applied_by, dirty)';
/** Inserts a history row and returns its id. */
async function insertRow(client, table, v) {
    const r = await client.query(`INSERT INTO ${(0,_identifiers_js__WEBPACK_IMPORTED_MODULE_2__/* .quoteTable */ .Z8)(table)} ${INSERT_COLUMNS} VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, [
        v.migration.name,
        v.migration.version.text,
        v.migration.checksum,
        v.executionMs ?? null,
        v.appliedBy,
        v.dirty,
    ]);
    return Number(r.rows[0].id);
}
/**
 * The statements that record a transactional migration as the last part of its own transaction, so the row
 * commits with it or not at all. They run on the migration's session after its statements: the role, the
 * search_path and our timeouts are put back first (SET LOCAL, for this transaction only), so whatever the
 * migration did to its session, the row is written by the user that connected, into this table. The server
 * times the migration from the start of its transaction. Values are escaped by node-postgres.
 */
function recordInTransaction(client, table, migration, appliedBy, timeouts) {
    const lit = (v) => client.escapeLiteral(v);
    return [
        'SET LOCAL SESSION AUTHORIZATION DEFAULT',
        'SET LOCAL search_path = pg_catalog, pg_temp',
        ...timeouts,
        `INSERT INTO ${(0,_identifiers_js__WEBPACK_IMPORTED_MODULE_2__/* .quoteTable */ .Z8)(table)} ${INSERT_COLUMNS} VALUES (${lit(migration.name)}, ${lit(migration.version.text)}, ${lit(migration.checksum)}, (extract(epoch FROM clock_timestamp() - transaction_timestamp()) * 1000)::int, ${lit(appliedBy)}, false)`,
    ];
}
/** Marks a dirty row clean once its non-transactional migration finished. */
async function markClean(client, table, id, executionMs) {
    await client.query(`UPDATE ${(0,_identifiers_js__WEBPACK_IMPORTED_MODULE_2__/* .quoteTable */ .Z8)(table)} SET dirty = false, execution_ms = $1, applied_at = now() WHERE id = $2`, [executionMs, id]);
}
async function deleteRow(client, table, id) {
    await client.query(`DELETE FROM ${(0,_identifiers_js__WEBPACK_IMPORTED_MODULE_2__/* .quoteTable */ .Z8)(table)} WHERE id = $1`, [id]);
}
/** Records a checksum: for rows adopted without one, and for edits accepted explicitly. */
async function setChecksum(client, table, id, checksum) {
    await client.query(`UPDATE ${(0,_identifiers_js__WEBPACK_IMPORTED_MODULE_2__/* .quoteTable */ .Z8)(table)} SET checksum = $1 WHERE id = $2`, [checksum, id]);
}


/***/ }),

/***/ 77260:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F: () => (/* binding */ analyseAll),
/* harmony export */   u: () => (/* binding */ foreignConnects)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
/* harmony import */ var _parse_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(25493);
/* harmony import */ var _transaction_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(61692);



/**
 * Parses each migration's up script and decides how it runs. All are analysed before any runs, so a syntax
 * error in the fifth pending migration stops the run before the first one is applied.
 */
async function analyseAll(migrations) {
    const analysed = [];
    const errors = [];
    for (const migration of migrations) {
        try {
            const statements = await (0,_parse_js__WEBPACK_IMPORTED_MODULE_1__/* .parseScript */ .tl)(migration.up);
            analysed.push({ migration, exec: (0,_transaction_js__WEBPACK_IMPORTED_MODULE_2__/* .executionPlan */ .W)(statements, migration.noTransactionDirective) });
        }
        catch (err) {
            if (!(err instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .MigrationError */ .Py))
                throw err;
            errors.push({ migration, error: err });
        }
    }
    return { analysed, errors };
}
/**
 * psql's `\connect` opens a new session, on the database and as the user it names. The runner can only give a
 * fresh session on the run's own database as the run's user: a file that connects elsewhere is refused before
 * anything runs, at its `\connect` line.
 */
function foreignConnects(analysed, target) {
    const out = [];
    for (const { migration, exec } of analysed) {
        for (const s of exec.statements.filter((x) => x.kind === 'PsqlConnect')) {
            const { database, user } = s.node;
            const elsewhere = database && database !== target.database ? `database ${database}` : user && user !== target.user ? `user ${user}` : undefined;
            if (!elsewhere)
                continue;
            out.push({
                migration,
                error: new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .MigrationError */ .Py(`\\connect to ${elsewhere}: this migration runs on database ${target.database} as ${target.user}, and psql would have switched`, {
                    location: s.location,
                    hint: 'remove the \\connect line (a dump made without --create has none), or run this file by hand where it belongs',
                }),
            });
        }
    }
    return out;
}


/***/ }),

/***/ 43346:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  k: () => (/* binding */ discover)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
;// CONCATENATED MODULE: ./src/migrations/checksum.ts

/** sha256 of a script with CRLF and CR line endings normalised to LF, so a checkout on Windows matches. */
function checksum(sql) {
    const normalised = sql.replace(/\r\n?/g, '\n');
    return `sha256:${(0,external_node_crypto_.createHash)('sha256').update(normalised, 'utf8').digest('hex')}`;
}

// EXTERNAL MODULE: ./src/migrations/names.ts
var names = __webpack_require__(41557);
;// CONCATENATED MODULE: ./src/migrations/read-file.ts



const utf8 = new TextDecoder('utf-8', { fatal: true });
/**
 * Reads a migration file as UTF-8, refusing a symlink that leads outside the migrations folder and bytes that
 * are not UTF-8 (PostgreSQL would reject or mangle them). `root` must already be a real path.
 */
function readMigrationFile(root, path, shown) {
    const real = (0,external_node_fs_.realpathSync)(path);
    const rel = (0,external_node_path_.relative)(root, real);
    if (rel.startsWith('..') || (0,external_node_path_.isAbsolute)(rel)) {
        throw new errors/* InputError */.dz([
            `${shown}: is a link to ${real}, outside the migrations folder; copy the file into the folder instead`,
        ]);
    }
    const bytes = (0,external_node_fs_.readFileSync)(real);
    try {
        // A byte-order mark is dropped: PostgreSQL would read it as part of the first token.
        return utf8.decode(bytes).replace(/^\uFEFF/, '');
    }
    catch (cause) {
        throw new errors/* InputError */.dz([`${shown}: is not valid UTF-8; save it as UTF-8 (PostgreSQL expects it)`], { cause });
    }
}

// EXTERNAL MODULE: ./src/migrations/sections.ts
var migrations_sections = __webpack_require__(71137);
// EXTERNAL MODULE: ./src/migrations/version.ts
var migrations_version = __webpack_require__(90233);
;// CONCATENATED MODULE: ./src/migrations/discover.ts








/**
 * Finds the migrations in a folder, detecting its layout, and returns them in version order.
 * Every problem in the folder is collected and thrown as one InputError, each naming the files and the fix.
 */
function discover(dir) {
    if (!(0,external_node_fs_.existsSync)(dir) || !(0,external_node_fs_.statSync)(dir).isDirectory()) {
        throw new errors/* InputError */.dz([`migrations folder '${dir}' does not exist; set migrations-dir to the folder holding your .sql files`]);
    }
    const root = (0,external_node_fs_.realpathSync)(dir);
    const problems = [];
    const entries = new Map();
    const byLayout = new Map();
    const add = (layout, version, description, role, file, migrationName) => {
        const id = (0,migrations_version/* versionId */.Ik)(version);
        byLayout.set(layout, [...(byLayout.get(layout) ?? []), file]);
        let entry = entries.get(id);
        if (!entry) {
            entry = { layout, version, description, name: migrationName };
            entries.set(id, entry);
        }
        const slot = role === 'down' ? 'downFile' : 'upFile';
        if (entry[slot]) {
            problems.push(`duplicate version ${version.text}: ${entry[slot]} and ${file}; give one of them a new, later version`);
            return;
        }
        entry[slot] = file;
        if (role !== 'down') {
            entry.name = migrationName;
            entry.description = description;
        }
    };
    for (const dirent of (0,external_node_fs_.readdirSync)(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
        const name = dirent.name;
        if (name.startsWith('.'))
            continue;
        const full = (0,external_node_path_.join)(dir, name);
        const isDir = dirent.isDirectory() || (dirent.isSymbolicLink() && (0,external_node_fs_.statSync)(full).isDirectory());
        if (isDir) {
            const folder = (0,names/* matchFolderName */.PP)(name);
            if (!folder)
                continue;
            const up = (0,external_node_path_.join)(name, 'up.sql');
            if (!(0,external_node_fs_.existsSync)((0,external_node_path_.join)(dir, up))) {
                problems.push(`${name}/: looks like a migration folder but has no up.sql; add up.sql (and down.sql) or rename the folder`);
                continue;
            }
            add('folder-per-migration', folder.version, folder.description, 'up', up, name);
            if ((0,external_node_fs_.existsSync)((0,external_node_path_.join)(dir, name, 'down.sql'))) {
                add('folder-per-migration', folder.version, folder.description, 'down', (0,external_node_path_.join)(name, 'down.sql'), name);
            }
            continue;
        }
        if (!name.toLowerCase().endsWith('.sql'))
            continue;
        const m = (0,names/* matchFileName */.XS)(name);
        if (m.kind === 'unsupported')
            problems.push(`${name}: ${m.reason}`);
        else if (m.kind === 'unknown') {
            problems.push(`${name}: matches no migration naming layout; rename it to <version>_<description>.sql (e.g. 20240119_143000_${name.replace(/\.sql$/i, '')}.sql or 001_${name.replace(/\.sql$/i, '')}.sql) or move it out of the folder`);
        }
        else {
            const migrationName = m.layout === 'up-down-files' ? name.replace(/\.(up|down)\.sql$/, '') : name;
            add(m.layout, m.version, m.description, m.role, name, migrationName);
        }
    }
    if (byLayout.size > 1) {
        const kinds = [...byLayout].map(([layout, files]) => `${layout} (${files.slice(0, 2).join(', ')}${files.length > 2 ? ', …' : ''})`);
        problems.push(`the folder mixes migration layouts: ${kinds.join(' and ')}; keep one layout per folder`);
    }
    for (const e of entries.values()) {
        if (!e.upFile)
            problems.push(`${e.downFile}: a down script without its up script; add the matching up script or remove it`);
    }
    if (problems.length)
        throw new errors/* InputError */.dz(problems);
    const migrations = [...entries.values()]
        .map((e) => load(root, dir, e, problems))
        .filter((m) => m !== undefined)
        .sort((a, b) => (0,migrations_version/* compareVersions */.Zy)(a.version, b.version));
    if (problems.length)
        throw new errors/* InputError */.dz(problems);
    const layout = byLayout.size ? [...byLayout.keys()][0] : 'empty';
    return { layout, migrations };
}
function load(root, dir, e, problems) {
    try {
        const upText = readMigrationFile(root, (0,external_node_path_.join)(dir, e.upFile), e.upFile);
        let up;
        let down;
        let noTransaction = false;
        if (e.layout === 'single-file' || e.layout === 'flyway') {
            const sections = (0,migrations_sections/* splitSections */.n)(e.upFile, upText);
            ({ up, down, noTransaction } = sections);
        }
        else {
            up = { file: e.upFile, sql: upText, startLine: 1 };
            noTransaction = (0,migrations_sections/* splitSections */.n)(e.upFile, upText).noTransaction;
        }
        if (e.downFile) {
            if (down) {
                problems.push(`${e.upFile}: has a down section and a separate down script ${e.downFile}; keep one of them`);
                return undefined;
            }
            down = { file: e.downFile, sql: readMigrationFile(root, (0,external_node_path_.join)(dir, e.downFile), e.downFile), startLine: 1 };
        }
        return {
            version: e.version,
            name: e.name,
            description: e.description,
            up,
            down,
            checksum: checksum(up.sql),
            noTransactionDirective: noTransaction,
        };
    }
    catch (err) {
        if (err instanceof errors/* InputError */.dz)
            problems.push(...err.problems);
        else
            throw err;
        return undefined;
    }
}


/***/ }),

/***/ 41557:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   PP: () => (/* binding */ matchFolderName),
/* harmony export */   XS: () => (/* binding */ matchFileName),
/* harmony export */   sv: () => (/* binding */ versionFromName)
/* harmony export */ });
/* harmony import */ var _version_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(90233);

// Timestamp versions come first in each alternation so `20240119_143000_x` is not read as version 20240119.
const VERSION = String.raw `(\d{8}_\d{6}|\d+)`;
const SINGLE = new RegExp(String.raw `^${VERSION}(?:_(.+))?\.sql$`);
const UP_DOWN = new RegExp(String.raw `^${VERSION}(?:_(.+?))?\.(up|down)\.sql$`);
const FLYWAY = /^([VU])(\d+(?:[._]\d+)*)__(.+)\.sql$/;
const FOLDER = /^(\d{4}-\d{2}-\d{2}-\d{6}|\d{8}_\d{6}|\d+)(?:_(.+))?$/;
/** Classifies a `.sql` file name found at the top of the migrations folder. */
function matchFileName(name) {
    if (/^R__.+\.sql$/.test(name)) {
        return {
            kind: 'unsupported',
            reason: 'Flyway repeatable migrations (R__) are not supported; give it a version (V<n>__…) or move it out',
        };
    }
    const flyway = FLYWAY.exec(name);
    if (flyway) {
        return {
            kind: 'migration',
            layout: 'flyway',
            version: (0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .makeVersion */ .tq)(flyway[2].replace(/_/g, '.'), true),
            description: flyway[3],
            role: flyway[1] === 'V' ? 'both' : 'down',
        };
    }
    const pair = UP_DOWN.exec(name);
    if (pair) {
        return {
            kind: 'migration',
            layout: 'up-down-files',
            version: (0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .makeVersion */ .tq)(pair[1]),
            description: pair[2] ?? '',
            role: pair[3],
        };
    }
    const single = SINGLE.exec(name);
    if (single) {
        return {
            kind: 'migration',
            layout: 'single-file',
            version: (0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .makeVersion */ .tq)(single[1]),
            description: single[2] ?? '',
            role: 'both',
        };
    }
    return { kind: 'unknown' };
}
/** Classifies a sub-folder name (`2019-02-26-002946_create_users`, `00000000000000_setup`). */
function matchFolderName(name) {
    const m = FOLDER.exec(name);
    return m ? { version: (0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .makeVersion */ .tq)(m[1]), description: m[2] ?? '' } : undefined;
}
/**
 * Recovers a version from a `migration_name` recorded by hand-written scripts: a file name with or without
 * `.sql`, an up/down base name, or a folder name.
 */
function versionFromName(name) {
    for (const candidate of [name, `${name}.sql`]) {
        const m = matchFileName(candidate);
        if (m.kind === 'migration')
            return m.version;
    }
    return matchFolderName(name)?.version;
}


/***/ }),

/***/ 39422:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C: () => (/* binding */ makePlan),
/* harmony export */   S: () => (/* binding */ planHash)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _version_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(90233);


const idOf = (text) => {
    const v = (0,_version_js__WEBPACK_IMPORTED_MODULE_1__/* .parseVersionText */ .bw)(text);
    return v ? (0,_version_js__WEBPACK_IMPORTED_MODULE_1__/* .versionId */ .Ik)(v) : undefined;
};
/**
 * Compares the migrations on disk with the history: what is applied, pending, edited since (drift), recorded but
 * gone (missing), half-applied (dirty) or older than the newest applied (out of order). Pure: no database.
 */
function makePlan(migrations, history, opts) {
    const rows = history ?? [];
    const problems = [];
    const plan = { applied: [], pending: [], outOfOrder: [], accepted: [], unverified: [], baseline: [], problems };
    const files = new Map(migrations.map((m) => [(0,_version_js__WEBPACK_IMPORTED_MODULE_1__/* .versionId */ .Ik)(m.version), m]));
    const accept = new Set(opts.acceptEdited.map((v) => idOf(v) ?? v));
    const acceptedSeen = new Set();
    const applied = new Set();
    const resolveId = opts.resolveDirty ? (idOf(opts.resolveDirty.version) ?? opts.resolveDirty.version) : undefined;
    for (const row of rows) {
        const id = row.version ? (0,_version_js__WEBPACK_IMPORTED_MODULE_1__/* .versionId */ .Ik)(row.version) : undefined;
        const migration = id ? files.get(id) : undefined;
        if (row.dirty) {
            if (id && id === resolveId) {
                plan.resolved = { row, as: opts.resolveDirty.as, migration };
                if (opts.resolveDirty.as === 'rerun')
                    continue;
            }
            else {
                problems.push({
                    rule: 'dirty-migration',
                    message: `${row.name} is dirty: it ran outside a transaction and did not finish, so the database may hold part of it`,
                    file: migration?.up.file,
                    help: `inspect the database, finish or undo the migration by hand, then run again with resolve-dirty: ${row.version?.text ?? row.name}=applied (finished) or =rerun (undone)`,
                });
                continue;
            }
        }
        if (!id) {
            problems.push({
                rule: 'unknown-history-row',
                message: `history row ${row.id} ('${row.name}') carries no version this tool can read`,
                help: 'rename the row\'s migration_name to the migration\'s file name, or delete the row if it is not a migration',
            });
            continue;
        }
        if (applied.has(id))
            continue;
        applied.add(id);
        if (!migration) {
            problems.push({
                rule: 'missing-migration',
                message: `${row.name} is recorded as applied but its file is gone from the folder`,
                help: 'restore the file (it is part of the schema\'s history), or delete its history row if the migration was reverted by hand',
            });
            continue;
        }
        plan.applied.push({ migration, row });
        if (!plan.lastApplied || (0,_version_js__WEBPACK_IMPORTED_MODULE_1__/* .compareVersions */ .Zy)(migration.version, plan.lastApplied) > 0)
            plan.lastApplied = migration.version;
        if (!row.checksum)
            plan.unverified.push({ migration, row });
        else if (row.checksum !== migration.checksum) {
            if (accept.has(id)) {
                acceptedSeen.add(id);
                plan.accepted.push({ migration, row });
            }
            else {
                problems.push({
                    rule: 'checksum-drift',
                    message: `${migration.up.file} was edited after it was applied (recorded ${row.checksum.slice(0, 19)}…, file ${migration.checksum.slice(0, 19)}…); the database does not contain the edit`,
                    file: migration.up.file,
                    help: `revert the edit and put the change in a new migration; if the edit changes nothing in the database (a comment, formatting), accept it with accept-edited: ${migration.version.text}`,
                });
            }
        }
    }
    for (const v of accept) {
        if (!acceptedSeen.has(v)) {
            problems.push({
                rule: 'stale-override',
                message: `accept-edited names ${v}, but ${applied.has(v) ? 'its file matches the recorded checksum' : 'no applied migration has that version'}`,
                help: 'remove it from accept-edited: there is nothing to accept',
            });
        }
    }
    if (opts.resolveDirty && !plan.resolved) {
        problems.push({
            rule: 'stale-override',
            message: `resolve-dirty names ${opts.resolveDirty.version}, but no dirty migration has that version`,
            help: 'remove resolve-dirty',
        });
    }
    let notRun = migrations.filter((m) => !applied.has((0,_version_js__WEBPACK_IMPORTED_MODULE_1__/* .versionId */ .Ik)(m.version)));
    if (opts.baseline) {
        const base = idOf(opts.baseline);
        const baseVersion = migrations.find((m) => (0,_version_js__WEBPACK_IMPORTED_MODULE_1__/* .versionId */ .Ik)(m.version) === base)?.version;
        if (rows.length) {
            problems.push({ rule: 'stale-override', message: `baseline is set but the history already has ${rows.length} row(s)`, help: 'remove baseline: it is only for a database that has schema but no history' });
        }
        else if (!baseVersion) {
            problems.push({ rule: 'stale-override', message: `baseline ${opts.baseline} matches no migration in the folder`, help: 'set baseline to the version of the last migration the database already contains' });
        }
        else {
            plan.baseline = notRun.filter((m) => (0,_version_js__WEBPACK_IMPORTED_MODULE_1__/* .compareVersions */ .Zy)(m.version, baseVersion) <= 0);
            notRun = notRun.filter((m) => (0,_version_js__WEBPACK_IMPORTED_MODULE_1__/* .compareVersions */ .Zy)(m.version, baseVersion) > 0);
            plan.lastApplied = baseVersion;
        }
    }
    plan.pending = notRun;
    if (plan.resolved?.as === 'applied' && plan.resolved.migration) {
        plan.pending = plan.pending.filter((m) => m !== plan.resolved.migration);
    }
    if (plan.lastApplied) {
        plan.outOfOrder = plan.pending.filter((m) => (0,_version_js__WEBPACK_IMPORTED_MODULE_1__/* .compareVersions */ .Zy)(m.version, plan.lastApplied) < 0);
        if (!opts.allowOutOfOrder) {
            for (const m of plan.outOfOrder) {
                problems.push({
                    rule: 'out-of-order',
                    message: `${m.up.file} is pending but older than ${plan.lastApplied.text}, the newest applied migration`,
                    file: m.up.file,
                    help: 'give it a version after the newest applied one (rename the file), or set allow-out-of-order: true if running it out of order is safe',
                });
            }
        }
    }
    return plan;
}
/**
 * Identifies exactly what an apply would do: the target, the newest applied version and the ordered pending
 * migrations with their checksums. An approved plan hash pins the apply to this.
 */
function planHash(target, historyTable, plan) {
    const body = JSON.stringify({
        target,
        historyTable,
        lastApplied: plan.lastApplied?.text ?? null,
        pending: plan.pending.map((m) => [m.version.text, m.checksum]),
    });
    return `sha256:${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(body).digest('hex')}`;
}


/***/ }),

/***/ 71137:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   n: () => (/* binding */ splitSections)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);

const UP_MARK = /^\s*--\s*migrate:up\b(.*)$/i;
const DOWN_MARK = /^\s*--\s*migrate:down\b(.*)$/i;
const NO_TX = /^\s*--\s*migrate:no-transaction\s*$/i;
const ROLLBACK_LINE = /^\s*--\s*ROLLBACK:\s?(.*)$/i;
const TX_FALSE = /\btransaction:\s*false\b/i;
/**
 * Splits one file into its up and down scripts. Two conventions are understood:
 * `-- migrate:up` … `-- migrate:down` … sections (dbmate's), and `-- ROLLBACK: <sql>` comment lines (the
 * numbered-file runbook's), whose SQL together forms the down script. Directives: `-- migrate:no-transaction`,
 * or dbmate's `transaction:false` on a section marker.
 */
function splitSections(file, text) {
    const lines = text.split('\n');
    let upAt = -1;
    let downAt = -1;
    let noTransaction = false;
    const rollback = [];
    lines.forEach((line, i) => {
        const up = UP_MARK.exec(line);
        const down = DOWN_MARK.exec(line);
        if (up) {
            if (upAt >= 0)
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz([`${file}:${i + 1}: a second '-- migrate:up' marker; keep exactly one`]);
            upAt = i;
            noTransaction ||= TX_FALSE.test(up[1]);
        }
        else if (down) {
            if (downAt >= 0)
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz([`${file}:${i + 1}: a second '-- migrate:down' marker; keep exactly one`]);
            downAt = i;
            noTransaction ||= TX_FALSE.test(down[1]);
        }
        else if (NO_TX.test(line)) {
            noTransaction = true;
        }
        else {
            const rb = ROLLBACK_LINE.exec(line);
            if (rb && rb[1].trim())
                rollback.push({ line: i + 1, sql: rb[1].replace(/\r$/, '') });
        }
    });
    if (downAt >= 0 && (upAt < 0 || upAt > downAt)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz([
            `${file}:${downAt + 1}: '-- migrate:down' needs a '-- migrate:up' marker before it; add '-- migrate:up' above the up script`,
        ]);
    }
    if (upAt >= 0) {
        const end = downAt >= 0 ? downAt : lines.length;
        const up = { file, sql: lines.slice(upAt + 1, end).join('\n'), startLine: upAt + 2 };
        const down = downAt >= 0 ? { file, sql: lines.slice(downAt + 1).join('\n'), startLine: downAt + 2 } : undefined;
        return { up, down, noTransaction };
    }
    const up = { file, sql: text, startLine: 1 };
    if (rollback.length === 0)
        return { up, noTransaction };
    // Each ROLLBACK line becomes its own line of the down script; earlier lines are padded so the down
    // script's line numbers stay those of the file.
    const first = rollback[0].line;
    const downLines = [];
    for (const r of rollback) {
        while (first + downLines.length < r.line)
            downLines.push('');
        downLines.push(r.sql);
    }
    return { up, down: { file, sql: downLines.join('\n'), startLine: first }, noTransaction };
}


/***/ }),

/***/ 90233:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ik: () => (/* binding */ versionId),
/* harmony export */   Zy: () => (/* binding */ compareVersions),
/* harmony export */   bw: () => (/* binding */ parseVersionText),
/* harmony export */   tq: () => (/* binding */ makeVersion)
/* harmony export */ });
/**
 * Builds a version from its written form. Timestamps (`20240119_143000`, `2019-02-26-002946`) and plain numbers
 * become one number; Flyway's dotted versions (`1.2.10`, or `1_2` which Flyway reads as `1.2`) keep one number
 * per segment so that `1.10` sorts after `1.9`.
 */
function makeVersion(text, dotted = false) {
    const segments = dotted ? text.split(/[._]/) : [text.replace(/[_-]/g, '')];
    return { text, key: segments.map((s) => BigInt(s)) };
}
/** Orders versions numerically; missing trailing segments count as zero (`1` equals `1.0`). */
function compareVersions(a, b) {
    const n = Math.max(a.key.length, b.key.length);
    for (let i = 0; i < n; i++) {
        const x = a.key[i] ?? 0n;
        const y = b.key[i] ?? 0n;
        if (x !== y)
            return x < y ? -1 : 1;
    }
    return 0;
}
/** A canonical string for a version: equal for versions that compare equal (`001` and `1`). */
function versionId(v) {
    const key = [...v.key];
    while (key.length > 1 && key[key.length - 1] === 0n)
        key.pop();
    return key.join('.');
}
/** Reads a version back from the text this tool stored (`20240119_143000`, `1.2`, `2019-02-26-002946`). */
function parseVersionText(text) {
    if (!/^\d+(?:[._-]\d+)*$/.test(text))
        return undefined;
    return makeVersion(text, text.includes('.'));
}


/***/ })

};
