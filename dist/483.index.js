export const id = 483;
export const ids = [483];
export const modules = {

/***/ 74483:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   plan: () => (/* binding */ plan)
/* harmony export */ });
/* harmony import */ var _db_connect_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(16923);
/* harmony import */ var _db_history_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(40119);
/* harmony import */ var _db_identifiers_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(31382);
/* harmony import */ var _db_server_identity_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(66658);
/* harmony import */ var _migrations_analyse_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(77260);
/* harmony import */ var _migrations_discover_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(62986);
/* harmony import */ var _migrations_plan_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(39422);
/* harmony import */ var _migrations_plan_hash_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(7723);
/* harmony import */ var _context_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(80165);









/**
 * What an apply would do now, read-only: nothing is written and no lock is held. Reports the pending
 * migrations, every reason the apply would refuse, and the plan hash an approver pins.
 */
async function plan(config, ctx) {
    const { migrations } = await (0,_migrations_discover_js__WEBPACK_IMPORTED_MODULE_3__.readFolder)(config.migrationsDir, config.allowEmpty);
    const report = (0,_context_js__WEBPACK_IMPORTED_MODULE_5__/* .startReport */ .Fg)('plan', config, ctx.databaseUrl);
    const { table, rows, identity } = await (0,_db_connect_js__WEBPACK_IMPORTED_MODULE_0__.withClient)(ctx.databaseUrl, async (c) => {
        const t = await (0,_db_history_js__WEBPACK_IMPORTED_MODULE_1__/* .locateHistoryTable */ .Bb)(c, config.historyTable);
        return { table: t, rows: await (0,_db_history_js__WEBPACK_IMPORTED_MODULE_1__/* .readHistory */ .Lu)(c, t, migrations), identity: await (0,_db_server_identity_js__WEBPACK_IMPORTED_MODULE_6__/* .databaseIdentity */ .C)(c) };
    });
    if (!rows)
        report.notes.push(`history table ${report.historyTable} does not exist yet; apply creates it`);
    const p = (0,_migrations_plan_js__WEBPACK_IMPORTED_MODULE_7__/* .makePlan */ .C)(migrations, rows, { ...config, checksumsOf: (0,_db_history_js__WEBPACK_IMPORTED_MODULE_1__/* .checksumsOf */ .Uw)(table) });
    const { analysed, errors } = await (0,_migrations_analyse_js__WEBPACK_IMPORTED_MODULE_2__/* .analyseAll */ .F)(p.pending);
    (0,_context_js__WEBPACK_IMPORTED_MODULE_5__/* .listPending */ ._g)(report, p, analysed);
    report.notes.push(...(0,_context_js__WEBPACK_IMPORTED_MODULE_5__/* .layoutNotes */ .Ci)(table, analysed));
    (0,_context_js__WEBPACK_IMPORTED_MODULE_5__/* .reportPlanProblems */ .kr)(report, p.problems);
    (0,_context_js__WEBPACK_IMPORTED_MODULE_5__/* .reportAnalysisErrors */ .S9)(report, errors);
    if (p.baseline.length)
        report.notes.push(`baseline: ${p.baseline.length} migration(s) up to ${config.baseline} would be recorded as applied without running`);
    report.planHash = (0,_migrations_plan_hash_js__WEBPACK_IMPORTED_MODULE_4__/* .planHash */ .SH)(identity, (0,_db_identifiers_js__WEBPACK_IMPORTED_MODULE_8__/* .tableText */ .qK)(config.historyTable), p);
    const unbound = (0,_migrations_plan_hash_js__WEBPACK_IMPORTED_MODULE_4__/* .unboundServerNote */ .tA)(identity);
    if (unbound)
        report.notes.push(unbound);
    ctx.log.info(`${report.pending.length} pending migration(s); plan hash ${report.planHash}`);
    return report;
}


/***/ })

};
