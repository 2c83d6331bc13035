export const id = 508;
export const ids = [508];
export const modules = {

/***/ 92508:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  plan: () => (/* binding */ plan)
});

// EXTERNAL MODULE: ./src/db/session/connect.ts + 4 modules
var connect = __webpack_require__(34506);
// EXTERNAL MODULE: ./src/db/history/table.ts + 12 modules
var history_table = __webpack_require__(36704);
// EXTERNAL MODULE: ./src/db/session/identifiers.ts
var identifiers = __webpack_require__(70801);
// EXTERNAL MODULE: ./src/db/session/server-identity.ts
var server_identity = __webpack_require__(84297);
// EXTERNAL MODULE: ./src/migrations/analyse.ts
var analyse = __webpack_require__(77260);
// EXTERNAL MODULE: ./src/migrations/discover.ts
var discover = __webpack_require__(62986);
// EXTERNAL MODULE: ./src/migrations/make-plan.ts
var make_plan = __webpack_require__(28287);
// EXTERNAL MODULE: ./src/migrations/plan-hash.ts
var plan_hash = __webpack_require__(7723);
// EXTERNAL MODULE: ./src/engine/context.ts
var context = __webpack_require__(86173);
;// CONCATENATED MODULE: ./src/engine/plan-change.ts









/**
 * What an apply would do now, read-only: nothing is written and no lock is held. Reports the pending
 * migrations, every reason the apply would refuse, and the plan hash an approver pins.
 */
async function planChange(config, ctx) {
    const { migrations } = await (0,discover.readFolder)(config.migrationsDir, config.allowEmpty);
    const report = (0,context/* startReport */.Fg)('plan', config, ctx.databaseUrl);
    const { table, rows, identity } = await (0,connect.withClient)(ctx.databaseUrl, async (c) => {
        const t = await (0,history_table/* locateHistoryTable */.Bb)(c, config.historyTable);
        return { table: t, rows: await (0,history_table/* readHistory */.Lu)(c, t, migrations), identity: await (0,server_identity/* databaseIdentity */.C)(c) };
    });
    if (!rows)
        report.notes.push(`history table ${report.historyTable} does not exist yet; apply creates it`);
    const p = (0,make_plan/* makePlan */.C)(migrations, rows, { ...config, checksumsOf: (0,history_table/* checksumsOf */.Uw)(table) });
    const { analysed, errors } = await (0,analyse/* analyseAll */.F)(p.pending);
    (0,context/* reportPlan */._S)(report, table, p, analysed, errors);
    if (p.baseline.length)
        report.notes.push(`baseline: ${p.baseline.length} migration(s) up to ${config.baseline} would be recorded as applied without running`);
    report.planHash = (0,plan_hash/* planHash */.SH)(identity, (0,identifiers/* tableText */.qK)(config.historyTable), p);
    const unbound = (0,plan_hash/* unboundServerNote */.tA)(identity);
    if (unbound)
        report.notes.push(unbound);
    ctx.log.info(`${report.pending.length} pending migration(s); plan hash ${report.planHash}`);
    return report;
}

;// CONCATENATED MODULE: ./src/commands/plan.ts

/** The plan command: what an apply would do now, read-only (src/engine/plan-change.ts). */
function plan(config, ctx) {
    return planChange(config, ctx);
}


/***/ })

};
