export const id = 603;
export const ids = [603,8];
export const modules = {

/***/ 165:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ci: () => (/* binding */ layoutNotes),
/* harmony export */   Fg: () => (/* binding */ startReport),
/* harmony export */   S9: () => (/* binding */ reportAnalysisErrors),
/* harmony export */   _g: () => (/* binding */ listPending),
/* harmony export */   kr: () => (/* binding */ reportPlanProblems)
/* harmony export */ });
/* harmony import */ var _db_identifiers_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1382);
/* harmony import */ var _model_report_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5235);
/* harmony import */ var _db_connect_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8008);



function startReport(command, config, url) {
    const target = url ? safeIdentity(url) : undefined;
    return { ...(0,_model_report_js__WEBPACK_IMPORTED_MODULE_0__/* .newReport */ .bQ)(command, config ? (0,_db_identifiers_js__WEBPACK_IMPORTED_MODULE_1__/* .tableText */ .qK)(config.historyTable) : '', target), root: config?.migrationsDir };
}
/** A URL that cannot be parsed names no target (the failure says why). */
function safeIdentity(url) {
    try {
        return (0,_db_connect_js__WEBPACK_IMPORTED_MODULE_2__.targetIdentity)(url);
    }
    catch {
        return undefined;
    }
}
function reportPlanProblems(report, problems) {
    for (const p of problems)
        (0,_model_report_js__WEBPACK_IMPORTED_MODULE_0__/* .addFinding */ .Xd)(report, { rule: p.rule, severity: 'error', message: p.message, help: p.help, file: p.file });
}
function reportAnalysisErrors(report, errors) {
    for (const { error } of errors) {
        (0,_model_report_js__WEBPACK_IMPORTED_MODULE_0__/* .addFinding */ .Xd)(report, {
            rule: error.details.sqlstate === '42601' ? 'syntax-error' : 'transaction-control',
            severity: 'error',
            message: error.message,
            help: error.details.hint,
            sqlstate: error.details.sqlstate,
            ...(0,_model_report_js__WEBPACK_IMPORTED_MODULE_0__/* .locationFields */ .nQ)(error.details.location),
        });
    }
}
function listPending(report, plan, analysed) {
    const modes = new Map(analysed.map((a) => [a.migration, a.exec]));
    report.pending = plan.pending.map((m) => {
        const exec = modes.get(m);
        return {
            version: m.version.text,
            name: m.name,
            file: m.up.file,
            transaction: exec ? exec.mode === 'transaction' : true,
            transactionNote: exec?.reason,
        };
    });
}
/**
 * What the history table's layout means for this run: whose table it is, and, when it has no place for a dirty
 * mark, which migrations outside a transaction would leave no trace there if they stopped midway.
 */
function layoutNotes(history, analysed) {
    if (history.layout.id === 'pg-migration-gate')
        return [];
    const notes = [`history table ${(0,_db_identifiers_js__WEBPACK_IMPORTED_MODULE_1__/* .tableText */ .qK)(history)} is ${history.layout.id}'s: rows are read and written as ${history.layout.id} does, so it still agrees`];
    const outside = analysed.filter((a) => a.exec.mode !== 'transaction').map((a) => a.migration.name);
    if (outside.length && !history.layout.marksDirty) {
        notes.push(`${history.layout.id}'s table has no dirty mark: ${outside.join(', ')} run${outside.length === 1 ? 's' : ''} outside a transaction and ${outside.length === 1 ? 'is' : 'are'} recorded only once finished; if one stops midway, inspect the database before the next run`);
    }
    return notes;
}


/***/ }),

/***/ 9776:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   I: () => (/* binding */ findingsFor)
/* harmony export */ });
/* harmony import */ var _db_connect_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8008);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _model_report_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5235);



/** What to do about server errors outside any migration (the history table, the lock, the catalogs). */
const SERVER_HINTS = {
    '42501': "the database user lacks a privilege this needs (creating or writing the history table, reading the catalogs): use the migration user, or GRANT it (e.g. CREATE on the history table's schema)",
    '25006': 'the server is read-only (a standby, or default_transaction_read_only): point database-url at the primary',
    '57': 'the server shut down or ended the session: check that it is up, then run again; the history table shows what was applied',
    '08': 'the connection was lost: run again; each migration either committed with its history row or not at all',
    '53': 'the server is out of a resource (disk, memory, connections): free it, then run again',
};
/** File-system calls whose failure is about the input (the folder, a file given), not about this tool. */
const FILE_CALLS = new Set(['open', 'read', 'lstat', 'stat', 'readlink', 'realpath', 'scandir', 'opendir', 'access']);
/** Errors of a socket, not of a file, even when they come from a read. */
const NETWORK_CODES = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED']);
const isSystemError = (e) => e instanceof Error && typeof e.code === 'string' && typeof e.syscall === 'string';
/**
 * Turns any error into findings: what happened, where, and what to do. The one place every door and step
 * sends an error it did not expect to handle itself, so no error leaves as a bare stack trace; `debug` adds it.
 */
function findingsFor(err, debug = false) {
    if (err instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz)
        return err.problems.map((message) => ({ rule: _model_report_js__WEBPACK_IMPORTED_MODULE_1__/* .INPUT_RULE */ .gG, severity: 'error', message }));
    if (err instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .StateError */ .qq)
        return err.problems.map((message) => ({ rule: 'database-state', severity: 'error', message }));
    if (err instanceof _db_connect_js__WEBPACK_IMPORTED_MODULE_2__.ConnectionError)
        return [{ rule: 'connection', severity: 'error', message: err.message }];
    if (err instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .MigrationError */ .Py) {
        return [{ rule: 'migration', severity: 'error', message: err.message, help: err.details.hint, sqlstate: err.details.sqlstate, ...(0,_model_report_js__WEBPACK_IMPORTED_MODULE_1__/* .locationFields */ .nQ)(err.details.location) }];
    }
    const pg = (0,_db_connect_js__WEBPACK_IMPORTED_MODULE_2__.loadedPg)();
    if (pg && err instanceof pg.DatabaseError && err.code) {
        return [{ rule: 'database-error', severity: 'error', sqlstate: err.code, message: err.message, help: SERVER_HINTS[err.code] ?? SERVER_HINTS[err.code.slice(0, 2)] }];
    }
    if (isSystemError(err) && NETWORK_CODES.has(err.code)) {
        return [{ rule: 'connection', severity: 'error', message: `the connection to the server was lost (${err.code})`, help: 'Check the network and the server, then run again; each migration either committed with its history row or not at all.' }];
    }
    if (isSystemError(err) && err.path && FILE_CALLS.has(err.syscall)) {
        return [{ rule: _model_report_js__WEBPACK_IMPORTED_MODULE_1__/* .INPUT_RULE */ .gG, severity: 'error', message: `${err.path ?? 'a file'}: ${describeErrno(err)}`, help: 'Fix or remove the file (a link that leads nowhere, a file this user cannot read), then run again; nothing was changed by this step.' }];
    }
    const e = err instanceof Error ? err : new Error(String(err));
    return [
        {
            rule: 'internal-error',
            severity: 'error',
            message: `${e.message}${debug && e.stack ? `\n${e.stack}` : ''}`,
            help: debug ? 'This is unexpected: please report it with the output above.' : 'This is unexpected: run again with debug output (RUNNER_DEBUG=1 in the action, --debug in the CLI) and report it.',
        },
    ];
}
function describeErrno(e) {
    switch (e.code) {
        case 'ELOOP':
        case 'ENOENT':
            return e.syscall === 'realpath' || e.code === 'ELOOP' ? 'is a link that leads nowhere (or in a loop)' : 'does not exist';
        case 'EACCES':
        case 'EPERM':
            return 'cannot be read by this user';
        case 'EISDIR':
            return 'is a folder where a file was expected';
        default:
            return `${e.code} (${e.syscall})`;
    }
}


/***/ }),

/***/ 3603:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  failedReport: () => (/* binding */ failedReport),
  needsDatabase: () => (/* binding */ needsDatabase),
  runCommand: () => (/* binding */ runCommand)
});

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/model/report.ts
var model_report = __webpack_require__(5235);
// EXTERNAL MODULE: ./src/commands/context.ts
var context = __webpack_require__(165);
// EXTERNAL MODULE: ./src/commands/failure.ts
var failure = __webpack_require__(9776);
// EXTERNAL MODULE: ./src/model/commands.ts
var commands = __webpack_require__(2727);
;// CONCATENATED MODULE: ./src/commands/table.ts
/**
 * How each command of model/commands.ts runs, loaded when chosen, so a run loads only its own command's
 * dependencies.
 */
const RUNNERS = {
    lint: async () => (await __webpack_require__.e(/* import() */ 653).then(__webpack_require__.bind(__webpack_require__, 2653))).lint,
    verify: async () => (await Promise.all(/* import() */[__webpack_require__.e(849), __webpack_require__.e(901), __webpack_require__.e(119), __webpack_require__.e(181), __webpack_require__.e(590), __webpack_require__.e(926), __webpack_require__.e(954), __webpack_require__.e(562)]).then(__webpack_require__.bind(__webpack_require__, 6181))).verify,
    plan: async () => (await Promise.all(/* import() */[__webpack_require__.e(119), __webpack_require__.e(590), __webpack_require__.e(483)]).then(__webpack_require__.bind(__webpack_require__, 4483))).plan,
    apply: async () => (await Promise.all(/* import() */[__webpack_require__.e(849), __webpack_require__.e(901), __webpack_require__.e(119), __webpack_require__.e(181), __webpack_require__.e(590), __webpack_require__.e(926), __webpack_require__.e(954), __webpack_require__.e(314)]).then(__webpack_require__.bind(__webpack_require__, 8314))).apply,
    backup: async () => (await Promise.all(/* import() */[__webpack_require__.e(119), __webpack_require__.e(181), __webpack_require__.e(709)]).then(__webpack_require__.bind(__webpack_require__, 5709))).backup,
    restore: async () => (await Promise.all(/* import() */[__webpack_require__.e(119), __webpack_require__.e(181), __webpack_require__.e(926), __webpack_require__.e(816)]).then(__webpack_require__.bind(__webpack_require__, 816))).restore,
};

;// CONCATENATED MODULE: ./src/commands/run.ts






/** Commands that work on a database; the CLI starts a throwaway server for them when none is given. */
function needsDatabase(command) {
    return commands/* COMMAND_INFO */.v[command].needsDatabase;
}
/**
 * Runs the configured command and always returns its report: whatever fails (the database cannot be reached or
 * is not in a state to proceed, a file cannot be read, something unexpected) becomes a finding of a failed
 * report, so the report file, outputs and summary exist in every case.
 */
async function runCommand(config, ctx) {
    try {
        if (commands/* COMMAND_INFO */.v[config.command].needsDatabase && !ctx.databaseUrl)
            throw new errors/* InputError */.dz([`database-url: required for command ${config.command}`]);
        return await (await RUNNERS[config.command]())(config, ctx);
    }
    catch (err) {
        return failedReport(config.command, err, { config, url: ctx.databaseUrl, debug: ctx.debug });
    }
}
/** A report for a run that failed before or outside its command's own reporting. */
function failedReport(command, err, o = {}) {
    const report = (0,context/* startReport */.Fg)(command, o.config, o.url);
    for (const f of (0,failure/* findingsFor */.I)(err, o.debug))
        (0,model_report/* addFinding */.Xd)(report, f);
    return report;
}


/***/ }),

/***/ 8008:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   APPLICATION_NAME: () => (/* binding */ APPLICATION_NAME),
/* harmony export */   ConnectionError: () => (/* binding */ ConnectionError),
/* harmony export */   connect: () => (/* binding */ connect),
/* harmony export */   loadedPg: () => (/* binding */ loadedPg),
/* harmony export */   targetIdentity: () => (/* binding */ targetIdentity),
/* harmony export */   withClient: () => (/* binding */ withClient)
/* harmony export */ });
const APPLICATION_NAME = 'pg-migration-gate';
/** host:port/database of a URL: identifies the target in plan hashes and reports, without credentials. */
function targetIdentity(url) {
    const u = new URL(url);
    return `${u.hostname || 'localhost'}:${u.port || '5432'}${u.pathname || '/'}`;
}
/** Thrown when the server cannot be reached or refuses us; says which server (redacted) and what to check. */
class ConnectionError extends Error {
    name = 'ConnectionError';
}
let pgModule;
/** The pg package, loaded on the first connection: commands that never connect (lint) start faster without it. */
async function loadPg() {
    return (pgModule ??= (await __webpack_require__.e(/* import() */ 849).then(__webpack_require__.bind(__webpack_require__, 3849))).default);
}
/** The pg package once a connection has loaded it; before that, no pg error can exist. */
function loadedPg() {
    return pgModule;
}
async function connect(url) {
    const pg = await loadPg();
    // Keepalives: a connection that holds the run's lock across a long migration must not be dropped as idle.
    const client = new pg.Client({ connectionString: url, application_name: APPLICATION_NAME, connectionTimeoutMillis: 15_000, keepAlive: true });
    // An idle client whose server goes away emits 'error'; without a listener that would crash the process.
    client.on('error', () => { });
    try {
        await client.connect();
    }
    catch (err) {
        await client.end().catch(() => { });
        const e = err;
        throw new ConnectionError(`could not connect to ${targetIdentity(url)}: ${e.message}${e.code ? ` (${e.code})` : ''}; check database-url (host, port, user, password, sslmode) and that the server accepts connections from this runner`, { cause: err });
    }
    return client;
}
/** Runs fn with a connected client and always closes it. */
async function withClient(url, fn) {
    const client = await connect(url);
    try {
        return await fn(client);
    }
    finally {
        await client.end().catch(() => { });
    }
}


/***/ }),

/***/ 1382:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Z8: () => (/* binding */ quoteTable),
/* harmony export */   qK: () => (/* binding */ tableText),
/* harmony export */   v4: () => (/* binding */ quoteIdent)
/* harmony export */ });
/** Quotes an identifier for SQL, doubling embedded quotes. */
function quoteIdent(name) {
    return `"${name.replace(/"/g, '""')}"`;
}
/** `"schema"."table"` or `"table"`. */
function quoteTable(t) {
    return t.schema ? `${quoteIdent(t.schema)}.${quoteIdent(t.table)}` : quoteIdent(t.table);
}
function tableText(t) {
    return t.schema ? `${t.schema}.${t.table}` : t.table;
}


/***/ })

};
