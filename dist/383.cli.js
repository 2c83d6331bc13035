export const id = 383;
export const ids = [383];
export const modules = {

/***/ 2383:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  failedReport: () => (/* binding */ failedReport),
  needsDatabase: () => (/* binding */ needsDatabase),
  runCommand: () => (/* binding */ runCommand)
});

// EXTERNAL MODULE: ./src/foundation/errors.ts
var errors = __webpack_require__(358);
// EXTERNAL MODULE: ./src/model/report.ts
var model_report = __webpack_require__(5235);
// EXTERNAL MODULE: ./src/engine/context.ts
var context = __webpack_require__(6173);
// EXTERNAL MODULE: ./src/engine/failure-findings.ts
var failure_findings = __webpack_require__(4255);
// EXTERNAL MODULE: ./src/model/commands.ts
var commands = __webpack_require__(2727);
;// CONCATENATED MODULE: ./src/commands/runners.ts
/**
 * How each command of model/commands.ts runs, loaded when chosen, so a run loads only its own command's
 * dependencies.
 */
const RUNNERS = {
    lint: async () => (await Promise.all(/* import() */[__webpack_require__.e(793), __webpack_require__.e(653)]).then(__webpack_require__.bind(__webpack_require__, 2653))).lint,
    verify: async () => (await Promise.all(/* import() */[__webpack_require__.e(849), __webpack_require__.e(901), __webpack_require__.e(230), __webpack_require__.e(549), __webpack_require__.e(922), __webpack_require__.e(529), __webpack_require__.e(748), __webpack_require__.e(793), __webpack_require__.e(368)]).then(__webpack_require__.bind(__webpack_require__, 9368))).verify,
    plan: async () => (await Promise.all(/* import() */[__webpack_require__.e(230), __webpack_require__.e(529), __webpack_require__.e(508)]).then(__webpack_require__.bind(__webpack_require__, 2508))).plan,
    apply: async () => (await Promise.all(/* import() */[__webpack_require__.e(849), __webpack_require__.e(901), __webpack_require__.e(230), __webpack_require__.e(549), __webpack_require__.e(922), __webpack_require__.e(529), __webpack_require__.e(748), __webpack_require__.e(314)]).then(__webpack_require__.bind(__webpack_require__, 8314))).apply,
    backup: async () => (await Promise.all(/* import() */[__webpack_require__.e(849), __webpack_require__.e(230), __webpack_require__.e(549), __webpack_require__.e(454)]).then(__webpack_require__.bind(__webpack_require__, 3454))).backup,
    restore: async () => (await Promise.all(/* import() */[__webpack_require__.e(230), __webpack_require__.e(549), __webpack_require__.e(922), __webpack_require__.e(816)]).then(__webpack_require__.bind(__webpack_require__, 816))).restore,
};

;// CONCATENATED MODULE: ./src/commands/run-command.ts






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
    // The command's code loads while the pooler check waits for the server.
    const runner = RUNNERS[config.command]();
    runner.catch(() => { });
    const checksPooling = commands/* COMMAND_INFO */.v[config.command].needsDatabase && !ctx.throwaway;
    try {
        if (commands/* COMMAND_INFO */.v[config.command].needsDatabase && !ctx.databaseUrl)
            throw new errors/* InputError */.dz([`database-url: required for command ${config.command}`]);
        // Before any command connects for real: a pooler that shares server sessions would break the run halfway.
        if (checksPooling)
            await (await __webpack_require__.e(/* import() */ 480).then(__webpack_require__.bind(__webpack_require__, 6480))).refuseSessionSharingPooler(ctx.databaseUrl);
        return await (await runner)(config, ctx);
    }
    catch (err) {
        return failedReport(config.command, err, { config, url: ctx.databaseUrl, debug: ctx.debug });
    }
    finally {
        // The pooler check's connection, if the command did not take it (see keepSpare).
        if (checksPooling)
            await (await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 4506))).dropSpare();
    }
}
/** A report for a run that failed before or outside its command's own reporting. */
function failedReport(command, err, o = {}) {
    const report = (0,context/* startReport */.Fg)(command, o.config, o.url);
    if (err instanceof errors.CancelledError)
        report.cancelled = err.reason;
    for (const f of (0,failure_findings/* findingsFor */.I)(err, o.debug))
        (0,model_report/* addFinding */.Xd)(report, f);
    return report;
}


/***/ }),

/***/ 801:
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


/***/ }),

/***/ 6173:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Fg: () => (/* binding */ startReport),
/* harmony export */   S9: () => (/* binding */ reportAnalysisErrors),
/* harmony export */   _S: () => (/* binding */ reportPlan)
/* harmony export */ });
/* harmony import */ var _db_session_identifiers_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(801);
/* harmony import */ var _model_report_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5235);
/* harmony import */ var _connection_conn_string_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(864);
/* harmony import */ var _connection_url_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7277);




function startReport(command, config, url) {
    const target = url ? safeIdentity(url) : undefined;
    const report = {
        ...(0,_model_report_js__WEBPACK_IMPORTED_MODULE_2__/* .newReport */ .bQ)(command, config ? (0,_db_session_identifiers_js__WEBPACK_IMPORTED_MODULE_3__/* .tableText */ .qK)(config.historyTable) : '', target),
        root: config?.migrationsDir,
    };
    const unchecked = url && uncheckedTls(url);
    if (unchecked)
        report.notes.push(unchecked);
    return report;
}
/**
 * sslmode=require without a CA file encrypts and checks nothing, as in psql: said once per report, since the
 * driver alone would have read it as a full check against Node's own CAs.
 */
function uncheckedTls(url) {
    try {
        const p = (0,_connection_conn_string_js__WEBPACK_IMPORTED_MODULE_0__/* .parseConnString */ .Rr)(url);
        if (p.sslmode !== 'require' || p.sslrootcert)
            return undefined;
    }
    catch {
        return undefined;
    }
    return "database-url: sslmode=require encrypts the connection but checks no certificate, as psql does: set sslrootcert to your provider's CA file (or system) and sslmode=verify-full to know it is your server";
}
/** A URL that cannot be parsed names no target (the failure says why). */
function safeIdentity(url) {
    try {
        return (0,_connection_url_js__WEBPACK_IMPORTED_MODULE_1__.targetIdentity)(url);
    }
    catch {
        return undefined;
    }
}
function reportPlanProblems(report, problems) {
    for (const p of problems)
        (0,_model_report_js__WEBPACK_IMPORTED_MODULE_2__/* .addFinding */ .Xd)(report, { rule: p.rule, severity: 'error', message: p.message, help: p.help, file: p.file });
}
function reportAnalysisErrors(report, errors) {
    for (const { error } of errors) {
        (0,_model_report_js__WEBPACK_IMPORTED_MODULE_2__/* .addFinding */ .Xd)(report, {
            rule: error.details.sqlstate === '42601' ? 'syntax-error' : 'transaction-control',
            severity: 'error',
            message: error.message,
            help: error.details.hint,
            sqlstate: error.details.sqlstate,
            ...(0,_model_report_js__WEBPACK_IMPORTED_MODULE_2__/* .locationFields */ .nQ)(error.details.location),
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
 * The plan as plan and apply both report it: the pending migrations and how each runs, what the history table's
 * layout means for the run, every problem of the plan and every file that cannot be analysed.
 */
function reportPlan(report, history, plan, analysed, errors) {
    listPending(report, plan, analysed);
    report.notes.push(...layoutNotes(history, analysed));
    reportPlanProblems(report, plan.problems);
    reportAnalysisErrors(report, errors);
}
/**
 * What the history table's layout means for this run: whose table it is, and, when it has no place for a dirty
 * mark, which migrations outside a transaction would leave no trace there if they stopped midway.
 */
function layoutNotes(history, analysed) {
    if (history.layout.id === 'pg-migration-gate')
        return [];
    const notes = [
        `history table ${(0,_db_session_identifiers_js__WEBPACK_IMPORTED_MODULE_3__/* .tableText */ .qK)(history)} is ${history.layout.id}'s: rows are read and written as ${history.layout.id} does, so it still agrees`,
    ];
    const outside = analysed.filter((a) => a.exec.mode !== 'transaction').map((a) => a.migration.name);
    if (outside.length && !history.layout.marksDirty) {
        notes.push(`${history.layout.id}'s table has no dirty mark: ${outside.join(', ')} run${outside.length === 1 ? 's' : ''} outside a transaction and ${outside.length === 1 ? 'is' : 'are'} recorded only once finished; if one stops midway, inspect the database before the next run`);
    }
    return notes;
}


/***/ }),

/***/ 4255:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   I: () => (/* binding */ findingsFor)
/* harmony export */ });
/* harmony import */ var _db_session_connect_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4506);
/* harmony import */ var _foundation_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(358);
/* harmony import */ var _model_report_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5235);



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
const NETWORK_CODES = new Set([
    'ECONNRESET',
    'EPIPE',
    'ETIMEDOUT',
    'ECONNREFUSED',
    'EHOSTUNREACH',
    'ENETUNREACH',
    'ECONNABORTED',
]);
const isSystemError = (e) => e instanceof Error && typeof e.code === 'string' && typeof e.syscall === 'string';
/**
 * Turns any error into findings: what happened, where, and what to do. The one place every door and step
 * sends an error it did not expect to handle itself, so no error leaves as a bare stack trace; `debug` adds it.
 */
function findingsFor(err, debug = false) {
    if (err instanceof _foundation_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz)
        return err.problems.map((message) => ({ rule: _model_report_js__WEBPACK_IMPORTED_MODULE_2__/* .INPUT_RULE */ .gG, severity: 'error', message }));
    if (err instanceof _foundation_errors_js__WEBPACK_IMPORTED_MODULE_1__.CancelledError)
        return [
            {
                rule: 'cancelled',
                severity: 'error',
                message: err.message,
                help: 'Run again when ready; what the cancelled step had started was stopped, on the server too.',
            },
        ];
    if (err instanceof _foundation_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .StateError */ .qq)
        return err.problems.map((message) => ({ rule: 'database-state', severity: 'error', message }));
    if (err instanceof _db_session_connect_js__WEBPACK_IMPORTED_MODULE_0__.ConnectionError)
        return [{ rule: 'connection', severity: 'error', message: err.message }];
    if (err instanceof _foundation_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .MigrationError */ .Py) {
        return [
            {
                rule: 'migration',
                severity: 'error',
                message: err.message,
                help: err.details.hint,
                sqlstate: err.details.sqlstate,
                ...(0,_model_report_js__WEBPACK_IMPORTED_MODULE_2__/* .locationFields */ .nQ)(err.details.location),
            },
        ];
    }
    if (err instanceof _foundation_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ToolError */ .v4)
        return [{ rule: 'tool-failed', severity: 'error', message: err.message, help: toolHint(err) }];
    const pg = (0,_db_session_connect_js__WEBPACK_IMPORTED_MODULE_0__.loadedPg)();
    if (pg && err instanceof pg.DatabaseError && err.code) {
        return [
            {
                rule: 'database-error',
                severity: 'error',
                sqlstate: err.code,
                message: err.message,
                help: SERVER_HINTS[err.code] ?? SERVER_HINTS[err.code.slice(0, 2)],
            },
        ];
    }
    if (isSystemError(err) && NETWORK_CODES.has(err.code)) {
        return [
            {
                rule: 'connection',
                severity: 'error',
                message: `the connection to the server was lost (${err.code})`,
                help: 'Check the network and the server, then run again; each migration either committed with its history row or not at all.',
            },
        ];
    }
    if (isSystemError(err) && err.path && FILE_CALLS.has(err.syscall)) {
        return [
            {
                rule: _model_report_js__WEBPACK_IMPORTED_MODULE_2__/* .INPUT_RULE */ .gG,
                severity: 'error',
                message: `${err.path ?? 'a file'}: ${describeErrno(err)}`,
                help: 'Fix or remove the file (a link that leads nowhere, a file this user cannot read), then run again; nothing was changed by this step.',
            },
        ];
    }
    const e = err instanceof Error ? err : new Error(String(err));
    return [
        {
            rule: 'internal-error',
            severity: 'error',
            message: `${e.message}${debug && e.stack ? `\n${e.stack}` : ''}`,
            help: debug
                ? 'This is unexpected: please report it with the output above.'
                : 'This is unexpected: run again with debug output (RUNNER_DEBUG=1 in the action, --debug in the CLI) and report it.',
        },
    ];
}
/** What to do about a tool's refusal, from what it said; the tool's own words are the message. */
const TOOL_HINTS = [
    [
        /server version mismatch|aborting because of server version/i,
        'pg_dump and pg_restore must be at least as new as the server: set pg-dump-path to a newer one, or pg-dump-docker: true to use the postgres:<major> image',
    ],
    [
        /permission denied|must be owner|must be superuser/i,
        "the database user lacks a privilege the tool needs (pg_dump reads every table and sequence): run it as the schema's owner, or grant pg_read_all_data",
    ],
    [
        /lock timeout|could not obtain lock/i,
        'another session held a lock on a table the tool reads for longer than backup-lock-timeout: run again when it has ended, or raise backup-lock-timeout',
    ],
    [/no space left on device/i, 'the disk holding backup-dir is full: free space or point backup-dir elsewhere'],
    [
        /could not connect|connection to server .* failed|timeout expired|server closed the connection/i,
        'the tool could not reach the server or lost it: check database-url and the network from this runner, then run again',
    ],
    [/out of memory|could not fork/i, 'the runner ran out of memory or processes: run again on a larger runner'],
];
/** The hint for what stopped the tool: its last error line first (earlier ones may be warnings it carried on after). */
function toolHint(e) {
    const last = e.said
        .split('\n')
        .filter((l) => /\b(error|fatal):/i.test(l))
        .at(-1);
    const match = (text) => TOOL_HINTS.find(([said]) => said.test(text))?.[1];
    return (last && match(last)) ?? match(e.said) ?? `${e.tool}'s own words are above; fix what it names, then run again`;
}
function describeErrno(e) {
    switch (e.code) {
        case 'ELOOP':
        case 'ENOENT':
            return e.syscall === 'realpath' || e.code === 'ELOOP'
                ? 'is a link that leads nowhere (or in a loop)'
                : 'does not exist';
        case 'EACCES':
        case 'EPERM':
            return 'cannot be read by this user';
        case 'EISDIR':
            return 'is a folder where a file was expected';
        default:
            return `${e.code} (${e.syscall})`;
    }
}


/***/ })

};
