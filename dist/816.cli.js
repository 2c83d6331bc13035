export const id = 816;
export const ids = [816];
export const modules = {

/***/ 816:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   restore: () => (/* binding */ restore)
/* harmony export */ });
/* harmony import */ var _engine_restore_database_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8720);

/** The restore command: a backup put back, guarded against undoing other sessions' work (src/engine/restore-database.ts). */
function restore(config, ctx) {
    return (0,_engine_restore_database_js__WEBPACK_IMPORTED_MODULE_0__/* .restoreDatabase */ .C)(config, ctx);
}


/***/ }),

/***/ 8720:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C: () => (/* binding */ restoreDatabase),
/* harmony export */   t: () => (/* binding */ locateDump)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _backup_restore_guard_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(740);
/* harmony import */ var _backup_restore_backup_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(7539);
/* harmony import */ var _backup_system_privileges_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(862);
/* harmony import */ var _db_session_own_session_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(8280);
/* harmony import */ var _foundation_errors_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(358);
/* harmony import */ var _model_report_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(5235);
/* harmony import */ var _context_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(6173);










/** The dump to restore: a file, or the dump of an artifact downloaded from this run or another. */
async function locateDump(source, ctx) {
    if (source.file)
        return source.file;
    if (!source.artifact)
        throw new _foundation_errors_js__WEBPACK_IMPORTED_MODULE_7__/* .InputError */ .dz(['restore: set backup-file (a dump with its .json beside it) or backup-artifact']);
    if (!ctx.artifacts)
        throw new _foundation_errors_js__WEBPACK_IMPORTED_MODULE_7__/* .InputError */ .dz([
            `'${source.artifact}': artifacts are only reachable inside GitHub Actions; download it and give the dump file instead`,
        ]);
    const dir = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdtempSync)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)((0,node_os__WEBPACK_IMPORTED_MODULE_1__.tmpdir)(), 'pmg-restore-'));
    const from = source.runId
        ? { runId: source.runId, owner: ctx.artifacts.owner, repo: ctx.artifacts.repo, token: ctx.githubToken ?? '' }
        : undefined;
    if (from && !from.token)
        throw new _foundation_errors_js__WEBPACK_IMPORTED_MODULE_7__/* .InputError */ .dz(["backup-run-id: reading another run's artifacts needs github-token with actions: read"]);
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
async function restoreDatabase(config, ctx) {
    const report = (0,_context_js__WEBPACK_IMPORTED_MODULE_8__/* .startReport */ .Fg)('restore', config, ctx.databaseUrl);
    const dump = await locateDump({
        file: config.backupFile,
        artifact: config.backupArtifact,
        runId: config.backupRunId,
        identity: config.backupIdentity,
    }, ctx);
    let verdict;
    const check = (m, at) => (0,_db_session_own_session_js__WEBPACK_IMPORTED_MODULE_6__/* .withOwnClient */ .mG)(ctx.databaseUrl, (c) => (0,_backup_restore_guard_js__WEBPACK_IMPORTED_MODULE_3__/* .checkRestore */ .Di)(c, m, {
        discardWrites: config.restoreDiscardsWrites,
        otherDatabase: config.restoreToOtherDatabase,
        historyTable: config.historyTable,
        quick: !at.locked,
        restoreSession: at.session,
        signal: ctx.signal,
    }));
    try {
        const m = await (0,_backup_restore_backup_js__WEBPACK_IMPORTED_MODULE_4__/* .restoreBackup */ .d)(ctx.databaseUrl, dump, config.pgDumpPath, {
            lockTimeoutMs: config.backupLockTimeoutMs,
            signal: ctx.signal,
            beforeRestore: async (metadata, at) => {
                verdict = await check(metadata, at);
                if (verdict.refusals.length)
                    throw new _backup_restore_guard_js__WEBPACK_IMPORTED_MODULE_3__/* .RestoreRefused */ .HQ(verdict);
            },
        });
        report.notes.push(`restored ${m.file} (sha256 ${m.sha256}, taken ${m.createdAt} from ${m.database}${m.lastApplied ? `, newest migration then ${m.lastApplied.name}` : ''})`, ...verdict.notes);
        const leftOut = (0,_backup_system_privileges_js__WEBPACK_IMPORTED_MODULE_5__/* .systemPrivilegesNote */ .i)(m.systemPrivilegesLeftOut);
        if (leftOut)
            report.notes.push(leftOut);
    }
    catch (err) {
        if (!(err instanceof _backup_restore_guard_js__WEBPACK_IMPORTED_MODULE_3__/* .RestoreRefused */ .HQ))
            throw err;
        (0,_model_report_js__WEBPACK_IMPORTED_MODULE_9__/* .addFinding */ .Xd)(report, {
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


/***/ })

};
