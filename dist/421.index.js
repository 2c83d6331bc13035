export const id = 421;
export const ids = [421];
export const modules = {

/***/ 65421:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  K: () => (/* binding */ applyMigrations),
  w: () => (/* binding */ productionApply)
});

// EXTERNAL MODULE: ./src/backup/restore-backup.ts
var restore_backup = __webpack_require__(72079);
// EXTERNAL MODULE: ./src/db/transaction.ts
var transaction = __webpack_require__(92562);
;// CONCATENATED MODULE: ./src/db/objects.ts

/**
 * The user objects of a database, each as the statement that drops it: tables, views, materialized views,
 * sequences not owned by a column, types, functions and schemas. Names are quoted by the server (format %I).
 */
const OBJECTS = `
  SELECT format('DROP %s IF EXISTS %I.%I CASCADE', CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END, n.nspname, c.relname) AS drop
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND NOT c.relispartition
     AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i', 'e'))
     AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
  UNION ALL
  SELECT format('DROP TYPE IF EXISTS %I.%I CASCADE', n.nspname, t.typname)
    FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
   WHERE (t.typtype IN ('e', 'd') OR (t.typtype = 'c' AND (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c'))
     AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = t.oid AND d.deptype = 'e')
     AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
  UNION ALL
  SELECT format('DROP %s IF EXISTS %I.%I(%s) CASCADE', CASE p.prokind WHEN 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END, n.nspname, p.proname, pg_get_function_identity_arguments(p.oid))
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
   WHERE p.prokind IN ('f', 'p') AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
     AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
  UNION ALL
  SELECT format('DROP SCHEMA IF EXISTS %I CASCADE', n.nspname) FROM pg_namespace n
   WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'public') AND n.nspname NOT LIKE 'pg\\_%'
     AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = n.oid AND d.deptype = 'e')`;
async function userObjects(client) {
    return new Set((await client.query(OBJECTS)).rows.map((r) => r.drop));
}
/**
 * Drops, in one transaction, the objects that exist now but did not in `before`: what a failed run created
 * after its backup was taken, which restoring that backup does not remove. Returns the statements it ran.
 */
async function dropCreatedSince(client, before) {
    const extra = [...(await userObjects(client))].filter((d) => !before.has(d));
    if (!extra.length)
        return [];
    await (0,transaction/* withTransaction */.r)(client, async () => {
        for (const statement of extra)
            await client.query(statement);
    });
    return extra;
}

// EXTERNAL MODULE: ./src/model/report.ts
var model_report = __webpack_require__(55235);
// EXTERNAL MODULE: ./src/backup/take-backup.ts
var take_backup = __webpack_require__(90414);
// EXTERNAL MODULE: ./src/commands/backup.ts + 1 modules
var backup = __webpack_require__(45709);
// EXTERNAL MODULE: ./src/db/identifiers.ts
var identifiers = __webpack_require__(31382);
;// CONCATENATED MODULE: ./src/db/preflight.ts

/** Every table name a statement mentions (RangeVar nodes), schema-qualified when written so. */
function tablesOf(node, out) {
    if (Array.isArray(node))
        for (const n of node)
            tablesOf(n, out);
    else if (node && typeof node === 'object') {
        const n = node;
        if (typeof n.relname === 'string')
            out.add(n.schemaname ? `${(0,identifiers/* quoteIdent */.v4)(n.schemaname)}.${(0,identifiers/* quoteIdent */.v4)(n.relname)}` : (0,identifiers/* quoteIdent */.v4)(n.relname));
        for (const v of Object.values(n))
            tablesOf(v, out);
    }
    return out;
}
/**
 * Sessions that would block the pending migrations: holding any lock on a table they touch while idle in a
 * transaction, or inside a transaction older than `olderThanSeconds`. A migration's ACCESS EXCLUSIVE lock would
 * queue behind them, and every query on the table behind it.
 */
async function blockingSessions(client, analysed, olderThanSeconds = 60) {
    const names = new Set();
    for (const a of analysed)
        for (const s of a.exec.statements)
            tablesOf(s.node, names);
    if (!names.size)
        return [];
    const r = await client.query(`SELECT a.pid, a.state, l.relation::regclass::text AS relation, l.mode,
            coalesce(extract(epoch FROM now() - a.xact_start), 0)::int AS age, left(coalesce(a.query, ''), 200) AS query
       FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
      WHERE l.locktype = 'relation' AND l.granted AND a.pid <> pg_backend_pid()
        AND l.relation = ANY (SELECT to_regclass(n) FROM unnest($1::text[]) n WHERE to_regclass(n) IS NOT NULL)
        AND (a.state LIKE 'idle in transaction%' OR now() - a.xact_start > make_interval(secs => $2))
      ORDER BY age DESC`, [[...names], olderThanSeconds]);
    return r.rows.map((x) => ({ pid: x.pid, state: x.state, relation: x.relation, mode: x.mode, transactionAgeSeconds: x.age, query: x.query }));
}
/**
 * Invalid indexes a pending migration creates CONCURRENTLY: left by an earlier attempt that failed half-way,
 * they would make `CREATE INDEX CONCURRENTLY IF NOT EXISTS` skip the build and leave the index unusable.
 */
async function leftoverInvalidIndexes(client, analysed) {
    const names = analysed.flatMap((a) => a.exec.statements.filter((s) => s.kind === 'IndexStmt' && s.node.concurrent && s.node.idxname).map((s) => s.node.idxname));
    if (!names.length)
        return [];
    const r = await client.query(`SELECT format('%I.%I', n.nspname, c.relname) AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace WHERE NOT i.indisvalid AND c.relname = ANY($1::text[])`, [names]);
    return r.rows.map((x) => x.name);
}
/** Drops an invalid index without blocking writes; the client must not be inside a transaction. */
async function dropInvalidIndex(client, qualifiedName) {
    await client.query(`DROP INDEX CONCURRENTLY IF EXISTS ${qualifiedName}`);
}

;// CONCATENATED MODULE: ./src/apply/safety.ts





/** A backup of the run's target, labelled and uploaded beside the run's other backups. */
function backupOf(run, label) {
    const { config, ctx } = run;
    const suffix = label === 'pre-apply' ? '' : '-post';
    return (0,take_backup/* takeBackup */.a)(ctx.databaseUrl, {
        label,
        dir: config.backupDir ?? ctx.backupDir,
        historyTable: config.historyTable,
        pgDumpPath: config.pgDumpPath,
        pgDumpDocker: config.pgDumpDocker,
        recipients: config.backupRecipients,
        planHash: run.report.planHash,
        artifact: ctx.artifacts && { store: ctx.artifacts.store, name: `${(0,backup.backupArtifactName)(config, ctx.databaseUrl, ctx.artifacts)}${suffix}`, retentionDays: config.retentionDays },
    });
}
/** The plan is sound, and is the one approved (expected-plan): otherwise nothing is changed. */
async function checkPlan(run) {
    const { config, report } = run;
    if (!report.ok)
        return false;
    if (config.expectedPlan && report.planHash !== config.expectedPlan) {
        (0,model_report/* addFinding */.Xd)(report, {
            rule: 'plan-mismatch',
            severity: 'error',
            message: `the plan is ${report.planHash}, not the approved ${config.expectedPlan}: a migration was added or edited after approval, or the database moved on; nothing was changed`,
            help: 'Run the plan job again, review the new plan, and approve that one.',
        });
        return false;
    }
    return true;
}
/** Sessions that would block the migrations: reported, and with preflight: strict, the run does not start. */
async function preflight(run) {
    const { config, report } = run;
    if (!run.analysed.length)
        return true;
    const sessions = await blockingSessions(run.client, run.analysed);
    for (const s of sessions) {
        (0,model_report/* addFinding */.Xd)(report, {
            rule: 'blocking-session',
            severity: config.preflight === 'strict' ? 'error' : 'warning',
            message: `pid ${s.pid} (${s.state}, transaction open ${s.transactionAgeSeconds} s) holds ${s.mode} on ${s.relation}: a migration locking ${s.relation} would wait behind it, and queries behind the migration: ${s.query}`,
            help: 'Let it finish or end it (SELECT pg_terminate_backend(pid)) before applying; preflight: strict refuses to start while such sessions exist.',
        });
    }
    return !(config.preflight === 'strict' && sessions.length);
}
/** A verified backup before anything is written; no backup, no apply (unless backup: false). */
async function backupFirst(run) {
    const { config, ctx, report } = run;
    if (!run.analysed.length)
        return true;
    if (!config.backup)
        report.notes.push('backup: false — no backup was taken before applying');
    else if (ctx.throwaway)
        report.notes.push('no backup: the database is a throwaway server');
    else {
        try {
            report.backup = await backupOf(run, 'pre-apply');
            ctx.log.info(`backup taken: ${report.backup.path} (${report.backup.size} bytes, sha256 ${report.backup.sha256})`);
        }
        catch (err) {
            (0,model_report/* addFinding */.Xd)(report, { rule: 'backup-failed', severity: 'error', message: `no migration was applied because the backup failed: ${err.message}`, help: 'Fix the backup (pg_dump version, backup-dir, artifact upload), or set backup: false deliberately.' });
            return false;
        }
    }
    if (config.onFailure === 'restore')
        run.objectsBefore = await userObjects(run.client);
    return true;
}
/** Invalid indexes an earlier failed CREATE INDEX CONCURRENTLY left: dropped, so they are built again. */
async function dropLeftoverIndexes(run) {
    for (const index of await leftoverInvalidIndexes(run.client, run.analysed)) {
        await dropInvalidIndex(run.client, index);
        run.report.notes.push(`dropped the invalid index ${index} left by an earlier failed CREATE INDEX CONCURRENTLY, so it is built again`);
    }
    return true;
}

;// CONCATENATED MODULE: ./src/apply/aftercare.ts




/** The health check: must succeed, and a returned row's first column must be true. */
async function healthCheck(run) {
    const { config, report } = run;
    if (!report.applied.length || !config.healthCheck)
        return true;
    let problem;
    try {
        const r = await run.client.query(config.healthCheck);
        const rows = Array.isArray(r) ? r[r.length - 1].rows : r.rows;
        const first = rows[0] ? Object.values(rows[0])[0] : true;
        if (first !== true)
            problem = `it returned ${JSON.stringify(first)}, not true`;
    }
    catch (err) {
        problem = err.message;
    }
    if (problem)
        (0,model_report/* addFinding */.Xd)(report, { rule: 'health-check-failed', severity: 'error', message: `the health check failed after the migrations: ${problem}`, help: 'The migrations are applied; check the application, and restore the backup if the database is not usable.' });
    else
        report.notes.push('health check passed');
    return !problem;
}
/** A backup of the migrated database, the new baseline. */
async function postBackup(run) {
    const { config, ctx, report } = run;
    if (!report.applied.length || !config.postBackup || !config.backup || ctx.throwaway)
        return true;
    report.postBackup = await backupOf(run, 'post-apply');
    report.notes.push(`post-migration backup: ${report.postBackup.path} (sha256 ${report.postBackup.sha256})`);
    return true;
}
/** After a failure: with on-failure: restore, the pre-apply backup is restored; the report names the backup. */
async function onFailure(run) {
    const { config, report } = run;
    if (config.onFailure === 'restore' && report.backup) {
        await (0,restore_backup/* restoreBackup */.d)(run.ctx.databaseUrl, report.backup.path, config.pgDumpPath);
        const dropped = run.objectsBefore ? await dropCreatedSince(run.client, run.objectsBefore) : [];
        report.notes.push(`on-failure: restore — the pre-apply backup ${report.backup.path} was restored${dropped.length ? ` and the ${dropped.length} object(s) this run had created were dropped (${dropped.join('; ')})` : ''}; the database and its history are as they were before this run`);
    }
    if (report.backup)
        report.notes.push(`the pre-apply backup is ${report.backup.artifactName ? `artifact ${report.backup.artifactName}, ` : ''}${report.backup.path}: ${report.backup.restore}`);
}

// EXTERNAL MODULE: ./src/db/history.ts
var db_history = __webpack_require__(53966);
// EXTERNAL MODULE: ./src/db/runner.ts + 2 modules
var runner = __webpack_require__(62199);
// EXTERNAL MODULE: ./src/db/session.ts
var db_session = __webpack_require__(59750);
;// CONCATENATED MODULE: ./src/db/settle.ts

/**
 * Applies the plan's bookkeeping before any migration runs, in one transaction: accepted edits and adopted
 * rows get the file's checksum, a resolved dirty row is cleared or marked done, baseline rows are recorded.
 * Returns one sentence per change for the report.
 */
async function settleHistory(client, table, plan, appliedBy) {
    const notes = [];
    for (const { migration, row } of plan.accepted) {
        await (0,db_history/* setChecksum */.SA)(client, table, row.id, migration.checksum);
        notes.push(`accepted the edit of ${migration.up.file}: recorded checksum ${row.checksum} replaced by ${migration.checksum}`);
    }
    for (const { migration, row } of plan.unverified)
        await (0,db_history/* setChecksum */.SA)(client, table, row.id, migration.checksum);
    if (plan.unverified.length)
        notes.push(`recorded checksums for ${plan.unverified.length} migration(s) adopted without one`);
    if (plan.resolved) {
        const { row, as } = plan.resolved;
        if (as === 'rerun')
            await (0,db_history/* deleteRow */.aR)(client, table, row.id);
        else
            await (0,db_history/* markClean */.J8)(client, table, row.id, row.executionMs ?? 0);
        notes.push(`dirty migration ${row.name} resolved as ${as === 'rerun' ? 'undone: it runs again' : 'finished by hand: marked applied'}`);
    }
    for (const migration of plan.baseline) {
        await (0,db_history/* insertRow */.Il)(client, table, { migration, appliedBy: `${appliedBy} (baseline)`, dirty: false });
    }
    if (plan.baseline.length)
        notes.push(`baseline: recorded ${plan.baseline.length} migration(s) as applied without running them`);
    return notes;
}

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
;// CONCATENATED MODULE: ./src/apply/run-pending.ts









/** Creates or adopts the history table and records the plan's bookkeeping (accepted edits, baseline, …). */
async function prepareHistory(run) {
    const { client, history, report } = run;
    const state = await (0,transaction/* withTransaction */.r)(client, () => (0,db_history/* ensureHistoryTable */.r0)(client, history));
    if (state !== 'ready')
        report.notes.push(`history table ${(0,identifiers/* tableText */.qK)(history)} ${state === 'created' ? 'created' : 'adopted: columns added, rows kept'}`);
    report.notes.push(...(await (0,transaction/* withTransaction */.r)(client, () => settleHistory(client, history, run.plan, run.ctx.appliedBy))));
    return true;
}
/** Who holds the locks a migration waited for, to name in its failure. */
async function blockers(client, a) {
    const sessions = await blockingSessions(client, [a], 0).catch(() => []);
    if (!sessions.length)
        return '';
    return `; blocked by ${sessions
        .slice(0, 3)
        .map((s) => `pid ${s.pid} (${s.state}, ${s.mode} on ${s.relation}, transaction open ${s.transactionAgeSeconds} s): ${s.query}`)
        .join('; ')}`;
}
/**
 * Runs the pending migrations in order, each on a session as fresh as psql -f's, stopping at the first failure:
 * it rolls back (or stays dirty, if it ran outside a transaction); what ran before it stays applied and recorded.
 */
async function runPending(run) {
    if (!run.analysed.length)
        return true;
    const session = await db_session/* MigrationSession */.P.open(run.ctx.databaseUrl, run.lockKey);
    try {
        await run.ctx.log.group(`apply ${run.analysed.length} migration(s)`, () => runEach(run, session));
    }
    finally {
        await session.close();
    }
    return run.report.ok;
}
async function runEach(run, session) {
    const { config, ctx, report } = run;
    const record = { table: run.history, appliedBy: ctx.appliedBy, control: run.client };
    for (const a of run.analysed) {
        const { migration, exec } = a;
        try {
            const r = await (0,runner/* runMigration */.GD)(session, migration, exec, { ...config, record }, ctx.log);
            report.applied.push({ version: migration.version.text, name: migration.name, durationMs: r.durationMs, transaction: exec.mode === 'transaction', attempts: r.attempts });
            ctx.log.info(`applied ${migration.name} in ${r.durationMs} ms${exec.mode === 'transaction' ? '' : ' (no transaction)'}`);
        }
        catch (err) {
            if (!(err instanceof errors/* MigrationError */.Py))
                throw err;
            if (err.details.sqlstate === '55P03')
                err.message += await blockers(run.client, a);
            (0,model_report/* addFinding */.Xd)(report, {
                rule: 'apply-failed',
                severity: 'error',
                message: `${migration.name} failed: ${err.message}${exec.mode === 'transaction' ? ' — rolled back' : ' — it ran outside a transaction and is marked dirty'}`,
                help: err.details.hint,
                sqlstate: err.details.sqlstate,
                ...(0,model_report/* locationFields */.nQ)(err.details.location),
            });
            report.notes.push(report.applied.length ? `this run applied ${report.applied.length} migration(s) before the failure; they stay applied and recorded` : 'nothing was applied by this run');
            return;
        }
    }
}

// EXTERNAL MODULE: ./src/db/advisory-lock.ts
var advisory_lock = __webpack_require__(73511);
// EXTERNAL MODULE: ./src/db/connect.ts
var connect = __webpack_require__(68008);
// EXTERNAL MODULE: ./src/migrations/analyse.ts
var analyse = __webpack_require__(77260);
// EXTERNAL MODULE: ./src/migrations/discover.ts + 2 modules
var discover = __webpack_require__(43346);
// EXTERNAL MODULE: ./src/migrations/plan.ts
var migrations_plan = __webpack_require__(39422);
// EXTERNAL MODULE: ./src/commands/context.ts
var context = __webpack_require__(80165);
;// CONCATENATED MODULE: ./src/apply/run.ts








/**
 * Opens a run: connects, finds the history table, takes the session-level advisory lock, and makes the plan from a
 * read-only look at the history, so nothing is written before every file is known to be sound. `steps` runs
 * inside the lock; the lock and the connection are released however it ends.
 */
async function withApplyRun(config, ctx, steps) {
    const { migrations } = (0,discover/* discover */.k)(config.migrationsDir);
    const report = (0,context/* startReport */.Fg)('apply', config, ctx.databaseUrl);
    return (0,connect/* withClient */.SV)(ctx.databaseUrl, async (client) => {
        const history = await (0,db_history/* locateHistoryTable */.Bb)(client, config.historyTable);
        const key = (0,advisory_lock/* lockKey */.TL)((0,identifiers/* quoteTable */.Z8)(history));
        return (0,advisory_lock/* withAdvisoryLock */.bL)(client, key, config.lockWaitMs, async () => {
            const plan = (0,migrations_plan/* makePlan */.C)(migrations, await (0,db_history/* readHistory */.Lu)(client, history), config);
            report.planHash = (0,migrations_plan/* planHash */.S)((0,connect/* targetIdentity */.C7)(ctx.databaseUrl), (0,identifiers/* tableText */.qK)(config.historyTable), plan);
            const { analysed, errors } = await (0,analyse/* analyseAll */.F)(plan.pending);
            (0,context/* listPending */._g)(report, plan, analysed);
            (0,context/* reportPlanProblems */.kr)(report, plan.problems);
            (0,context/* reportAnalysisErrors */.S9)(report, errors);
            await steps({ config, ctx, client, history, lockKey: key, plan, analysed, report });
            return report;
        });
    });
}

;// CONCATENATED MODULE: ./src/apply/pipeline.ts




async function inOrder(run, steps) {
    for (const step of steps)
        if (!(await step(run)))
            return;
}
/**
 * The engine alone: the plan, then the pending migrations in order under the advisory lock, each recorded in the
 * history table. Any drift, missing, dirty or out-of-order migration, or any pending file that cannot run, stops
 * the run before anything is written. Verify's restore drill, the benchmark and the tests use it.
 */
function applyMigrations(config, ctx) {
    return withApplyRun(config, ctx, (run) => inOrder(run, [async (r) => r.report.ok, prepareHistory, runPending]));
}
/**
 * The production apply, as the runbooks list it, every step inside the advisory lock so no other run slips in
 * between: plan check (sound, and the approved one) -> pre-flight -> verified backup -> history table ->
 * migrations -> health check -> post-migration backup; after a failure, on-failure (restore, or keep what
 * applied) and the backup named. The gate (a protected environment, or the CLI's confirmation) is passed
 * before this starts.
 */
function productionApply(config, ctx) {
    return withApplyRun(config, ctx, async (base) => {
        const run = { ...base, ctx };
        await inOrder(run, [checkPlan, preflight, backupFirst, dropLeftoverIndexes, prepareHistory, runPending, healthCheck, postBackup]);
        if (!run.report.ok)
            await onFailure(run);
    });
}


/***/ }),

/***/ 89794:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Q3: () => (/* binding */ sha256File),
/* harmony export */   hk: () => (/* binding */ checkDump),
/* harmony export */   m3: () => (/* binding */ dumpDatabase),
/* harmony export */   nE: () => (/* binding */ restoreDump),
/* harmony export */   qI: () => (/* binding */ runTool)
/* harmony export */ });
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(31421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _pg_tools_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(80179);




/** Runs a PostgreSQL client tool; its output streams to files, never through this process's memory. */
function runTool(tool, args, env) {
    return new Promise((resolve, reject) => {
        const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(tool.path, [...(tool.prefix ?? []), ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        let err = '';
        child.stdout.on('data', (d) => {
            if (out.length < 1_000_000)
                out += d;
        });
        child.stderr.on('data', (d) => {
            if (err.length < 100_000)
                err += d;
        });
        child.on('error', reject);
        child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${(tool.prefix?.at(-1) ?? tool.path).split('/').pop()} exited with ${code}: ${err.trim() || '(no message)'}`))));
    });
}
/** pg_dump in custom format (compressed) straight to `file`. */
async function dumpDatabase(pgDump, url, file) {
    const { dbname, env } = (0,_pg_tools_js__WEBPACK_IMPORTED_MODULE_3__/* .libpqArgs */ .sY)(url);
    await runTool(pgDump, ['--format=custom', '--no-password', `--file=${file}`, `--dbname=${dbname}`], env);
}
/** pg_restore --list: the dump's table of contents can be read, entry by entry. Returns the entry count. */
async function checkDump(pgRestore, file) {
    const list = await runTool(pgRestore, ['--list', file], process.env);
    return list.split('\n').filter((l) => /^\d+;/.test(l)).length;
}
/** sha256 of a file, streamed. */
function sha256File(file) {
    return new Promise((resolve, reject) => {
        const hash = (0,node_crypto__WEBPACK_IMPORTED_MODULE_1__.createHash)('sha256');
        (0,node_fs__WEBPACK_IMPORTED_MODULE_2__.createReadStream)(file)
            .on('data', (d) => hash.update(d))
            .on('error', reject)
            .on('end', () => resolve(hash.digest('hex')));
    });
}
/**
 * pg_restore into an existing database: objects are dropped first (--clean --if-exists), the first error stops
 * it, and the whole restore is one transaction, so a failed restore changes nothing.
 */
async function restoreDump(pgRestore, url, file) {
    const { dbname, env } = (0,_pg_tools_js__WEBPACK_IMPORTED_MODULE_3__/* .libpqArgs */ .sY)(url);
    await runTool(pgRestore, ['--clean', '--if-exists', '--exit-on-error', '--single-transaction', '--no-owner', '--no-password', `--dbname=${dbname}`, file], env);
}


/***/ }),

/***/ 13985:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   I: () => (/* binding */ decryptFile),
/* harmony export */   o: () => (/* binding */ encryptFile)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(57075);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_stream__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(46466);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_stream_promises__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(83916);




// age-encryption is imported when a file is encrypted or decrypted, not with this module: config parsing reads
// parseRecipients on every run, and most runs encrypt nothing.
/**
 * Encrypts a file to age recipients, streaming (64 KiB chunks): the dump never sits in memory. Anyone who can
 * read the repository can download its artifacts; only holders of a matching identity can read this.
 */
async function encryptFile(input, output, recipients) {
    const { Encrypter } = await __webpack_require__.e(/* import() */ 539).then(__webpack_require__.bind(__webpack_require__, 81539));
    const e = new Encrypter();
    for (const r of recipients)
        e.addRecipient(r);
    const encrypted = await e.encrypt(node_stream__WEBPACK_IMPORTED_MODULE_1__.Readable.toWeb((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.createReadStream)(input)));
    await (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_2__.pipeline)(node_stream__WEBPACK_IMPORTED_MODULE_1__.Readable.fromWeb(encrypted), (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.createWriteStream)(output));
}
/** Decrypts an age file with an identity (AGE-SECRET-KEY-1…), streaming. */
async function decryptFile(input, output, identity) {
    if (!identity)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz([`${input}: the backup is encrypted; set backup-identity to the age identity (AGE-SECRET-KEY-1…) matching its recipient`]);
    const { Decrypter } = await __webpack_require__.e(/* import() */ 539).then(__webpack_require__.bind(__webpack_require__, 81539));
    const d = new Decrypter();
    d.addIdentity(identity);
    try {
        const plain = await d.decrypt(node_stream__WEBPACK_IMPORTED_MODULE_1__.Readable.toWeb((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.createReadStream)(input)));
        await (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_2__.pipeline)(node_stream__WEBPACK_IMPORTED_MODULE_1__.Readable.fromWeb(plain), (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.createWriteStream)(output));
    }
    catch (cause) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz([`${input}: cannot be decrypted with backup-identity (${cause.message}); use the identity matching the backup's recipient`], { cause });
    }
}


/***/ }),

/***/ 38341:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   _6: () => (/* binding */ readMetadata),
/* harmony export */   f5: () => (/* binding */ writeMetadata)
/* harmony export */ });
/* unused harmony export metadataPath */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(83916);


const metadataPath = (dump) => `${dump}.json`;
function writeMetadata(dump, m) {
    const path = metadataPath(dump);
    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.writeFileSync)(path, `${JSON.stringify(m, null, 2)}\n`);
    return path;
}
function readMetadata(dump) {
    const path = metadataPath(dump);
    if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(path)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz([`${path}: the backup's metadata file is missing; restore needs it to check the dump's sha256 before touching the database (keep ${path.split('/').pop()} beside the dump)`]);
    }
    const m = JSON.parse((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(path, 'utf8'));
    if (m.format !== 'pg-migration-gate-backup/1')
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz([`${path}: not a pg-migration-gate backup metadata file`]);
    return m;
}


/***/ }),

/***/ 80179:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FT: () => (/* binding */ dockerTool),
/* harmony export */   q1: () => (/* binding */ chooseTool),
/* harmony export */   sY: () => (/* binding */ libpqArgs)
/* harmony export */ });
/* unused harmony exports toolDirs, toolVersion, installedTools */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(31421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(57975);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_util__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(83916);





const run = (0,node_util__WEBPACK_IMPORTED_MODULE_3__.promisify)(node_child_process__WEBPACK_IMPORTED_MODULE_0__.execFile);
/** Folders where PostgreSQL's client tools are installed, versioned ones newest first. */
function toolDirs() {
    const versioned = [];
    const scan = (root, pattern, bin) => {
        if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_1__.existsSync)(root))
            return;
        for (const name of (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readdirSync)(root)) {
            const m = pattern.exec(name);
            if (m)
                versioned.push({ dir: bin(name), v: Number(m[1]) });
        }
    };
    scan('/usr/lib/postgresql', /^(\d+)$/, (n) => (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)('/usr/lib/postgresql', n, 'bin'));
    scan('/usr', /^pgsql-(\d+)$/, (n) => (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)('/usr', n, 'bin'));
    scan('/opt/homebrew/opt', /^postgresql@(\d+)$/, (n) => (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)('/opt/homebrew/opt', n, 'bin'));
    scan('/usr/local/opt', /^postgresql@(\d+)$/, (n) => (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)('/usr/local/opt', n, 'bin'));
    const path = (process.env.PATH ?? '').split(node_path__WEBPACK_IMPORTED_MODULE_2__.delimiter).filter(Boolean);
    return [...versioned.sort((a, b) => b.v - a.v).map((x) => x.dir), ...path];
}
async function toolVersion(path) {
    try {
        const { stdout } = await run(path, ['--version']);
        const m = /\(PostgreSQL\) (\d+)(?:\.(\d+))?/.exec(stdout);
        return m ? { path, major: Number(m[1]), version: m[0].replace('(PostgreSQL) ', '') } : undefined;
    }
    catch {
        return undefined;
    }
}
/** Every installed copy of a tool (pg_dump, pg_restore), from an explicit path first, then the usual places. */
async function installedTools(name, explicit) {
    const places = explicit ? [explicit] : [];
    for (const dir of toolDirs())
        places.push((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, name));
    const found = [];
    for (const p of new Set(places)) {
        const file = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.existsSync)(p) && (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.statSync)(p).isDirectory() ? (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(p, name) : p;
        if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_1__.existsSync)(file))
            continue;
        const t = await toolVersion(file);
        if (t && !found.some((f) => f.path === t.path))
            found.push(t);
    }
    return found;
}
/**
 * Chooses a copy of `name` at least as new as the server: pg_dump refuses servers of a newer major version.
 * An explicit path is used or refused. None fitting is an InputError naming both versions and the fix, raised
 * before anything is done.
 */
async function chooseTool(name, serverMajor, explicit) {
    if (explicit) {
        // An explicit path is honoured or refused, never quietly replaced by another copy.
        const [tool] = await installedTools(name, explicit).then((all) => all.filter((t) => t.path === explicit || t.path === (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(explicit, name)));
        if (!tool)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .InputError */ .dz([`pg-dump-path: '${explicit}' holds no working ${name}; point it at a ${name} binary or the folder that holds it`]);
        if (tool.major < serverMajor) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .InputError */ .dz([`pg-dump-path: ${tool.path} is ${name} ${tool.major}, but the server runs PostgreSQL ${serverMajor} and ${name} refuses newer servers; install postgresql-client-${serverMajor} and point pg-dump-path at it`]);
        }
        return tool;
    }
    const tools = await installedTools(name);
    const chosen = tools.filter((t) => t.major >= serverMajor).sort((a, b) => b.major - a.major)[0];
    if (chosen)
        return chosen;
    const seen = tools.length ? tools.map((t) => `${t.path} (${t.major})`).join(', ') : 'none found';
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .InputError */ .dz([
        `${name}: the server runs PostgreSQL ${serverMajor}, and ${name} refuses servers newer than itself; installed: ${seen}. Install postgresql-client-${serverMajor} (apt-get install postgresql-client-${serverMajor}, from the PGDG repository on Ubuntu runners), or set pg-dump-path to a ${name} ${serverMajor} or newer${name === 'pg_dump' ? ', or set pg-dump-docker: true on a runner with Docker' : ''}`,
    ]);
}
/**
 * libpq connection parameters for a child process: the URL without its password on the command line (argv is
 * visible to every user of the machine), the password in PGPASSWORD.
 */
function libpqArgs(url) {
    const u = new URL(url);
    const password = u.password ? decodeURIComponent(u.password) : undefined;
    u.password = '';
    const env = { ...process.env };
    if (password)
        env.PGPASSWORD = password;
    return { dbname: u.toString(), env };
}
/**
 * The tool from the official postgres:<major> image, run by Docker with the host network and `dir` mounted at
 * the same path, the password passed through the environment (-e PGPASSWORD, without its value on argv).
 */
async function dockerTool(name, major, dir) {
    try {
        await run('docker', ['version', '--format', '{{.Server.Version}}']);
    }
    catch (cause) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .InputError */ .dz([`pg-dump-docker: Docker is not available on this runner (docker version failed); install postgresql-client-${major} or set pg-dump-path instead`], { cause });
    }
    return {
        path: 'docker',
        prefix: ['run', '--rm', '--network', 'host', '-e', 'PGPASSWORD', '-v', `${dir}:${dir}`, `postgres:${major}`, name],
        major,
        version: `${major} (docker postgres:${major})`,
    };
}


/***/ }),

/***/ 72079:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G: () => (/* binding */ dumpIn),
/* harmony export */   d: () => (/* binding */ restoreBackup)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _db_connect_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(68008);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(83916);
/* harmony import */ var _dump_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(89794);
/* harmony import */ var _encryption_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(13985);
/* harmony import */ var _metadata_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(38341);
/* harmony import */ var _pg_tools_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(80179);








/**
 * The dump of a downloaded artifact: the one .dump file with its metadata, decrypted first when the artifact
 * holds it encrypted (.dump.age).
 */
async function dumpIn(dir, identity) {
    const files = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readdirSync)(dir);
    const plain = files.filter((f) => f.endsWith('.dump'));
    const sealed = files.filter((f) => f.endsWith('.dump.age'));
    if (plain.length + sealed.length !== 1)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz([`backup-artifact: expected one .dump (or .dump.age) file in the artifact, found ${plain.length + sealed.length}`]);
    if (plain.length)
        return (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, plain[0]);
    const dump = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, sealed[0].replace(/\.age$/, ''));
    const m = (0,_metadata_js__WEBPACK_IMPORTED_MODULE_6__/* .readMetadata */ ._6)(dump);
    const actual = await (0,_dump_js__WEBPACK_IMPORTED_MODULE_4__/* .sha256File */ .Q3)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, sealed[0]));
    if (m.encryption?.sha256 !== actual)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz([`${sealed[0]}: sha256 ${actual} does not match the encrypted copy's ${m.encryption?.sha256}; nothing was restored`]);
    await (0,_encryption_js__WEBPACK_IMPORTED_MODULE_5__/* .decryptFile */ .I)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, sealed[0]), dump, identity);
    return dump;
}
/**
 * Restores a dump into the database of `url`: the sha256 in its metadata is checked before anything is
 * touched, then pg_restore (at least as new as the server and as the pg_dump that wrote the dump) drops and
 * recreates the dump's objects in one transaction. Returns the metadata.
 */
async function restoreBackup(url, dump, pgDumpPath) {
    const metadata = (0,_metadata_js__WEBPACK_IMPORTED_MODULE_6__/* .readMetadata */ ._6)(dump);
    const actual = await (0,_dump_js__WEBPACK_IMPORTED_MODULE_4__/* .sha256File */ .Q3)(dump);
    if (actual !== metadata.sha256) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz([`${dump}: sha256 ${actual} does not match ${metadata.sha256} recorded when the backup was taken; the file is damaged or not this backup, nothing was restored`]);
    }
    const major = await (0,_db_connect_js__WEBPACK_IMPORTED_MODULE_2__/* .withClient */ .SV)(url, async (c) => Math.floor(Number((await c.query('SHOW server_version_num')).rows[0].server_version_num) / 10000));
    const pgRestore = await (0,_pg_tools_js__WEBPACK_IMPORTED_MODULE_7__/* .chooseTool */ .q1)('pg_restore', Math.max(major, Number(metadata.pgDumpVersion.split('.')[0])), pgDumpPath);
    await (0,_dump_js__WEBPACK_IMPORTED_MODULE_4__/* .restoreDump */ .nE)(pgRestore, url, dump);
    return metadata;
}


/***/ }),

/***/ 90414:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   a: () => (/* binding */ takeBackup)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _db_connect_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(68008);
/* harmony import */ var _db_history_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(53966);
/* harmony import */ var _db_identifiers_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(31382);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(83916);
/* harmony import */ var _migrations_version_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(90233);
/* harmony import */ var _dump_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(89794);
/* harmony import */ var _encryption_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(13985);
/* harmony import */ var _metadata_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(38341);
/* harmony import */ var _pg_tools_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(80179);











/** A dump path no earlier backup uses: two backups never share a file. */
function freshPath(dir, base) {
    for (let n = 0;; n++) {
        const path = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, `${base}${n ? `-${n}` : ''}.dump`);
        if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(path))
            return path;
    }
}
function writableDir(dir) {
    try {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdirSync)(dir, { recursive: true });
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.accessSync)(dir, node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.W_OK);
    }
    catch (cause) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .InputError */ .dz([`backup-dir: '${dir}' cannot be written (${cause.code}); point backup-dir at a writable folder`], { cause });
    }
}
/**
 * A verified backup: pg_dump in custom format (compressed) with a pg_dump at least as new as the server, checked
 * by reading its table of contents back, checksummed, described by a metadata file beside it, and uploaded when
 * a store is given. A pg_dump too old, or an unwritable folder, fails before anything is dumped.
 */
async function takeBackup(url, o) {
    const server = await (0,_db_connect_js__WEBPACK_IMPORTED_MODULE_2__/* .withClient */ .SV)(url, async (c) => {
        const v = (await c.query("SELECT current_setting('server_version_num')::int AS num, current_setting('server_version') AS text, current_database() AS db")).rows[0];
        const history = await (0,_db_history_js__WEBPACK_IMPORTED_MODULE_3__/* .locateHistoryTable */ .Bb)(c, o.historyTable).then((t) => (0,_db_history_js__WEBPACK_IMPORTED_MODULE_3__/* .readHistory */ .Lu)(c, t)).catch(() => undefined);
        const last = history?.filter((r) => r.version && !r.dirty).sort((a, b) => (0,_migrations_version_js__WEBPACK_IMPORTED_MODULE_9__/* .compareVersions */ .Zy)(a.version, b.version)).pop();
        return { major: Math.floor(v.num / 10000), text: String(v.text).split(' ')[0], db: v.db, last };
    });
    writableDir(o.dir);
    const tool = (name) => (0,_pg_tools_js__WEBPACK_IMPORTED_MODULE_8__/* .chooseTool */ .q1)(name, server.major, o.pgDumpPath).catch(async (err) => {
        if (o.pgDumpDocker && err instanceof _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .InputError */ .dz)
            return (0,_pg_tools_js__WEBPACK_IMPORTED_MODULE_8__/* .dockerTool */ .FT)(name, server.major, o.dir);
        throw err;
    });
    const pgDump = await tool('pg_dump');
    const pgRestore = await tool('pg_restore');
    const path = freshPath(o.dir, `${server.db.replace(/[^A-Za-z0-9._-]+/g, '_')}${o.label ? `-${o.label}` : ''}-${new Date().toISOString().replace(/[-:]/g, '')}`);
    await (0,_dump_js__WEBPACK_IMPORTED_MODULE_5__/* .dumpDatabase */ .m3)(pgDump, url, path);
    // Reading the table of contents back and hashing the file are independent reads: done side by side.
    const [entries, sha256] = await Promise.all([(0,_dump_js__WEBPACK_IMPORTED_MODULE_5__/* .checkDump */ .hk)(pgRestore, path), (0,_dump_js__WEBPACK_IMPORTED_MODULE_5__/* .sha256File */ .Q3)(path)]);
    const size = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(path).size;
    const metadata = {
        format: 'pg-migration-gate-backup/1',
        file: path.split('/').pop(),
        sha256,
        size,
        database: (0,_db_connect_js__WEBPACK_IMPORTED_MODULE_2__/* .targetIdentity */ .C7)(url),
        serverVersion: server.text,
        pgDumpVersion: pgDump.version,
        createdAt: new Date().toISOString(),
        historyTable: (0,_db_identifiers_js__WEBPACK_IMPORTED_MODULE_10__/* .tableText */ .qK)(o.historyTable),
        lastApplied: server.last ? { version: server.last.version.text, name: server.last.name } : undefined,
        planHash: o.planHash,
        entries,
    };
    let uploaded = path;
    if (o.recipients?.length) {
        uploaded = `${path}.age`;
        await (0,_encryption_js__WEBPACK_IMPORTED_MODULE_6__/* .encryptFile */ .o)(path, uploaded, o.recipients);
        metadata.encryption = { format: 'age', file: uploaded.split('/').pop(), sha256: await (0,_dump_js__WEBPACK_IMPORTED_MODULE_5__/* .sha256File */ .Q3)(uploaded) };
    }
    const metadataPath = (0,_metadata_js__WEBPACK_IMPORTED_MODULE_7__/* .writeMetadata */ .f5)(path, metadata);
    const info = {
        path,
        metadataPath,
        sha256,
        size,
        serverVersion: server.text,
        pgDumpVersion: pgDump.version,
        restore: `pg-migration-gate restore --backup-file ${path} --database-url "$DATABASE_URL"`,
    };
    if (o.artifact) {
        // Encrypted: only the encrypted copy leaves the runner.
        const { id } = await o.artifact.store.upload(o.artifact.name, [uploaded, metadataPath], o.dir, o.artifact.retentionDays);
        info.artifactName = o.artifact.name;
        info.artifactId = id;
        info.restore = `uses: pg-migration-gate with command: restore, backup-artifact: ${o.artifact.name} (backup-run-id: this run's id from another run)`;
    }
    return info;
}


/***/ }),

/***/ 45709:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  backup: () => (/* binding */ backup),
  backupArtifactName: () => (/* binding */ backupArtifactName)
});

;// CONCATENATED MODULE: ./src/backup/artifact-store.ts
/** GitHub's artifact names may not hold " : < > | * ? \ / or line breaks; keep them short and plain. */
function artifactName(...parts) {
    return parts
        .join('-')
        .replace(/[^A-Za-z0-9._-]+/g, '-')
        .replace(/-+/g, '-')
        .replace(/^-|-$/g, '')
        .slice(0, 200);
}

// EXTERNAL MODULE: ./src/backup/take-backup.ts
var take_backup = __webpack_require__(90414);
// EXTERNAL MODULE: ./src/db/connect.ts
var connect = __webpack_require__(68008);
// EXTERNAL MODULE: ./src/commands/context.ts
var context = __webpack_require__(80165);
;// CONCATENATED MODULE: ./src/commands/backup.ts




/** The artifact name: given, or unique per database, run and attempt. */
function backupArtifactName(config, url, a) {
    return config.artifactName ?? artifactName('pg-backup', (0,connect/* targetIdentity */.C7)(url).split('/').pop(), String(a.runId), String(a.attempt));
}
/** A verified backup of the target database, uploaded as an artifact inside GitHub Actions. */
async function backup(config, ctx) {
    const report = (0,context/* startReport */.Fg)('backup', config, ctx.databaseUrl);
    report.backup = await (0,take_backup/* takeBackup */.a)(ctx.databaseUrl, {
        dir: config.backupDir ?? ctx.backupDir,
        historyTable: config.historyTable,
        pgDumpPath: config.pgDumpPath,
        pgDumpDocker: config.pgDumpDocker,
        recipients: config.backupRecipients,
        artifact: ctx.artifacts && { store: ctx.artifacts.store, name: backupArtifactName(config, ctx.databaseUrl, ctx.artifacts), retentionDays: config.retentionDays },
    });
    const b = report.backup;
    ctx.log.info(`backup ${b.path}: ${b.size} bytes, sha256 ${b.sha256}${b.artifactName ? `, artifact ${b.artifactName} (${b.artifactId})` : ''}`);
    return report;
}


/***/ }),

/***/ 73511:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Hp: () => (/* binding */ MIGRATING_NAMESPACE),
/* harmony export */   TL: () => (/* binding */ lockKey),
/* harmony export */   bL: () => (/* binding */ withAdvisoryLock)
/* harmony export */ });
/* unused harmony export LOCK_NAMESPACE */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(83916);


/** First key of every lock this tool takes ("PGMG"), so its locks are recognisable in pg_locks. */
const LOCK_NAMESPACE = 0x50474d47;
/**
 * First key of the lock a run's migrating session holds while it lives ("PGMH"). The run's advisory lock lives
 * on another session; a run that takes it also waits on this one, for a migration a vanished run left running.
 */
const MIGRATING_NAMESPACE = 0x5047_4d48;
/** The second key: derived from the history table, so runs on different history tables do not block each other. */
function lockKey(qualifiedHistoryTable) {
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(qualifiedHistoryTable).digest().readInt32BE(0);
}
/** Who holds one of our locks right now, for the error message. */
async function holder(client, namespace, key) {
    const r = await client.query(`SELECT l.pid, a.application_name, a.client_addr::text AS addr, a.backend_start, a.state
       FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid
      WHERE l.locktype = 'advisory' AND l.granted AND l.classid = $1::bigint::oid AND l.objid = $2::bigint::oid AND l.objsubid = 2`, [namespace, key >>> 0]);
    if (!r.rows.length)
        return 'a session that has since ended';
    const h = r.rows[0];
    return `pid ${h.pid} (${h.application_name || 'unknown application'}${h.addr ? ` from ${h.addr}` : ''}, connected since ${new Date(h.backend_start).toISOString()})`;
}
/**
 * Holds a session-level advisory lock while fn runs. It is taken in autocommit mode, never inside an open
 * transaction: a transaction-level lock would make `CREATE INDEX CONCURRENTLY` wait for our own transaction
 * forever. Waits up to waitMs for another run to finish, then fails naming the holder's pid.
 */
async function withAdvisoryLock(client, key, waitMs, fn) {
    await acquire(client, LOCK_NAMESPACE, key, waitMs, (who) => `another migration run holds the lock on this history table: ${who}`);
    try {
        // A run whose process is gone may have left its last migration executing on the server: wait for it to end.
        await acquire(client, MIGRATING_NAMESPACE, key, waitMs, (who) => `a migration of an earlier run, whose process is gone, is still executing: ${who}`);
        await client.query('SELECT pg_advisory_unlock($1, $2)', [MIGRATING_NAMESPACE, key]);
        return await fn();
    }
    finally {
        await client.query('SELECT pg_advisory_unlock($1, $2)', [LOCK_NAMESPACE, key]).catch(() => { });
    }
}
/** Takes a session-level advisory lock, waiting up to waitMs; then fails naming the session that holds it. */
async function acquire(client, namespace, key, waitMs, what) {
    try {
        // lock_timeout bounds the wait; 0 would mean "wait forever", so a zero wait is a single try.
        if (waitMs === 0) {
            const r = await client.query('SELECT pg_try_advisory_lock($1, $2) AS ok', [namespace, key]);
            if (!r.rows[0].ok)
                throw Object.assign(new Error('lock not available'), { code: '55P03' });
        }
        else {
            await client.query(`SET lock_timeout = ${Math.floor(waitMs)}`);
            await client.query('SELECT pg_advisory_lock($1, $2)', [namespace, key]);
        }
    }
    catch (err) {
        if (err.code === '55P03') {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .StateError */ .qq([`${what(await holder(client, namespace, key))}; waited ${waitMs} ms. Let it finish (or raise lock-wait); if it is stuck, end that session with SELECT pg_terminate_backend(<pid>)`], { cause: err });
        }
        throw err;
    }
    finally {
        await client.query('RESET lock_timeout').catch(() => { });
    }
}


/***/ }),

/***/ 62199:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  HG: () => (/* binding */ executeScript),
  EN: () => (/* binding */ rolledBack),
  GD: () => (/* binding */ runMigration)
});

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/migrations/transaction.ts + 1 modules
var transaction = __webpack_require__(61692);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(57075);
// EXTERNAL MODULE: external "node:stream/promises"
var promises_ = __webpack_require__(46466);
// EXTERNAL MODULE: ./node_modules/pg-copy-streams/index.js
var pg_copy_streams = __webpack_require__(26901);
;// CONCATENATED MODULE: ./src/db/copy-in.ts



/** Runs `COPY … FROM STDIN` with the rows that followed it in a psql-format file, streamed as psql sends them. */
async function copyIn(client, sql, data) {
    await (0,promises_.pipeline)(external_node_stream_.Readable.from([Buffer.from(data, 'utf8')]), client.query(pg_copy_streams.from(sql)));
}

// EXTERNAL MODULE: ./src/migrations/parse.ts + 2 modules
var parse = __webpack_require__(25493);
;// CONCATENATED MODULE: ./src/db/errors.ts


function sqlstate(err) {
    return err?.code;
}
/**
 * Turns a server error in a statement into a MigrationError at the file, line and column PostgreSQL points to:
 * its `position` is a 1-based character index into the text we sent, where the statement began at `sentAt`.
 */
function statementError(err, script, statement, sentAt = 0) {
    const e = err;
    const pos = Number(e.position) - sentAt;
    const offset = Number.isFinite(pos) && pos > 0 ? statement.offset + pos - 1 : statement.offset;
    const location = new parse/* LineMap */.HU(script).at(offset);
    const parts = [e.message];
    if (e.detail)
        parts.push(`detail: ${e.detail}`);
    if (e.where)
        parts.push(`where: ${e.where}`);
    return new errors/* MigrationError */.Py(parts.join('; '), {
        location,
        sqlstate: e.code,
        hint: e.hint ?? hintFor(e.code),
        cause: err,
    });
}
/** What to do about the failures migrations hit most. */
function hintFor(code) {
    switch (code) {
        case '55P03':
            return 'another session held a conflicting lock longer than lock-timeout; retry when traffic is lower, or find the blocker in pg_stat_activity';
        case '57014':
            return 'the statement ran longer than statement-timeout; raise it for this migration, or make the change in smaller steps';
        case '42P07':
        case '42701':
        case '42710':
            return 'the object already exists: use IF NOT EXISTS, or check whether this migration already ran outside the history table';
        case '23502':
        case '23505':
        case '23514':
        case '23503':
            return 'existing rows violate the new rule: fix the data first (in an earlier migration) or add the constraint as NOT VALID and validate later';
        default:
            return undefined;
    }
}

// EXTERNAL MODULE: ./src/db/history.ts
var db_history = __webpack_require__(53966);
// EXTERNAL MODULE: ./src/db/script-query.ts
var script_query = __webpack_require__(99698);
;// CONCATENATED MODULE: ./src/db/runner.ts






const defaultBackoff = (attempt) => Math.min(500 * 2 ** attempt, 10_000);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** Our timeouts; validated integers, never user text. LOCAL inside a transaction, for the session otherwise. */
function timeoutSteps(o, local) {
    const scope = local ? 'LOCAL ' : '';
    return [`SET ${scope}lock_timeout = ${o.lockTimeoutMs}`, `SET ${scope}statement_timeout = ${o.statementTimeoutMs}`].map((sql) => ({ sql, ours: 'setting the timeouts' }));
}
const resetSteps = (reset, afterCommit = false) => reset.map((sql) => ({ sql, ours: 'resetting the session', afterCommit }));
/** The file's statements as steps; a `\connect` line becomes a session reset, as psql's new connection would be. */
function statementSteps(exec, o, local, reset) {
    return exec.statements.flatMap((s) => (s.kind === 'PsqlConnect' ? [...resetSteps(reset), ...timeoutSteps(o, local)] : [{ sql: s.sql, statement: s }]));
}
/** Where a failure belongs when it is not one of the file's statements: the migration file itself. */
function ownStepError(err, script, what) {
    return new errors/* MigrationError */.Py(`${what} failed: ${err.message}`, {
        location: { file: script.file, line: script.startLine, column: 1 },
        sqlstate: sqlstate(err),
        cause: err,
    });
}
/**
 * Sends steps in as few round trips as possible: consecutive steps as one simple query (the CommandComplete
 * count names the failing one), a COPY with its data on its own. With `observe`, the file's statements go one
 * at a time and each is observed after it ran. Returns false when only a step after COMMIT failed.
 */
async function send(client, script, steps, observe) {
    let clean = true;
    const fail = (err, step, sentAt = 0) => {
        if (step?.afterCommit)
            clean = false;
        else if (step?.statement)
            throw statementError(err, script, step.statement, sentAt);
        else
            throw ownStepError(err, script, step?.ours ?? 'the migration');
    };
    let batch = [];
    const flush = async () => {
        if (!batch.length)
            return;
        const steps = batch;
        batch = [];
        let text = '';
        const sentAt = steps.map((s) => {
            const at = text.length;
            text += `${s.sql};\n`;
            return at;
        });
        try {
            await (0,script_query/* runScript */.j)(client, text);
        }
        catch (err) {
            const i = err.completed;
            fail(err, steps[i], sentAt[i]);
        }
    };
    for (const step of steps) {
        const s = step.statement;
        if (!s || (!observe && s.copyData === undefined)) {
            batch.push(step);
            continue;
        }
        await flush();
        const started = performance.now();
        if (s.copyData !== undefined)
            await copyIn(client, s.sql, s.copyData).catch((err) => fail(err, step));
        else {
            batch.push(step);
            await flush();
        }
        await observe?.(s, Math.round(performance.now() - started));
    }
    await flush();
    return clean;
}
/**
 * A transactional migration: its statements, and its history row when recording, in one transaction, followed
 * in the same round trip by the session reset. Returns false when the migration committed but the reset failed.
 */
async function runTransactional(client, reset, script, exec, tail, o) {
    const begin = { sql: exec.begin?.sql ?? 'BEGIN', ours: 'BEGIN' };
    const steps = [begin, ...timeoutSteps(o, true), ...statementSteps(exec, o, true, reset), ...tail, { sql: 'COMMIT', ours: 'COMMIT' }, ...resetSteps(reset, true)];
    const observer = o.observer;
    let fresh = true;
    const observe = async (s, durationMs) => {
        await observer.statement(client, s, { durationMs, fresh, observable: true });
        fresh = false;
    };
    await observer?.start(client);
    return send(client, script, steps, observer && observe);
}
/** Statement by statement, each in its own transaction unless the file opened one, as psql runs a file. */
async function runOneByOne(client, reset, script, exec, o) {
    await send(client, script, timeoutSteps(o, false));
    const observer = o.observer;
    await observer?.start(client);
    let inFileTransaction = false;
    for (const step of statementSteps(exec, o, false, reset)) {
        const s = step.statement;
        const control = s?.kind === 'TransactionStmt' ? s.node.kind : undefined;
        if (control === 'TRANS_STMT_BEGIN' || control === 'TRANS_STMT_START')
            inFileTransaction = true;
        else if (control)
            inFileTransaction = false;
        if (!observer || !s || control) {
            await send(client, script, [step]);
            continue;
        }
        // Observing needs the statement's locks still held: a statement that would autocommit runs in a
        // transaction of its own, which is what autocommit is.
        const observable = !(0,transaction/* cannotRunInTransaction */.c)(s);
        const wrap = observable && !inFileTransaction;
        if (wrap)
            await client.query('BEGIN');
        await send(client, script, [step], (st, durationMs) => observer.statement(client, st, { durationMs, fresh: wrap, observable }));
        if (wrap)
            await client.query('COMMIT');
    }
}
/** Leaves the session as a new connection would find it; a session that cannot be reset is replaced. */
async function runner_reset(session, client, exec) {
    try {
        await (0,script_query/* runScript */.j)(client, session.reset.map((s) => `${s};\n`).join(''));
        if (exec)
            session.finished(exec);
    }
    catch {
        await session.replace();
    }
}
/** After a transactional migration, whose reset travelled with it. */
async function settle(session, exec, clean) {
    if (clean)
        session.finished(exec);
    else
        await session.replace();
}
/**
 * Runs fn in a transaction on the session that is always rolled back (verify's re-run and round trip look at
 * the result, then undo it), and leaves the session fresh again.
 */
async function rolledBack(session, fn) {
    const client = await session.client();
    await client.query('BEGIN');
    try {
        return await fn(client);
    }
    finally {
        await client.query('ROLLBACK').catch(() => { });
        await runner_reset(session, await session.client());
    }
}
/** Runs fn on the session's connection; any failure leaves the connection to be replaced before the next use. */
async function onSession(session, fn) {
    const client = await session.client();
    try {
        return await fn(client);
    }
    catch (err) {
        await session.replace();
        throw err;
    }
}
/**
 * Runs a script on the session and records nothing: verify's re-run and down scripts. With `inOpenTransaction`
 * a transactional script runs inside the caller's open transaction (no BEGIN/COMMIT of its own), after a reset
 * within it, so the caller can look at the result and roll it back; the caller resets the session after.
 */
async function executeScript(session, script, exec, o, inOpenTransaction = false) {
    await onSession(session, async (client) => {
        if (exec.mode === 'transaction' && inOpenTransaction) {
            await send(client, script, [...resetSteps(session.reset), ...timeoutSteps(o, true), ...statementSteps(exec, o, true, session.reset)]);
            return;
        }
        if (exec.mode === 'transaction')
            return settle(session, exec, await runTransactional(client, session.reset, script, exec, [], o));
        await runOneByOne(client, session.reset, script, exec, o);
        await runner_reset(session, client, exec);
    });
}
/**
 * Applies one migration and records it. A transactional one runs in one transaction together with its history
 * row; a lock timeout (55P03) is retried with backoff up to lockRetries, on a new connection. A file whose own
 * wrapper is READ ONLY cannot write a row in its transaction: having changed nothing, it is recorded right after
 * it commits. A non-transactional one is recorded dirty before it starts and clean after it ends, on our own
 * session, so a crash in between leaves a visible mark and no run starts until someone has looked.
 */
async function runMigration(session, migration, exec, o, log) {
    const { record } = o;
    if (exec.mode === 'no-transaction') {
        const started = performance.now();
        const id = await (0,db_history/* insertRow */.Il)(record.control, record.table, { migration, appliedBy: record.appliedBy, dirty: true });
        await onSession(session, (client) => runOneByOne(client, session.reset, migration.up, exec, o));
        const durationMs = Math.round(performance.now() - started);
        await (0,db_history/* markClean */.J8)(record.control, record.table, id, durationMs);
        await runner_reset(session, await session.client(), exec);
        return { durationMs, attempts: 1 };
    }
    const readOnly = exec.begin?.readOnly === true;
    const backoff = o.backoffMs ?? defaultBackoff;
    for (let attempt = 0;; attempt++) {
        const started = performance.now();
        try {
            const clean = await onSession(session, (client) => {
                const tail = readOnly ? [] : (0,db_history/* recordInTransaction */.jH)(client, record.table, migration, record.appliedBy, timeoutSteps(o, true).map((s) => s.sql)).map((sql) => ({ sql, ours: `recording ${migration.name} in the history table` }));
                return runTransactional(client, session.reset, migration.up, exec, tail, o);
            });
            const durationMs = Math.round(performance.now() - started);
            await settle(session, exec, clean);
            if (readOnly)
                await (0,db_history/* insertRow */.Il)(record.control, record.table, { migration, appliedBy: record.appliedBy, dirty: false, executionMs: durationMs });
            return { durationMs, attempts: attempt + 1 };
        }
        catch (err) {
            const code = err instanceof errors/* MigrationError */.Py ? err.details.sqlstate : sqlstate(err);
            if (code === '55P03' && attempt < o.lockRetries) {
                const wait = backoff(attempt);
                log.warn(`${migration.name}: lock timeout after ${o.lockTimeoutMs} ms, retry ${attempt + 1} of ${o.lockRetries} in ${wait} ms`);
                await sleep(wait);
                continue;
            }
            if (err instanceof errors/* MigrationError */.Py && code === '55P03' && o.lockRetries > 0)
                err.message += ` (after ${attempt + 1} attempts)`;
            throw err;
        }
    }
}


/***/ }),

/***/ 99698:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   j: () => (/* binding */ runScript)
/* harmony export */ });
/* harmony import */ var pg__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83849);

/**
 * node-postgres' Query, counting the CommandComplete messages of a multi-statement simple query: when a
 * statement fails, the count says which one it was, without a round trip per statement.
 */
class CountingQuery extends pg__WEBPACK_IMPORTED_MODULE_0__/* ["default"].Query */ .Ay.Query {
    completed = 0;
    handleCommandComplete(msg, connection) {
        this.completed++;
        pg__WEBPACK_IMPORTED_MODULE_0__/* ["default"].Query */ .Ay.Query.prototype.handleCommandComplete.call(this, msg, connection);
    }
}
/** Sends several statements as one simple query (one round trip). On failure the error carries `completed`. */
function runScript(client, text) {
    return new Promise((resolve, reject) => {
        const query = new CountingQuery(text, undefined, (err) => {
            if (err)
                reject(Object.assign(err, { completed: query.completed }));
            else
                resolve();
        });
        client.query(query);
    });
}


/***/ }),

/***/ 59750:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   P: () => (/* binding */ MigrationSession)
/* harmony export */ });
/* harmony import */ var _advisory_lock_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73511);
/* harmony import */ var _connect_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(68008);


/**
 * What a new connection starts from, restored on a connection that already ran a migration: the session user
 * and role (SET SESSION AUTHORIZATION DEFAULT also ends SET ROLE), every setting, cursors, prepared statements,
 * LISTEN, session advisory locks, cached plans, sequence caches and temp tables. DISCARD ALL would do the same
 * but may not run inside a transaction block, and these travel in the same simple query as a migration.
 * The session's own "migrating" lock (see MIGRATING_NAMESPACE) is taken again at once.
 */
function sessionReset(key) {
    return [
        'SET SESSION AUTHORIZATION DEFAULT',
        'RESET ALL',
        'CLOSE ALL',
        'DEALLOCATE ALL',
        'UNLISTEN *',
        'SELECT pg_catalog.pg_advisory_unlock_all()',
        holdMigratingLock(key),
        'DISCARD SEQUENCES',
        'DISCARD TEMP',
        'DISCARD PLANS',
    ];
}
/** Validated integers, never user text. */
const holdMigratingLock = (key) => `SELECT pg_catalog.pg_advisory_lock(${_advisory_lock_js__WEBPACK_IMPORTED_MODULE_0__/* .MIGRATING_NAMESPACE */ .Hp}, ${Math.trunc(key)})`;
/**
 * Statements that change what new sessions start from. After one, RESET ALL would go back to the defaults this
 * connection started with, not the new ones psql's next session would see: the session is replaced instead.
 */
const CHANGES_SESSION_DEFAULTS = new Set(['AlterDatabaseSetStmt', 'AlterRoleSetStmt']);
/**
 * The connection migrations run on, as fresh for each one as psql -f's own process: reset after every
 * migration, replaced after a failure (whatever state the failed attempt left) and after a migration that
 * changed session defaults. A cheap reset per migration instead of a connection per migration keeps a run of
 * hundreds of small migrations close to one psql session.
 */
class MigrationSession {
    url;
    key;
    current;
    stale = false;
    /** The statements that make this session fresh again. */
    reset;
    constructor(url, key, current) {
        this.url = url;
        this.key = key;
        this.current = current;
        this.reset = sessionReset(key);
    }
    /**
     * A session for the run that holds the advisory lock `key`. As long as it lives it holds the "migrating" lock
     * too, so a run whose process died while its migration was still executing on the server keeps the next run
     * waiting until that migration has ended, not only until the lock's own session noticed the death.
     */
    static async open(url, key) {
        return new MigrationSession(url, key, await MigrationSession.connect(url, key));
    }
    static async connect(url, key) {
        const client = await (0,_connect_js__WEBPACK_IMPORTED_MODULE_1__/* .connect */ .Ng)(url);
        await client.query(holdMigratingLock(key));
        return client;
    }
    /** The connection the next migration runs on: a new one if the last left anything behind. */
    async client() {
        if (this.stale) {
            await this.current.end().catch(() => { });
            this.current = await MigrationSession.connect(this.url, this.key);
            this.stale = false;
        }
        return this.current;
    }
    /**
     * The connection may carry state a reset does not clear (a failed attempt's aborted transaction, which still
     * holds its locks): it is closed now, and the next migration gets a new one.
     */
    async replace() {
        this.stale = true;
        await this.current.end().catch(() => { });
    }
    /** After a migration ran to its end: replace the connection if the reset cannot make it fresh. */
    finished(exec) {
        if (exec.statements.some((s) => CHANGES_SESSION_DEFAULTS.has(s.kind)))
            this.stale = true;
    }
    async close() {
        await this.current.end().catch(() => { });
    }
}


/***/ }),

/***/ 92562:
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
