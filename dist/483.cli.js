export const id = 483;
export const ids = [483];
export const modules = {

/***/ 4483:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   plan: () => (/* binding */ plan)
/* harmony export */ });
/* harmony import */ var _db_connect_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8008);
/* harmony import */ var _db_history_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3966);
/* harmony import */ var _db_identifiers_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(1382);
/* harmony import */ var _migrations_analyse_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7260);
/* harmony import */ var _migrations_discover_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3346);
/* harmony import */ var _migrations_plan_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9422);
/* harmony import */ var _context_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(165);







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

/***/ 3966:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bb: () => (/* binding */ locateHistoryTable),
/* harmony export */   Il: () => (/* binding */ insertRow),
/* harmony export */   J8: () => (/* binding */ markClean),
/* harmony export */   Lu: () => (/* binding */ readHistory),
/* harmony export */   SA: () => (/* binding */ setChecksum),
/* harmony export */   XW: () => (/* binding */ OWN_WRITES_SQL),
/* harmony export */   aR: () => (/* binding */ deleteRow),
/* harmony export */   jH: () => (/* binding */ recordInTransaction),
/* harmony export */   r0: () => (/* binding */ ensureHistoryTable)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _migrations_names_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1557);
/* harmony import */ var _migrations_version_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(233);
/* harmony import */ var _identifiers_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1382);




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
/**
 * Run first and last in a migration's transaction (last after its history row): the rows inserted, updated and
 * deleted per table so far, subtransactions included (savepoints, PL/pgSQL EXCEPTION blocks, rolled back or not),
 * as the cumulative statistics will count them once it commits. The counts include the session's earlier
 * transactions whose counts it has not sent to the statistics yet: the transaction's own are the difference.
 * Temporary tables are left out. Keyed as tableWriteCounts keys them, so that on-failure: restore can tell this
 * run's writes from others'.
 */
const OWN_WRITES_SQL = `SELECT pg_catalog.format('%I.%I', schemaname, relname) AS t, (n_tup_ins + n_tup_upd + n_tup_del)::int8::text AS n
  FROM pg_catalog.pg_stat_xact_user_tables WHERE n_tup_ins + n_tup_upd + n_tup_del > 0 AND schemaname NOT LIKE 'pg\\_temp%'`;
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

/***/ 1557:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   PP: () => (/* binding */ matchFolderName),
/* harmony export */   XS: () => (/* binding */ matchFileName),
/* harmony export */   j1: () => (/* binding */ isGoMigration),
/* harmony export */   sv: () => (/* binding */ versionFromName)
/* harmony export */ });
/* harmony import */ var _version_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(233);

// Timestamp versions come first in each alternation so `20240119_143000_x` is not read as version 20240119.
const VERSION = String.raw `(\d{8}_\d{6}|\d+)`;
const SINGLE = new RegExp(String.raw `^${VERSION}(?:_(.+))?\.sql$`);
const UP_DOWN = new RegExp(String.raw `^${VERSION}(?:_(.+?))?\.(up|down)\.sql$`);
const FLYWAY = /^([VU])(\d+(?:[._]\d+)*)__(.+)\.sql$/;
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

/***/ 233:
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
