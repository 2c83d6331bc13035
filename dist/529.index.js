export const id = 529;
export const ids = [529];
export const modules = {

/***/ 77260:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F: () => (/* binding */ analyseAll),
/* harmony export */   u: () => (/* binding */ foreignConnects)
/* harmony export */ });
/* harmony import */ var _foundation_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(358);
/* harmony import */ var _parse_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(25493);
/* harmony import */ var _transaction_mode_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3971);



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
            analysed.push({ migration, exec: (0,_transaction_mode_js__WEBPACK_IMPORTED_MODULE_2__/* .executionPlan */ .WP)(statements, migration.noTransactionDirective) });
        }
        catch (err) {
            if (!(err instanceof _foundation_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .MigrationError */ .Py))
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
            const elsewhere = database && database !== target.database
                ? `database ${database}`
                : user && user !== target.user
                    ? `user ${user}`
                    : undefined;
            if (!elsewhere)
                continue;
            out.push({
                migration,
                error: new _foundation_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .MigrationError */ .Py(`\\connect to ${elsewhere}: this migration runs on database ${target.database} as ${target.user}, and psql would have switched`, {
                    location: s.location,
                    hint: 'remove the \\connect line (a dump made without --create has none), or run this file by hand where it belongs',
                }),
            });
        }
    }
    return out;
}


/***/ }),

/***/ 62986:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   discover: () => (/* binding */ discover),
/* harmony export */   readFolder: () => (/* binding */ readFolder)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _foundation_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(358);
/* harmony import */ var _checksum_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9846);
/* harmony import */ var _names_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(41557);
/* harmony import */ var _parse_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(25493);
/* harmony import */ var _read_file_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(12585);
/* harmony import */ var _sections_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(80984);
/* harmony import */ var _version_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(90233);









/**
 * discover(), with the parser loaded first (it tells a large file's COPY rows as the file is read). A folder with no
 * migrations is refused unless `allowEmpty`: a check pointed at the wrong folder would otherwise pass forever.
 */
async function readFolder(dir, allowEmpty) {
    await (0,_parse_js__WEBPACK_IMPORTED_MODULE_5__/* .loadParser */ .qd)();
    const found = discover(dir);
    if (!found.migrations.length && !allowEmpty)
        throw new _foundation_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz([noMigrations(dir)]);
    return found;
}
/** The layouts discovery knows, as a person would recognise them. */
const LAYOUTS_LOOKED_FOR = '<version>_<name>.sql (20240119_143000_add_prefs.sql, 001_initial_schema.sql, dbmate and golang-migrate names), 12_x.up.sql with 12_x.down.sql, Flyway V1__x.sql, and folders holding up.sql or migration.sql';
/** Why a folder holds no migrations, naming the folders below it that hold .sql files (db/ instead of db/migrations). */
function noMigrations(dir) {
    const below = sqlFoldersBelow(dir, 2).slice(0, 3);
    const hint = below.length
        ? `; ${below.map((b) => `${b.path} holds ${b.files} .sql file(s)`).join(', ')}: point migrations-dir there`
        : '; point migrations-dir at the folder holding them';
    return `migrations folder '${dir}' holds no migrations: looked for ${LAYOUTS_LOOKED_FOR}${hint}, or set allow-empty: true for a project that has none yet`;
}
function sqlFoldersBelow(dir, depth) {
    if (depth === 0)
        return [];
    return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readdirSync)(dir, { withFileTypes: true })
        .filter((d) => d.isDirectory() && !d.name.startsWith('.') && d.name !== 'node_modules')
        .sort((a, b) => a.name.localeCompare(b.name))
        .flatMap((d) => {
        const path = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, d.name);
        const files = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readdirSync)(path).filter((f) => f.toLowerCase().endsWith('.sql')).length;
        return [...(files ? [{ path, files }] : []), ...sqlFoldersBelow(path, depth - 1)];
    });
}
/**
 * Finds the migrations in a folder, detecting its layout, and returns them in version order.
 * Every problem in the folder is collected and thrown as one InputError, each naming the files and the fix.
 * Files over `largeAbove` bytes are read in pieces, their COPY rows left on disk.
 */
function discover(dir, largeAbove = _read_file_js__WEBPACK_IMPORTED_MODULE_6__/* .LARGE_FILE */ .f) {
    if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(dir) || !(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(dir).isDirectory()) {
        throw new _foundation_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz([
            `migrations folder '${dir}' does not exist; set migrations-dir to the folder holding your .sql files`,
        ]);
    }
    const root = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync)(dir);
    const problems = [];
    const entries = new Map();
    const byLayout = new Map();
    const add = (layout, version, description, role, file, migrationName) => {
        const id = (0,_version_js__WEBPACK_IMPORTED_MODULE_8__/* .versionId */ .Ik)(version);
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
    for (const dirent of (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readdirSync)(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
        const name = dirent.name;
        if (name.startsWith('.'))
            continue;
        const full = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, name);
        const isDir = dirent.isDirectory() || (dirent.isSymbolicLink() && (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(full).isDirectory());
        if (isDir) {
            const folder = (0,_names_js__WEBPACK_IMPORTED_MODULE_4__/* .matchFolderName */ .PP)(name);
            if (!folder)
                continue;
            const has = (file) => (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, name, file));
            if (has('migration.sql') && has('up.sql')) {
                problems.push(`${name}/: has both migration.sql and up.sql; keep the one your tool runs`);
            }
            else if (has('migration.sql')) {
                // Prisma's and drizzle-kit's folders: one script, no down; drizzle's snapshot.json beside it stays unread.
                add('folder-migration-sql', folder.version, folder.description, 'up', (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(name, 'migration.sql'), name);
            }
            else if (has('up.sql')) {
                add('folder-per-migration', folder.version, folder.description, 'up', (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(name, 'up.sql'), name);
                if (has('down.sql'))
                    add('folder-per-migration', folder.version, folder.description, 'down', (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(name, 'down.sql'), name);
            }
            else {
                problems.push(`${name}/: looks like a migration folder but has no up.sql or migration.sql; add the script (and down.sql) or rename the folder`);
            }
            continue;
        }
        if ((0,_names_js__WEBPACK_IMPORTED_MODULE_4__/* .isGoMigration */ .j1)(name)) {
            problems.push(`${name}: a goose Go migration, which this tool cannot run; rewrite it as ${name.replace(/\.go$/, '.sql')} or move it out of the folder`);
            continue;
        }
        if (!name.toLowerCase().endsWith('.sql'))
            continue;
        const m = (0,_names_js__WEBPACK_IMPORTED_MODULE_4__/* .matchFileName */ .XS)(name);
        if (m.kind === 'unsupported')
            problems.push(`${name}: ${m.reason}`);
        else if (m.kind === 'unknown') {
            problems.push(`${name}: matches no migration naming layout; rename it to <version>_<description>.sql (e.g. 20240119_143000_${name.replace(/\.sql$/i, '')}.sql or 001_${name.replace(/\.sql$/i, '')}.sql) or move it out of the folder`);
        }
        else {
            // An up/down pair is named once: `12_x` for 12_x.up.sql, `001.create-users` for postgrator's 001.do.create-users.sql.
            const migrationName = m.layout === 'up-down-files'
                ? name.replace(/\.(up|down)\.sql$/, '').replace(/^(\d+)\.(?:do|undo)(\..+)?\.sql$/, '$1$2')
                : name;
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
        throw new _foundation_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz(problems);
    const migrations = [...entries.values()]
        .map((e) => load(root, dir, e, problems, largeAbove))
        .filter((m) => m !== undefined)
        .sort((a, b) => (0,_version_js__WEBPACK_IMPORTED_MODULE_8__/* .compareVersions */ .Zy)(a.version, b.version));
    if (problems.length)
        throw new _foundation_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz(problems);
    const layout = byLayout.size ? [...byLayout.keys()][0] : 'empty';
    return { layout, migrations };
}
function load(root, dir, e, problems, largeAbove) {
    try {
        const { text: upText, source, elided, checksum: whole, } = (0,_read_file_js__WEBPACK_IMPORTED_MODULE_6__/* .readMigrationFile */ .r)(root, (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, e.upFile), e.upFile, largeAbove);
        let up;
        let down;
        let noTransaction = false;
        if (e.layout === 'single-file' || e.layout === 'flyway') {
            const sections = (0,_sections_js__WEBPACK_IMPORTED_MODULE_7__/* .splitSections */ .n)(e.upFile, upText, elided);
            ({ up, down, noTransaction } = sections);
        }
        else {
            up = { file: e.upFile, sql: upText, startLine: 1, ...(elided && { elided }) };
            noTransaction = (0,_sections_js__WEBPACK_IMPORTED_MODULE_7__/* .splitSections */ .n)(e.upFile, upText, elided).noTransaction;
        }
        if (e.downFile) {
            if (down) {
                problems.push(`${e.upFile}: has a down section and a separate down script ${e.downFile}; keep one of them`);
                return undefined;
            }
            const read = (0,_read_file_js__WEBPACK_IMPORTED_MODULE_6__/* .readMigrationFile */ .r)(root, (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, e.downFile), e.downFile, largeAbove);
            down = { file: e.downFile, sql: read.text, startLine: 1, ...(read.elided && { elided: read.elided }) };
        }
        return {
            version: e.version,
            name: e.name,
            description: e.description,
            up,
            down,
            checksum: whole !== undefined && up.sql === upText ? whole : (0,_checksum_js__WEBPACK_IMPORTED_MODULE_3__/* .checksumOf */ .lf)(up),
            ...(source !== undefined && { source }),
            noTransactionDirective: noTransaction,
        };
    }
    catch (err) {
        if (err instanceof _foundation_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz)
            problems.push(...err.problems);
        else
            throw err;
        return undefined;
    }
}


/***/ }),

/***/ 28287:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C: () => (/* binding */ makePlan)
/* harmony export */ });
/* harmony import */ var _version_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(90233);

const idOf = (text) => {
    const v = (0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .parseVersionText */ .bw)(text);
    return v ? (0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .versionId */ .Ik)(v) : undefined;
};
/**
 * Compares the migrations on disk with the history: what is applied, pending, edited since (drift), recorded but
 * gone (missing), half-applied (dirty) or older than the newest applied (out of order). Pure: no database.
 */
function makePlan(migrations, history, opts) {
    const rows = history ?? [];
    const problems = [];
    const plan = { applied: [], pending: [], outOfOrder: [], accepted: [], unverified: [], baseline: [], problems };
    const files = new Map(migrations.map((m) => [(0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .versionId */ .Ik)(m.version), m]));
    const accept = new Set(opts.acceptEdited.map((v) => idOf(v) ?? v));
    const acceptedSeen = new Set();
    const applied = new Set();
    const sumOf = opts.checksumsOf === undefined ? (m) => [m.checksum] : opts.checksumsOf;
    const resolveId = opts.resolveDirty ? (idOf(opts.resolveDirty.version) ?? opts.resolveDirty.version) : undefined;
    for (const row of rows) {
        const id = row.version ? (0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .versionId */ .Ik)(row.version) : undefined;
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
                help: "rename the row's migration_name to the migration's file name, or delete the row if it is not a migration",
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
                help: "restore the file (it is part of the schema's history), or delete its history row if the migration was reverted by hand",
            });
            continue;
        }
        plan.applied.push({ migration, row });
        if (!plan.lastApplied || (0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .compareVersions */ .Zy)(migration.version, plan.lastApplied) > 0)
            plan.lastApplied = migration.version;
        if (sumOf === null)
            continue;
        const sums = sumOf(migration);
        if (!row.checksum)
            plan.unverified.push({ migration, row });
        else if (!sums.includes(row.checksum)) {
            if (accept.has(id)) {
                acceptedSeen.add(id);
                plan.accepted.push({ migration, row });
            }
            else {
                problems.push({
                    rule: 'checksum-drift',
                    message: `${migration.up.file} was edited after it was applied (recorded ${row.checksum.slice(0, 19)}…, file ${sums[0].slice(0, 19)}…); the database does not contain the edit`,
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
    let notRun = migrations.filter((m) => !applied.has((0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .versionId */ .Ik)(m.version)));
    if (opts.baseline) {
        const base = idOf(opts.baseline);
        const baseVersion = migrations.find((m) => (0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .versionId */ .Ik)(m.version) === base)?.version;
        if (rows.length) {
            problems.push({
                rule: 'stale-override',
                message: `baseline is set but the history already has ${rows.length} row(s)`,
                help: 'remove baseline: it is only for a database that has schema but no history',
            });
        }
        else if (!baseVersion) {
            problems.push({
                rule: 'stale-override',
                message: `baseline ${opts.baseline} matches no migration in the folder`,
                help: 'set baseline to the version of the last migration the database already contains',
            });
        }
        else {
            plan.baseline = notRun.filter((m) => (0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .compareVersions */ .Zy)(m.version, baseVersion) <= 0);
            notRun = notRun.filter((m) => (0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .compareVersions */ .Zy)(m.version, baseVersion) > 0);
            plan.lastApplied = baseVersion;
        }
    }
    plan.pending = notRun;
    if (plan.resolved?.as === 'applied' && plan.resolved.migration) {
        plan.pending = plan.pending.filter((m) => m !== plan.resolved.migration);
    }
    if (plan.lastApplied) {
        plan.outOfOrder = plan.pending.filter((m) => (0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .compareVersions */ .Zy)(m.version, plan.lastApplied) < 0);
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


/***/ }),

/***/ 80984:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  n: () => (/* binding */ splitSections)
});

// EXTERNAL MODULE: ./src/foundation/errors.ts
var errors = __webpack_require__(358);
;// CONCATENATED MODULE: ./src/migrations/markers.ts

const DBMATE = { up: '-- migrate:up', down: '-- migrate:down' };
const GOOSE = { up: '-- +goose Up', down: '-- +goose Down' };
const DBMATE_SECTION = /^\s*--\s*migrate:(up|down)\b(.*)$/i;
const NO_TX = /^\s*--\s*migrate:no-transaction\s*$/i;
const TX_FALSE = /\btransaction:\s*false\b/i;
/**
 * dbmate's `-- migrate:up` / `-- migrate:down` markers (`transaction:false` on either runs the file outside a
 * transaction), and our own `-- migrate:no-transaction`, which any file may carry.
 */
function dbmateMarkers(lines) {
    return lines.flatMap((text, i) => {
        const m = DBMATE_SECTION.exec(text);
        if (m)
            return [
                {
                    line: i + 1,
                    convention: DBMATE,
                    section: m[1].toLowerCase(),
                    noTransaction: TX_FALSE.test(m[2]),
                },
            ];
        return NO_TX.test(text) ? [{ line: i + 1, convention: DBMATE, noTransaction: true }] : [];
    });
}
const SQLX = { up: '', down: '' };
const NODE_PG_MIGRATE = { up: '-- Up Migration', down: '-- Down Migration' };
// node-pg-migrate accepts any comment line that starts with the direction and "migration"; only the lines its
// `create` writes are taken here, so that a comment like "-- down migration is manual" in another tool's file
// does not cut that file in two.
const NODE_PG_MIGRATE_SECTION = /^\s*--\s*(up|down)\s+migration\s*$/i;
/** node-pg-migrate's SQL migrations: `-- Up Migration` … `-- Down Migration`, each a line of its own. */
function nodePgMigrateMarkers(lines) {
    return lines.flatMap((text, i) => {
        const m = NODE_PG_MIGRATE_SECTION.exec(text);
        return m
            ? [
                {
                    line: i + 1,
                    convention: NODE_PG_MIGRATE,
                    section: m[1].toLowerCase(),
                    noTransaction: false,
                },
            ]
            : [];
    });
}
/** sqlx runs a file outside a transaction when its text starts with `-- no-transaction` (sqlx-core's migration source). */
function sqlxMarkers(lines) {
    return lines[0]?.startsWith('-- no-transaction') ? [{ line: 1, convention: SQLX, noTransaction: true }] : [];
}
// goose reads any `--` comment naming `+goose` as an annotation; ours must start with it, so that a comment
// which merely mentions goose in a file of another tool is left alone.
const GOOSE_ANNOTATION = /^\s*--\s*\+goose\b(.*)$/i;
/**
 * goose's annotations (pressly/goose internal/sqlparser/parser.go): `Up` and `Down` open the sections,
 * `NO TRANSACTION` runs both outside a transaction, and `StatementBegin` … `StatementEnd` group the lines of one
 * statement for goose's semicolon splitter. Our PostgreSQL parser finds statement bounds itself, so those two
 * stay in the script as the comments they are, at their lines. Refused, as goose refuses them: an unknown
 * annotation (a misspelt NO TRANSACTION would otherwise run in a transaction) and StatementBegin/End that do not
 * pair up inside a section; and `ENVSUB ON`, since we run the SQL as written.
 */
function gooseMarkers(file, lines) {
    const markers = [];
    let open;
    const refuse = (line, problem) => new errors/* InputError */.dz([`${file}:${line}: ${problem}`]);
    lines.forEach((text, i) => {
        const m = GOOSE_ANNOTATION.exec(text);
        if (!m)
            return;
        const line = i + 1;
        const annotation = m[1].trim().replace(/\s+/g, ' ').toUpperCase();
        switch (annotation) {
            case 'UP':
            case 'DOWN':
                if (open)
                    throw refuse(line, `'-- +goose ${m[1].trim()}' inside the StatementBegin of line ${open}; add '-- +goose StatementEnd' above it`);
                markers.push({ line, convention: GOOSE, section: annotation === 'UP' ? 'up' : 'down', noTransaction: false });
                return;
            case 'NO TRANSACTION':
                markers.push({ line, convention: GOOSE, noTransaction: true });
                return;
            case 'STATEMENTBEGIN':
                if (open)
                    throw refuse(line, `a second '-- +goose StatementBegin' while the one of line ${open} is open; add '-- +goose StatementEnd' between them`);
                if (!markers.some((x) => x.section))
                    throw refuse(line, `'-- +goose StatementBegin' above '-- +goose Up'; move it into a section`);
                open = line;
                return;
            case 'STATEMENTEND':
                if (!open)
                    throw refuse(line, `'-- +goose StatementEnd' without a StatementBegin; add '-- +goose StatementBegin' above the statement or remove it`);
                open = undefined;
                return;
            case 'ENVSUB OFF':
                return;
            case 'ENVSUB ON':
                throw refuse(line, `'-- +goose ENVSUB ON' substitutes environment variables into the SQL, which this tool does not do; write the values into the file and remove the annotation`);
            default:
                throw refuse(line, `'${text.trim()}' is not a goose annotation (Up, Down, StatementBegin, StatementEnd, NO TRANSACTION); correct or remove it`);
        }
    });
    if (open)
        throw refuse(open, `'-- +goose StatementBegin' without a StatementEnd; add '-- +goose StatementEnd' after the statement`);
    return markers;
}

;// CONCATENATED MODULE: ./src/migrations/sections.ts


const ROLLBACK_LINE = /^\s*--\s*ROLLBACK:\s?(.*)$/i;
/**
 * Splits one file into its up and down scripts, and reads its no-transaction markers (sqlx's included). Three
 * section conventions are understood: dbmate's `-- migrate:up` … `-- migrate:down` sections, goose's `-- +goose Up` … `-- +goose Down` (see markers.ts), and `-- ROLLBACK: <sql>`
 * comment lines (the numbered-file runbook's), whose SQL together forms the down script. Each section keeps the
 * line it starts at, so statements are reported at their lines in the file.
 */
function splitSections(file, text, elided) {
    const lines = text.split('\n');
    // A large file's text lacks its COPY rows: its line k is the file's line toFile(k), and a section keeps the rows
    // inside it.
    const toFile = (k) => k + (elided ?? []).reduce((n, e) => (e.line < k ? n + e.lines : n), 0);
    const rows = (from, to = Infinity) => {
        const inside = (elided ?? [])
            .filter((e) => e.line >= from && e.line < to)
            .map((e) => ({ ...e, line: e.line - from }));
        return inside.length ? { elided: inside } : {};
    };
    const markers = [
        ...dbmateMarkers(lines),
        ...gooseMarkers(file, lines),
        ...nodePgMigrateMarkers(lines),
        ...sqlxMarkers(lines),
    ];
    const conventions = [...new Set(markers.filter((m) => m.section).map((m) => m.convention))];
    if (conventions.length > 1) {
        throw new errors/* InputError */.dz([
            `${file}: mixes ${conventions.map((c) => `'${c.up}'`).join(' and ')} section markers; keep one convention`,
        ]);
    }
    const noTransaction = markers.some((m) => m.noTransaction);
    const up = only(file, markers, 'up', toFile);
    const down = only(file, markers, 'down', toFile);
    if (down && (!up || up.line > down.line)) {
        const { convention } = down;
        throw new errors/* InputError */.dz([
            `${file}:${toFile(down.line)}: '${convention.down}' needs a '${convention.up}' marker before it; add '${convention.up}' above the up script`,
        ]);
    }
    if (up) {
        refuseSqlAbove(file, lines, up);
        const end = down ? down.line - 1 : lines.length;
        return {
            up: { file, sql: lines.slice(up.line, end).join('\n'), startLine: toFile(up.line + 1), ...rows(up.line, end) },
            down: down && {
                file,
                sql: lines.slice(down.line).join('\n'),
                startLine: toFile(down.line + 1),
                ...rows(down.line),
            },
            noTransaction,
        };
    }
    return {
        up: { file, sql: text, startLine: 1, ...rows(0) },
        down: rollbackScript(file, lines, toFile),
        noTransaction,
    };
}
/** The one marker opening a section, refusing a second. */
function only(file, markers, section, toFile) {
    const found = markers.filter((m) => m.section === section).sort((a, b) => a.line - b.line);
    if (found.length > 1) {
        throw new errors/* InputError */.dz([
            `${file}:${toFile(found[1].line)}: a second '${found[1].convention[section]}' marker; keep exactly one`,
        ]);
    }
    return found[0];
}
/** Statements above the up marker would never run; dbmate and goose both refuse them, and so do we. */
function refuseSqlAbove(file, lines, up) {
    const stray = lines.slice(0, up.line - 1).findIndex((l) => l.trim() !== '' && !l.trim().startsWith('--'));
    if (stray >= 0) {
        throw new errors/* InputError */.dz([
            `${file}:${stray + 1}: SQL above '${up.convention.up}' would never run; move it below the marker or delete it`,
        ]);
    }
}
/**
 * The `-- ROLLBACK:` lines as a down script. Each becomes its own line of the script; earlier lines are padded so
 * the down script's line numbers stay those of the file.
 */
function rollbackScript(file, lines, toFile) {
    const rollback = lines.flatMap((line, i) => {
        const rb = ROLLBACK_LINE.exec(line);
        return rb && rb[1].trim() ? [{ line: toFile(i + 1), sql: rb[1].replace(/\r$/, '') }] : [];
    });
    if (rollback.length === 0)
        return undefined;
    const first = rollback[0].line;
    const downLines = [];
    for (const r of rollback) {
        while (first + downLines.length < r.line)
            downLines.push('');
        downLines.push(r.sql);
    }
    return { file, sql: downLines.join('\n'), startLine: first };
}


/***/ })

};
