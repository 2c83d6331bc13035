export const id = 653;
export const ids = [653];
export const modules = {

/***/ 32653:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   lint: () => (/* binding */ lint)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _foundation_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(358);
/* harmony import */ var _lint_lint_files_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(99793);
/* harmony import */ var _migrations_names_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(41557);
/* harmony import */ var _migrations_sections_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(80984);
/* harmony import */ var _model_report_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(55235);
/* harmony import */ var _db_session_identifiers_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(70801);







const RANK = { info: 0, warning: 1, error: 2 };
async function serverVersion(url) {
    // Loaded only here: linting needs no database client unless it asks a server for its version.
    const { withClient } = await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 34506));
    return withClient(url, async (c) => Math.floor(Number((await c.query('SHOW server_version_num')).rows[0].server_version_num) / 10000));
}
function fromFolder(migrations, scope) {
    return migrations.map((m) => ({
        script: m.up,
        hasDown: !!m.down,
        version: m.version.text,
        noTransactionDirective: m.noTransactionDirective,
        runByThisTool: true,
        inScope: !scope || scope.has(m.up.file) || (!!m.down && scope.has(m.down.file)),
    }));
}
function fromPaths(paths) {
    return paths.map((file) => {
        let text;
        try {
            text = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(file, 'utf8');
        }
        catch (cause) {
            throw new _foundation_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz([`${file}: cannot be read (${cause.code}); check the path`], {
                cause,
            });
        }
        const { up, down, noTransaction } = (0,_migrations_sections_js__WEBPACK_IMPORTED_MODULE_4__/* .splitSections */ .n)(file, text);
        const name = (0,_migrations_names_js__WEBPACK_IMPORTED_MODULE_3__/* .matchFileName */ .XS)(file.split('/').pop());
        return {
            script: up,
            hasDown: !!down,
            version: name.kind === 'migration' ? name.version.text : undefined,
            noTransactionDirective: noTransaction,
            runByThisTool: false,
            inScope: true,
        };
    });
}
/**
 * Lints migrations with PostgreSQL's own parser: the discovered folder (on a pull request, only what changed
 * since base-ref), or files given by path. The run fails when a finding reaches fail-on.
 */
async function lint(config, ctx) {
    const report = (0,_model_report_js__WEBPACK_IMPORTED_MODULE_5__/* .newReport */ .bQ)('lint', (0,_db_session_identifiers_js__WEBPACK_IMPORTED_MODULE_6__/* .tableText */ .qK)(config.historyTable));
    let inputs;
    if (ctx.files?.length) {
        inputs = fromPaths(ctx.files);
    }
    else {
        // Loaded here: files given by path need neither the folder's discovery (checksums) nor git.
        const [{ readFolder }, { changedFiles }] = await Promise.all([
            __webpack_require__.e(/* import() */ 986).then(__webpack_require__.bind(__webpack_require__, 62986)),
            __webpack_require__.e(/* import() */ 611).then(__webpack_require__.bind(__webpack_require__, 10611)),
        ]);
        const { migrations } = await readFolder(config.migrationsDir, config.allowEmpty);
        report.root = config.migrationsDir;
        const scope = config.baseRef ? await changedFiles(config.baseRef, config.migrationsDir) : undefined;
        inputs = fromFolder(migrations, scope);
        if (scope)
            report.notes.push(`linted ${inputs.filter((i) => i.inScope).length} of ${inputs.length} migration(s): those added or changed since ${config.baseRef}`);
    }
    const postgresVersion = config.postgresVersion ?? (ctx.databaseUrl ? await serverVersion(ctx.databaseUrl) : _lint_lint_files_js__WEBPACK_IMPORTED_MODULE_2__/* .NEWEST_POSTGRES */ .b);
    const findings = await (0,_lint_lint_files_js__WEBPACK_IMPORTED_MODULE_2__/* .lintFiles */ .j)(inputs, { postgresVersion, disabled: new Set(config.disabledRules) });
    const threshold = config.failOn === 'never' ? Infinity : RANK[config.failOn];
    for (const f of findings)
        (0,_model_report_js__WEBPACK_IMPORTED_MODULE_5__/* .addFinding */ .Xd)(report, f);
    report.ok = findings.every((f) => RANK[f.severity] < threshold);
    ctx.log.info(`linted ${inputs.filter((i) => i.inScope).length} file(s) for PostgreSQL ${postgresVersion}: ${findings.length} finding(s)`);
    return report;
}


/***/ }),

/***/ 41557:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   PP: () => (/* binding */ matchFolderName),
/* harmony export */   XS: () => (/* binding */ matchFileName),
/* harmony export */   j1: () => (/* binding */ isGoMigration),
/* harmony export */   sv: () => (/* binding */ versionFromName)
/* harmony export */ });
/* harmony import */ var _version_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(90233);

// Timestamp versions come first in each alternation so `20240119_143000_x` is not read as version 20240119.
const VERSION = String.raw `(\d{8}_\d{6}|\d+)`;
const SINGLE = new RegExp(String.raw `^${VERSION}(?:_(.+))?\.sql$`);
const UP_DOWN = new RegExp(String.raw `^${VERSION}(?:_(.+?))?\.(up|down)\.sql$`);
const FLYWAY = /^([VU])(\d+(?:[._]\d+)*)__(.+)\.sql$/;
const POSTGRATOR = /^(\d+)\.(do|undo)(?:\.(.+))?\.sql$/;
const FOLDER = /^(\d{4}-\d{2}-\d{2}-\d{6}|\d{8}_\d{6}|\d+)(?:_(.+))?$/;
// goose's Go migrations sit beside its SQL ones under the same version scheme; goose skips _test.go files.
const GO_MIGRATION = /^\d+_.+(?<!_test)\.go$/;
/** True for a goose Go migration (`00002_backfill.go`): code only goose can run. */
function isGoMigration(name) {
    return GO_MIGRATION.test(name);
}
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
    const postgrator = POSTGRATOR.exec(name);
    if (postgrator) {
        return {
            kind: 'migration',
            layout: 'up-down-files',
            version: (0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .makeVersion */ .tq)(postgrator[1]),
            description: postgrator[3] ?? '',
            role: postgrator[2] === 'do' ? 'up' : 'down',
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
