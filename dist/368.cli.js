export const id = 368;
export const ids = [368,611];
export const modules = {

/***/ 9368:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  verify: () => (/* binding */ verify)
});

// EXTERNAL MODULE: ./src/git/changed-files.ts + 1 modules
var changed_files = __webpack_require__(611);
// EXTERNAL MODULE: ./src/lint/lint-files.ts + 3 modules
var lint_files = __webpack_require__(9793);
// EXTERNAL MODULE: ./src/db/session/server-version.ts
var server_version = __webpack_require__(871);
// EXTERNAL MODULE: ./src/migrations/analyse.ts
var analyse = __webpack_require__(7260);
// EXTERNAL MODULE: ./src/migrations/discover.ts
var discover = __webpack_require__(2986);
// EXTERNAL MODULE: ./src/migrations/names.ts
var names = __webpack_require__(1557);
// EXTERNAL MODULE: ./src/migrations/version.ts
var version = __webpack_require__(233);
// EXTERNAL MODULE: ./src/model/report.ts
var model_report = __webpack_require__(5235);
// EXTERNAL MODULE: ./src/db/history/table.ts + 12 modules
var table = __webpack_require__(6704);
// EXTERNAL MODULE: ./src/db/session/own-session.ts
var own_session = __webpack_require__(8280);
// EXTERNAL MODULE: ./src/db/runner/runner.ts + 3 modules
var runner = __webpack_require__(1623);
// EXTERNAL MODULE: ./src/db/session/session.ts
var session = __webpack_require__(237);
// EXTERNAL MODULE: ./src/db/session/transaction.ts
var transaction = __webpack_require__(4825);
// EXTERNAL MODULE: ./src/foundation/errors.ts
var errors = __webpack_require__(358);
// EXTERNAL MODULE: ./src/migrations/parse.ts + 2 modules
var parse = __webpack_require__(5493);
// EXTERNAL MODULE: ./src/migrations/transaction-mode.ts + 1 modules
var transaction_mode = __webpack_require__(3971);
// EXTERNAL MODULE: ./src/db/session/identifiers.ts
var identifiers = __webpack_require__(801);
// EXTERNAL MODULE: ./src/migrations/ast-node.ts
var ast_node = __webpack_require__(7246);
;// CONCATENATED MODULE: ./src/verify/lock-trace.ts


/**
 * Modes reported as findings: ACCESS EXCLUSIVE blocks every query on the table, SHARE and EXCLUSIVE block all
 * writes until the migration commits. (SHARE ROW EXCLUSIVE, taken on the referenced table by a new foreign key,
 * is shown in the locks table but not reported: it is brief unless the migration is.)
 */
const BLOCKING = new Set(['SHARE', 'EXCLUSIVE', 'ACCESS EXCLUSIVE']);
const modeName = (m) => m
    .replace(/Lock$/, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toUpperCase();
/** The documented lock of statements that cannot be observed inside a transaction. */
function documentedLocks(s) {
    const rel = (0,ast_node/* relationOf */.Ke)(s);
    const name = rel ? `${rel.schemaname ?? 'public'}.${rel.relname}` : undefined;
    return name ? [{ relation: name, mode: 'SHARE UPDATE EXCLUSIVE' }] : [];
}
/** Catalog names are qualified: the queries run on the migration's session, whatever its search_path. */
async function existingRelations(client, history) {
    const r = await client.query(`SELECT c.oid::int AS oid, n.nspname || '.' || c.relname AS name, c.relfilenode::text AS file
       FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
        AND c.oid IS DISTINCT FROM pg_catalog.to_regclass($1)`, [(0,identifiers/* quoteTable */.Z8)(history)]);
    return { names: new Map(r.rows.map((x) => [x.oid, x.name])), files: new Map(r.rows.map((x) => [x.oid, x.file])) };
}
async function heldLocks(client, rel) {
    const r = await client.query(`SELECT relation::int AS oid, mode FROM pg_catalog.pg_locks WHERE pid = pg_catalog.pg_backend_pid() AND locktype = 'relation' AND granted`);
    return new Set(r.rows.filter((x) => rel.names.has(x.oid)).map((x) => `${x.oid}|${x.mode}`));
}
async function rewritten(client, rel) {
    if (!rel.files.size)
        return [];
    const r = await client.query('SELECT oid::int AS oid, relfilenode::text AS file FROM pg_catalog.pg_class WHERE oid = ANY($1::pg_catalog.oid[])', [[...rel.files.keys()]]);
    const out = [];
    for (const row of r.rows) {
        if (rel.files.get(row.oid) !== row.file) {
            out.push(rel.names.get(row.oid));
            rel.files.set(row.oid, row.file);
        }
    }
    return out;
}
/**
 * Watches a migration as the engine runs it: for each statement, the locks it took on tables that existed
 * before the migration, whether it rewrote them, and how long it took. Inside a transaction pg_locks shows what
 * it holds so far; statements that cannot run in a transaction get their documented lock.
 */
class LockTracer {
    history;
    traces = [];
    rel = { names: new Map(), files: new Map() };
    held = new Set();
    constructor(history) {
        this.history = history;
    }
    async start(client) {
        this.rel = await existingRelations(client, this.history);
    }
    async statement(client, s, o) {
        if (o.fresh)
            this.held = new Set();
        let locks = documentedLocks(s);
        if (o.observable) {
            const now = await heldLocks(client, this.rel);
            locks = [...now]
                .filter((l) => !this.held.has(l))
                .map((l) => {
                const [oid, mode] = l.split('|');
                return { relation: this.rel.names.get(Number(oid)), mode: modeName(mode) };
            });
            this.held = now;
        }
        this.traces.push({
            ...s.location,
            sql: s.sql.split('\n')[0].slice(0, 120),
            lines: s.sql.split('\n').length,
            locks,
            rewrites: await rewritten(client, this.rel),
            durationMs: o.durationMs,
            observed: o.observable,
        });
    }
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./src/backup/dump.ts
var dump = __webpack_require__(9794);
// EXTERNAL MODULE: ./src/backup/pg-tools.ts
var pg_tools = __webpack_require__(179);
// EXTERNAL MODULE: ./src/backup/tool-connection.ts
var tool_connection = __webpack_require__(9287);
// EXTERNAL MODULE: ./src/db/session/script-query.ts
var script_query = __webpack_require__(2079);
;// CONCATENATED MODULE: ./src/verify/seed.ts






function isCustomDump(file) {
    const fd = (0,external_node_fs_.openSync)(file, 'r');
    try {
        const magic = Buffer.alloc(5);
        (0,external_node_fs_.readSync)(fd, magic, 0, 5, 0);
        return magic.toString('latin1') === 'PGDMP';
    }
    finally {
        (0,external_node_fs_.closeSync)(fd);
    }
}
/**
 * Loads realistic data before the new migrations run: an SQL file as one script, or a custom-format dump's
 * data with pg_restore. The password reaches pg_restore through its environment only.
 */
async function loadSeed(client, url, file) {
    if (!(0,external_node_fs_.existsSync)(file))
        throw new errors/* InputError */.dz([`seed-file: '${file}' does not exist`]);
    if (!isCustomDump(file)) {
        await (0,script_query/* runScript */.j)(client, (0,external_node_fs_.readFileSync)(file, 'utf8'));
        return;
    }
    const major = Math.floor(Number((await client.query('SHOW server_version_num')).rows[0].server_version_num) / 10000);
    const pgRestore = await (0,pg_tools/* chooseTool */.q1)('pg_restore', major);
    const conn = (0,tool_connection/* toolConnection */.Z)(url, pgRestore);
    await (0,dump/* runTool */.qI)(pgRestore, ['--data-only', '--no-owner', '--exit-on-error', '--no-password', conn.dbnameArg, file], conn.env, conn.files);
}

;// CONCATENATED MODULE: ./src/verify/snapshot.ts
/** Schemas never compared: the system's. */
const SKIP = `n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%'`;
/**
 * ` acl=…` when an object's privileges are not its defaults. An object never granted on has none recorded (NULL);
 * GRANT then REVOKE leaves the defaults written out (`{owner=arwdDxt/owner}`): the same privileges, so the same text,
 * or a down script that revokes what its up script granted would count as not undoing it. `kind` is acldefault's
 * letter (r relation, f function, n schema).
 */
const acl = (column, kind, owner) => `CASE WHEN ${column} IS NULL OR ${column} = pg_catalog.acldefault('${kind}', ${owner}) THEN '' ELSE ' acl=' || ${column}::text END`;
const QUERIES = {
    table: `SELECT n.nspname || '.' || c.relname AS k, c.relkind::text || ${acl('c.relacl', 'r', 'c.relowner')} AS v
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE c.relkind IN ('r', 'p', 'f') AND ${SKIP}`,
    column: `SELECT n.nspname || '.' || c.relname || '.' || a.attname AS k,
                  format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END
                  || coalesce(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '')
                  || CASE WHEN a.attidentity <> '' THEN ' IDENTITY ' || a.attidentity::text ELSE '' END
                  || CASE WHEN a.attgenerated <> '' THEN ' GENERATED' ELSE '' END AS v
             FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
             LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'f', 'v', 'm') AND ${SKIP}`,
    constraint: `SELECT n.nspname || '.' || coalesce(c.relname, t.typname) || '.' || k.conname AS k, pg_get_constraintdef(k.oid) AS v
                 FROM pg_constraint k JOIN pg_namespace n ON n.oid = k.connamespace
                 LEFT JOIN pg_class c ON c.oid = k.conrelid LEFT JOIN pg_type t ON t.oid = k.contypid
                WHERE k.contype <> 'n' AND ${SKIP}`,
    index: `SELECT n.nspname || '.' || t.relname || '.' || c.relname AS k, pg_get_indexdef(c.oid) || CASE WHEN i.indisvalid THEN '' ELSE ' INVALID' END AS v
            FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace WHERE ${SKIP}`,
    view: `SELECT n.nspname || '.' || c.relname AS k, c.relkind::text || ' ' || pg_get_viewdef(c.oid) || ${acl('c.relacl', 'r', 'c.relowner')} AS v
           FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('v', 'm') AND ${SKIP}`,
    function: `SELECT n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' AS k,
                    pg_get_functiondef(p.oid) || ${acl('p.proacl', 'f', 'p.proowner')} AS v
               FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
              WHERE p.prokind IN ('f', 'p') AND ${SKIP}
                AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')`,
    trigger: `SELECT n.nspname || '.' || c.relname || '.' || t.tgname AS k, pg_get_triggerdef(t.oid) AS v
              FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE NOT t.tgisinternal AND ${SKIP}`,
    sequence: `SELECT n.nspname || '.' || c.relname AS k,
                    format_type(s.seqtypid, NULL) || ' start ' || s.seqstart || ' increment ' || s.seqincrement
                    || ' min ' || s.seqmin || ' max ' || s.seqmax || CASE WHEN s.seqcycle THEN ' cycle' ELSE '' END AS v
               FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE ${SKIP}`,
    type: `SELECT n.nspname || '.' || t.typname AS k,
                CASE t.typtype
                  WHEN 'e' THEN 'enum (' || (SELECT string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid) || ')'
                  WHEN 'd' THEN 'domain ' || format_type(t.typbasetype, t.typtypmod) || CASE WHEN t.typnotnull THEN ' NOT NULL' ELSE '' END
                  ELSE 'composite (' || (SELECT string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod), ', ' ORDER BY a.attnum)
                                         FROM pg_attribute a WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped) || ')'
                END AS v
           FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
          WHERE (t.typtype IN ('e', 'd') OR (t.typtype = 'c' AND (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c')) AND ${SKIP}`,
    extension: `SELECT e.extname AS k, e.extversion AS v FROM pg_extension e WHERE e.extname <> 'plpgsql'`,
    schema: `SELECT n.nspname AS k, ltrim(${acl('n.nspacl', 'n', 'n.nspowner')}) AS v FROM pg_namespace n WHERE ${SKIP} AND n.nspname <> 'public'`,
};
/** Reads the schema from the catalogs: tables, columns, constraints, indexes, views, functions, triggers, sequences, types, extensions, grants. */
async function takeSnapshot(client) {
    const snap = new Map();
    for (const [kind, sql] of Object.entries(QUERIES)) {
        for (const row of (await client.query(sql)).rows)
            snap.set(`${kind} ${row.k}`, row.v ?? '');
    }
    return snap;
}
function diffSnapshots(before, after) {
    const diff = { added: [], removed: [], changed: [] };
    for (const [k, v] of after) {
        if (!before.has(k))
            diff.added.push(k);
        else if (before.get(k) !== v)
            diff.changed.push({ key: k, before: before.get(k), after: v });
    }
    for (const k of before.keys())
        if (!after.has(k))
            diff.removed.push(k);
    return diff;
}
function isEmptyDiff(d) {
    return !d.added.length && !d.removed.length && !d.changed.length;
}
const PARTS = ['column', 'constraint', 'index', 'trigger'];
/** Folds the columns, constraints, indexes and triggers of tables that appear or disappear into one line each. */
function fold(keys, sign) {
    const tables = keys.filter((k) => k.startsWith('table ')).map((k) => k.slice(6));
    const owned = (k) => tables.find((t) => PARTS.some((p) => k.startsWith(`${p} ${t}.`)));
    const lines = tables.map((t) => {
        const counts = PARTS.map((p) => [p, keys.filter((k) => k.startsWith(`${p} ${t}.`)).length]).filter(([, n]) => n);
        return `${sign} table ${t}${counts.length ? ` (${counts.map(([p, n]) => `${n} ${n > 1 ? (p === 'index' ? 'indexes' : `${p}s`) : p}`).join(', ')})` : ''}`;
    });
    return [...lines, ...keys.filter((k) => !k.startsWith('table ') && !owned(k)).map((k) => `${sign} ${k}`)];
}
/** One line per difference: `+ table public.x (3 columns, 1 index)`, `- column public.users.nick`, `~ index …: a -> b`. */
function describeDiff(d) {
    return [
        ...fold(d.added, '+'),
        ...fold(d.removed, '-'),
        ...d.changed.map((c) => `~ ${c.key}: ${c.before} -> ${c.after}`),
    ];
}

;// CONCATENATED MODULE: ./src/verify/run-checks.ts












function failure(rule, severity, message, err, help) {
    return {
        rule,
        severity,
        message: err ? `${message}: ${err.message}` : message,
        help: help ?? err?.details.hint,
        sqlstate: err?.details.sqlstate,
        ...(0,model_report/* locationFields */.nQ)(err?.details.location),
    };
}
class Timer {
    ms = {};
    async time(check, fn) {
        const t = performance.now();
        try {
            return await fn();
        }
        finally {
            this.ms[check] = Math.round((this.ms[check] ?? 0) + performance.now() - t);
        }
    }
}
async function openBench(url) {
    const control = await (0,own_session/* connectOwn */.Vp)(url);
    try {
        // A scratch database is ours alone: no other run to keep out, any key will do.
        return { control, session: await session/* MigrationSession */.P.open(url, 0) };
    }
    catch (err) {
        await control.end().catch(() => { });
        throw err;
    }
}
async function closeBench(b) {
    await b.session.close();
    await b.control.end().catch(() => { });
}
/**
 * Runs the deployed migrations and the seed on a working scratch database, then each new migration on it in
 * order, all through apply's own engine and history table: each new one with its locks traced, then re-run and
 * taken down and up again. Where the migration and its down script are transactional those two checks run
 * inside a transaction that is rolled back, so the working database is never rebuilt; otherwise they run on
 * copies made with CREATE DATABASE … TEMPLATE. Either way every new migration costs the same, whatever the
 * number deployed.
 */
async function runChecks(server, deployed, fresh, opts, log) {
    const findings = [];
    const timer = new Timer();
    const entries = fresh.map(({ migration: m, exec }) => ({
        version: m.version.text,
        name: m.name,
        file: m.up.file,
        downFile: m.down?.file,
        transaction: exec.mode === 'transaction',
        apply: 'not run',
        idempotency: opts.checks.has('idempotency') && opts.idempotency !== 'off' ? 'not run' : 'off',
        reversibility: !opts.checks.has('reversibility') ? 'off' : m.down ? 'not run' : 'no down script',
        statements: [],
    }));
    const result = { deployed: deployed.length, migrations: entries, schemaChange: [], checkMs: timer.ms };
    const work = await server.create('work');
    let bench = await openBench(server.urlOf(work));
    // A cancel stops at the next statement or check: what the cancelled query was part of failed, and is not a finding.
    const stopped = () => {
        if (opts.signal?.aborted)
            throw new Cancelled();
    };
    try {
        const history = await (0,table/* locateHistoryTable */.Bb)(bench.control, opts.historyTable);
        await (0,transaction/* withTransaction */.r)(bench.control, () => (0,table/* ensureHistoryTable */.r0)(bench.control, history));
        const record = { table: history, appliedBy: 'verify', control: bench.control };
        const ready = await timer.time('deployed', () => applyDeployed(bench, record, server.urlOf(work), deployed, opts, findings, log));
        if (!ready)
            return { result, findings };
        const base = await takeSnapshot(bench.control);
        let before = base;
        for (const [i, { migration, exec }] of fresh.entries()) {
            const entry = entries[i];
            stopped();
            const applied = await timer.time('apply+locks', () => applyTraced(bench, record, migration, exec, opts, entry, findings, log));
            if (!applied)
                break;
            log.info(`verified ${migration.name}: applies in ${entry.applyMs} ms`);
            if (opts.checks.has('locks'))
                findings.push(...lockFindings(entry));
            const subject = {
                migration,
                exec,
                before,
                after: await takeSnapshot(bench.control),
                down: await downPlan(migration, entry, findings),
            };
            const inRollback = exec.mode === 'transaction' && (!subject.down || subject.down.mode === 'transaction');
            // A check that cannot be rolled back runs on a copy; copying needs the working database to be idle.
            const onCopy = async (label, fn) => {
                await closeBench(bench);
                const copy = await server.create(label, work);
                try {
                    const b = await openBench(server.urlOf(copy));
                    await fn(b.session).finally(() => closeBench(b));
                }
                finally {
                    await server.drop(copy);
                    bench = await openBench(server.urlOf(work));
                    record.control = bench.control;
                }
            };
            const isolated = (label, fn) => inRollback ? (0,runner/* rolledBack */.EN)(bench.session, () => fn(bench.session)) : onCopy(label, fn);
            if (entry.idempotency === 'not run') {
                stopped();
                await timer.time('idempotency', () => isolated('again', (s) => checkIdempotency(s, subject, inRollback, opts, entry, findings)));
            }
            if (entry.reversibility === 'not run' && subject.down) {
                stopped();
                await timer.time('reversibility', () => isolated('down', (s) => checkReversibility(s, subject, inRollback, opts, entry, findings)));
            }
            before = subject.after;
        }
        result.schemaChange = describeDiff(diffSnapshots(base, before));
        return { result, findings };
    }
    catch (err) {
        if (!opts.signal?.aborted)
            throw err;
        return { result, findings, cancelled: String(opts.signal.reason) };
    }
    finally {
        await closeBench(bench);
    }
}
/** Thrown where a cancelled run stops between two steps. */
class Cancelled extends Error {
}
/** The deployed migrations and the seed, applied by the same engine and into the same history table as apply. */
async function applyDeployed(b, record, url, deployed, opts, findings, log) {
    for (const m of deployed) {
        if (opts.signal?.aborted)
            throw new Cancelled();
        try {
            const exec = (0,transaction_mode/* executionPlan */.WP)(await (0,parse/* parseScript */.tl)(m.up), m.noTransactionDirective);
            await (0,runner/* runMigration */.GD)(b.session, m, exec, { ...opts, lockRetries: 0, lockBudgetMs: 0, record }, log);
        }
        catch (err) {
            if (!(err instanceof errors/* MigrationError */.Py) || opts.signal?.aborted)
                throw err;
            findings.push(failure('deployed-apply-failed', 'error', `deployed migration ${m.name} does not apply on an empty database`, err));
            return false;
        }
    }
    if (opts.seedFile)
        await loadSeed(b.control, url, opts.seedFile);
    return true;
}
/** A new migration, applied and recorded exactly as apply would, with a lock tracer watching each statement. */
async function applyTraced(b, record, m, exec, opts, entry, findings, log) {
    const tracer = new LockTracer(record.table);
    try {
        const r = await (0,runner/* runMigration */.GD)(b.session, m, exec, { ...opts, lockRetries: 0, lockBudgetMs: 0, record, observer: tracer }, log);
        entry.applyMs = r.durationMs;
        entry.apply = 'ok';
        return true;
    }
    catch (err) {
        if (!(err instanceof errors/* MigrationError */.Py) || opts.signal?.aborted)
            throw err;
        entry.apply = 'failed';
        findings.push(failure('apply-failed', 'error', `${m.name} fails`, err));
        return false;
    }
    finally {
        entry.statements = tracer.traces;
    }
}
async function downPlan(m, entry, findings) {
    if (!m.down || entry.reversibility === 'off')
        return undefined;
    try {
        return (0,transaction_mode/* executionPlan */.WP)(await (0,parse/* parseScript */.tl)(m.down), false);
    }
    catch (err) {
        if (!(err instanceof errors/* MigrationError */.Py))
            throw err;
        entry.reversibility = 'failed';
        findings.push(failure('not-reversible', 'error', `the down script of ${m.name} cannot run`, err));
        return undefined;
    }
}
function lockFindings(entry) {
    const out = [];
    for (const s of entry.statements) {
        const blocking = s.locks.filter((l) => BLOCKING.has(l.mode));
        const where = { file: s.file, line: s.line, column: s.column };
        if (blocking.length) {
            out.push({
                rule: 'blocking-lock',
                severity: 'warning',
                message: `${blocking.map((l) => `${l.mode} on ${l.relation}`).join(', ')}: ${blocking.some((l) => l.mode === 'ACCESS EXCLUSIVE') ? 'every read and write' : 'every write'} waits until the migration commits, and the lock itself waits behind any long-running query (observed; the statement took ${s.durationMs} ms here)`,
                help: 'Keep the statement short on busy tables, or use the non-blocking form (CONCURRENTLY, NOT VALID + VALIDATE); lock-timeout bounds the wait.',
                ...where,
            });
        }
        if (s.rewrites.length) {
            out.push({
                rule: 'table-rewrite',
                severity: 'warning',
                message: `${s.rewrites.join(', ')} rewritten: the whole table is copied under an ACCESS EXCLUSIVE lock, which takes as long as the table is large`,
                help: 'Avoid the rewrite (a constant default, a compatible type change), or add a new column, backfill it in batches and swap.',
                ...where,
            });
        }
    }
    return out;
}
async function checkIdempotency(s, x, inTx, opts, entry, findings) {
    const level = opts.idempotency;
    try {
        await (0,runner/* executeScript */.HG)(s, x.migration.up, x.exec, opts, inTx);
    }
    catch (err) {
        if (!(err instanceof errors/* MigrationError */.Py) || opts.signal?.aborted)
            throw err;
        entry.idempotency = 'failed';
        findings.push(failure('not-idempotent', level, `${x.migration.name} fails when run a second time`, err, 'Use IF NOT EXISTS / IF EXISTS / CREATE OR REPLACE so the migration can be re-run safely.'));
        return;
    }
    const diff = diffSnapshots(x.after, await takeSnapshot(await s.client()));
    entry.idempotency = isEmptyDiff(diff) ? 'ok' : 'failed';
    if (!isEmptyDiff(diff)) {
        findings.push({
            ...failure('not-idempotent', level, `${x.migration.name} changes the schema again when run a second time: ${describeDiff(diff).join('; ')}`, undefined, 'Make each statement a no-op when its change is already there.'),
            file: x.migration.up.file,
        });
    }
}
async function checkReversibility(s, x, inTx, opts, entry, findings) {
    const down = x.migration.down;
    try {
        await (0,runner/* executeScript */.HG)(s, down, x.down, opts, inTx);
    }
    catch (err) {
        if (!(err instanceof errors/* MigrationError */.Py) || opts.signal?.aborted)
            throw err;
        entry.reversibility = 'failed';
        findings.push(failure('not-reversible', 'error', `the down script of ${x.migration.name} fails`, err));
        return;
    }
    const diff = diffSnapshots(x.before, await takeSnapshot(await s.client()));
    if (!isEmptyDiff(diff)) {
        entry.reversibility = 'failed';
        findings.push({
            ...failure('not-reversible', 'error', `the down script of ${x.migration.name} does not restore the schema: ${describeDiff(diff).join('; ')}`, undefined, 'Make the down script undo every change of the up script (+ is left over after down, - is missing, ~ differs).'),
            file: down.file,
            line: down.startLine,
            column: 1,
        });
        return;
    }
    try {
        await (0,runner/* executeScript */.HG)(s, x.migration.up, x.exec, opts, inTx);
        entry.reversibility = 'ok';
    }
    catch (err) {
        if (!(err instanceof errors/* MigrationError */.Py) || opts.signal?.aborted)
            throw err;
        entry.reversibility = 'failed';
        findings.push(failure('not-reversible', 'error', `${x.migration.name} fails when applied again after its down script`, err));
    }
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/db/session/connect.ts + 4 modules
var connect = __webpack_require__(4506);
// EXTERNAL MODULE: ./src/connection/url.ts
var url = __webpack_require__(7277);
;// CONCATENATED MODULE: ./src/verify/scratch.ts






/** Every scratch database this tool creates starts with this, so a leftover one is recognisable. */
const SCRATCH_PREFIX = 'pmg_verify_';
/**
 * Each scratch database carries a comment naming the session that created it (verify's admin session, which
 * lives as long as the run): its pid and the moment it connected, so that the pid of a later session is not
 * mistaken for it. A run killed outright (SIGKILL) cannot drop its scratch databases; the next verify on the server
 * drops those whose creating session is gone, and no other.
 */
const CREATOR = /^pg-migration-gate verify scratch database; created by pid (\d+) connected at (\S+)$/;
const creatorComment = (pid, since) => `pg-migration-gate verify scratch database; created by pid ${pid} connected at ${since}`;
/** A session's start as text that does not depend on the session's TimeZone or DateStyle. */
const BACKEND_START = `pg_catalog.to_char(backend_start AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
/**
 * The role that may not create the scratch databases, or undefined when it may. CREATE DATABASE takes the CREATEDB
 * attribute (or superuser) of the current role itself: attributes are not inherited through membership. On a managed
 * service the migrating role owns its database and has neither, as a rule; asked first, verify stops before anything
 * runs instead of failing at its first scratch database.
 */
async function mayNotCreateDatabases(client) {
    const r = await client.query('SELECT current_user AS role, rolsuper OR rolcreatedb AS may FROM pg_catalog.pg_roles WHERE rolname = current_user');
    return r.rows[0]?.may ? undefined : r.rows[0]?.role;
}
/**
 * Scratch databases on a server the action may use for them: created from templates, always dropped. The
 * database named in the URL is only the door to the server; nothing is created or changed in it.
 */
class ScratchServer {
    url;
    admin;
    comment;
    fileCopy;
    force;
    created = [];
    run = (0,external_node_crypto_.randomBytes)(4).toString('hex');
    serial = 0;
    constructor(url, admin, 
    /** The comment each scratch database gets (see CREATOR). */
    comment, 
    /** CREATE DATABASE … STRATEGY FILE_COPY (PostgreSQL 15+): much faster for small databases. */
    fileCopy, 
    /** DROP DATABASE … WITH (FORCE) (PostgreSQL 13+). */
    force) {
        this.url = url;
        this.admin = admin;
        this.comment = comment;
        this.fileCopy = fileCopy;
        this.force = force;
    }
    static async open(url) {
        const admin = await (0,connect.connect)(url);
        // Ours (see OWN_SESSION_SQL) in the same round trip: it waits out every check, idle, and a CREATE DATABASE from a
        // large template may take longer than a role's statement_timeout.
        const [, version, me] = await (0,script_query/* runScript */.j)(admin, `${own_session/* OWN_SESSION_SQL */.t5};\nSHOW server_version_num;\nSELECT pid, ${BACKEND_START} AS since FROM pg_catalog.pg_stat_activity WHERE pid = pg_catalog.pg_backend_pid()`).catch(async (err) => {
            await admin.end().catch(() => { });
            throw err;
        });
        const v = Number(version.rows[0].server_version_num);
        return new ScratchServer(url, admin, creatorComment(me.rows[0].pid, me.rows[0].since), v >= 150000, v >= 130000);
    }
    /**
     * Drops the scratch databases of earlier runs whose creating session is gone (a run killed outright); those of
     * runs still alive, and those that do not say who created them, stay. Returns one line per database dropped
     * or that could not be.
     */
    async dropLeftovers() {
        const r = await this.admin.query(`SELECT d.datname AS name, pg_catalog.shobj_description(d.oid, 'pg_database') AS comment FROM pg_catalog.pg_database d
        WHERE pg_catalog.left(d.datname, $1) = $2`, [SCRATCH_PREFIX.length, SCRATCH_PREFIX]);
        const out = [];
        for (const { name, comment } of r.rows) {
            const m = CREATOR.exec(comment ?? '');
            if (!m)
                continue;
            // Another role's session start may be hidden (NULL): a session with that pid then counts as alive.
            const alive = await this.admin.query(`SELECT 1 FROM pg_catalog.pg_stat_activity WHERE pid = $1 AND (backend_start IS NULL OR ${BACKEND_START} = $2)`, [Number(m[1]), m[2]]);
            if (alive.rowCount)
                continue;
            try {
                await this.dropDatabase(name);
                out.push(`dropped ${name}, left behind by an earlier verify whose process was killed`);
            }
            catch (err) {
                out.push(`could not drop ${name}, left behind by an earlier verify whose process was killed: ${err.message}`);
            }
        }
        return out;
    }
    /**
     * Once `signal` is aborted, cancels whatever runs on this run's scratch databases (the migration, our queries
     * about it), from a connection of its own, and keeps at it every 250 ms until the returned function is called:
     * a cancel that arrives between two queries cancels nothing.
     */
    cancelOnAbort(signal) {
        if (!signal)
            return async () => { };
        let timer;
        let canceller;
        const prefix = `${SCRATCH_PREFIX}${this.run}_`;
        const cancel = async () => {
            const c = await (canceller ??= (0,own_session/* connectOwn */.Vp)(this.url).catch(() => undefined));
            await c
                ?.query('SELECT pg_catalog.pg_cancel_backend(pid) FROM pg_catalog.pg_stat_activity WHERE pg_catalog.left(datname, $1) = $2 AND pid <> pg_catalog.pg_backend_pid()', [prefix.length, prefix])
                .catch(() => undefined);
        };
        const onAbort = () => {
            void cancel();
            timer = setInterval(() => void cancel(), 250);
        };
        if (signal.aborted)
            onAbort();
        else
            signal.addEventListener('abort', onAbort, { once: true });
        return async () => {
            signal.removeEventListener('abort', onAbort);
            if (timer)
                clearInterval(timer);
            await (await canceller)?.end().catch(() => { });
        };
    }
    /** A new database, empty or a copy of `template` (which must have no open connections). */
    async create(label, template) {
        const name = `${SCRATCH_PREFIX}${this.run}_${this.serial++}_${label}`.slice(0, 63);
        const from = template ? ` TEMPLATE ${(0,identifiers/* quoteIdent */.v4)(template)}${this.fileCopy ? ' STRATEGY FILE_COPY' : ''}` : '';
        await this.admin.query(`CREATE DATABASE ${(0,identifiers/* quoteIdent */.v4)(name)}${from}`);
        this.created.push(name);
        await this.admin.query(`COMMENT ON DATABASE ${(0,identifiers/* quoteIdent */.v4)(name)} IS ${this.admin.escapeLiteral(this.comment)}`);
        return name;
    }
    urlOf(database) {
        return (0,url.withDatabase)(this.url, database);
    }
    async drop(name) {
        await this.dropDatabase(name);
        this.created.splice(this.created.indexOf(name), 1);
    }
    async dropDatabase(name) {
        if (!this.force)
            await this.admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name]);
        await this.admin.query(`DROP DATABASE IF EXISTS ${(0,identifiers/* quoteIdent */.v4)(name)}${this.force ? ' WITH (FORCE)' : ''}`);
    }
    /** Drops every database this run created, also after a failure, then closes the admin connection. */
    async close() {
        try {
            for (const name of [...this.created].reverse())
                await this.drop(name).catch(() => { });
        }
        finally {
            await this.admin.end().catch(() => { });
        }
    }
}

;// CONCATENATED MODULE: ./src/verify/ownership.ts
/** The settings in postgresql.auto.conf (what ALTER SYSTEM writes): name -> value; undefined when this role may not read them. */
async function systemSettings(c) {
    try {
        const r = await c.query("SELECT name, setting FROM pg_catalog.pg_file_settings WHERE sourcefile LIKE '%postgresql.auto.conf' AND error IS NULL");
        return new Map(r.rows.map((x) => [String(x.name).toLowerCase(), x.setting]));
    }
    catch {
        return undefined;
    }
}
/**
 * The in-transaction query, given the objects that existed before the run (never ours to create). An xmin is
 * 32 bits: its distance from our top-level id (txid_current_if_assigned, 64 bits) is taken modulo 2^32 as a signed
 * number, and subtransactions are assigned after their parent, so a row of ours is at distance 0 or more. That is
 * exact for rows written since the run began; an older row keeps its xmin when frozen, and one older than 2^31
 * transactions could map to an id txid_status would refuse as "in the future": such rows are among those that
 * existed before the run, which are left out first (CASE keeps that order).
 */
function createdQuery(roles, existing) {
    const rows = roles === 'pg_authid'
        ? "SELECT 'role', oid, xmin FROM pg_catalog.pg_authid"
        : // PostgreSQL 16+: a role created by one that is not superuser is granted to its creator, in the same transaction,
            // by the bootstrap superuser (OID 10), whom no other role may name as grantor.
            "SELECT 'role', roleid, xmin FROM pg_catalog.pg_auth_members WHERE grantor = 10";
    const known = (kind) => `WHEN t.k = '${kind}' AND t.o = ANY ('{${[...existing[kind]].map((o) => Math.trunc(o)).join(',')}}'::pg_catalog.oid[]) THEN false`;
    return `SELECT t.k AS kind, t.o::pg_catalog.int8 AS oid FROM (
    SELECT 'database' AS k, oid AS o, xmin AS x FROM pg_catalog.pg_database
    UNION ALL SELECT 'tablespace', oid, xmin FROM pg_catalog.pg_tablespace
    UNION ALL ${rows}
  ) t, (SELECT pg_catalog.txid_current_if_assigned() AS top) c,
  LATERAL (SELECT ((t.x::text::int8 - c.top % 4294967296) % 4294967296 + 4294967296 + 2147483648) % 4294967296 - 2147483648 AS d) a
  WHERE c.top IS NOT NULL AND CASE ${known('database')} ${known('tablespace')} ${known('role')}
    WHEN a.d >= 0 THEN pg_catalog.txid_status(c.top + a.d) = 'in progress' ELSE false END`;
}
/** Watches verify's migrating sessions (see the top of this file); one per verify run. */
class ServerWitness {
    inTransaction;
    rolesKnown;
    created = { database: new Set(), role: new Set(), tablespace: new Set() };
    /** Every ALTER SYSTEM our sessions ran, in order, one entry per setting it changed. */
    settings = [];
    systemBefore;
    constructor(inTransaction, 
    /**
     * pg_authid (and so a role's xmin) is readable by superusers only; others are told by the grant PostgreSQL 16+
     * makes to a role's creator. Before 16, a role that is not superuser cannot tell which roles it created.
     */
    rolesKnown) {
        this.inTransaction = inTransaction;
        this.rolesKnown = rolesKnown;
    }
    /** `existing`: the OIDs there were before the run (serverObjects). */
    static async open(c, existing) {
        const r = await c.query("SELECT rolsuper, pg_catalog.current_setting('server_version_num')::int AS v FROM pg_catalog.pg_roles WHERE rolname = current_user");
        const superuser = r.rows[0]?.rolsuper === true;
        const oids = {
            database: existing.database.keys(),
            tablespace: existing.tablespace.keys(),
            role: existing.role.keys(),
        };
        return new ServerWitness(createdQuery(superuser ? 'pg_authid' : 'pg_auth_members', oids), superuser || r.rows[0]?.v >= 160000);
    }
    seen(rows) {
        for (const row of rows)
            this.created[row.kind]?.add(Number(row.oid));
    }
    async before(client, s) {
        if (s.kind === 'AlterSystemStmt')
            this.systemBefore = await systemSettings(client);
    }
    async after(client, s) {
        if (s.kind === 'CreatedbStmt')
            await this.byName(client, 'database', 'SELECT oid FROM pg_catalog.pg_database WHERE datname = $1', s.node.dbname);
        if (s.kind === 'CreateTableSpaceStmt')
            await this.byName(client, 'tablespace', 'SELECT oid FROM pg_catalog.pg_tablespace WHERE spcname = $1', s.node.tablespacename);
        if (s.kind === 'AlterSystemStmt')
            this.settings.push(...changes(s, this.systemBefore, await systemSettings(client)));
    }
    async byName(client, kind, sql, name) {
        if (typeof name !== 'string')
            return;
        const r = await client.query(sql, [name]).catch(() => ({ rows: [] }));
        for (const row of r.rows)
            this.created[kind].add(Number(row.oid));
    }
}
/**
 * What one ALTER SYSTEM changed: the setting it names (RESET ALL: every one it removed). A change the statement
 * cannot have made (a RESET that left a value, a SET that left none) is another session's, made in between.
 */
function changes(s, before, after) {
    const set = ('setstmt' in s.node ? s.node.setstmt : undefined) ?? {};
    const all = set.kind === 'VAR_RESET_ALL';
    if (!before || !after)
        return [{ name: all ? 'ALL' : String(set.name).toLowerCase(), unknown: 'unreadable' }];
    const names = all ? [...before.keys()].filter((n) => !after.has(n)) : [String(set.name).toLowerCase()];
    const out = [];
    for (const name of names) {
        const change = { name, before: before.get(name), after: after.get(name) };
        if (change.before === change.after)
            continue;
        const removes = all || set.kind === 'VAR_RESET' || set.kind === 'VAR_SET_DEFAULT';
        out.push(removes === (change.after === undefined) ? change : { name, unknown: 'raced' });
    }
    return out;
}

;// CONCATENATED MODULE: ./src/verify/server-effects.ts




const CATALOG = {
    role: 'SELECT oid, rolname AS name FROM pg_catalog.pg_roles',
    database: 'SELECT oid, datname AS name FROM pg_catalog.pg_database',
    tablespace: 'SELECT oid, spcname AS name FROM pg_catalog.pg_tablespace',
};
async function byOid(c, sql) {
    return new Map((await c.query(sql)).rows.map((r) => [Number(r.oid), r.name]));
}
async function serverObjects(c) {
    return {
        role: await byOid(c, CATALOG.role),
        database: await byOid(c, CATALOG.database),
        tablespace: await byOid(c, CATALOG.tablespace),
        system: await systemSettings(c),
    };
}
const named = (text) => (name) => new RegExp(`(^|[^A-Za-z0-9_$])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^A-Za-z0-9_$])`, 'i').test(text);
/**
 * Undoes what verify's own sessions (`witness`) did to the server since `before`; the scratch databases must
 * already be dropped. `text` (the migrations') is used only to say which objects of other sessions were left alone.
 */
async function undoServerEffects(c, before, witness, text) {
    const now = await serverObjects(c);
    const out = { undone: [], left: [], others: [] };
    const attempt = async (what, sql) => {
        try {
            await c.query(sql);
            out.undone.push(what);
        }
        catch (err) {
            out.left.push(`${what}: ${err.message}`);
        }
    };
    await putSettingsBack(c, before.system, now.system, witness.settings, attempt, out.left);
    const force = (await (0,server_version/* serverVersion */.q)(c)) >= 130000 ? ' WITH (FORCE)' : '';
    const ours = (kind) => [...now[kind]].filter(([oid]) => !before[kind].has(oid) && witness.created[kind].has(oid));
    for (const [, d] of ours('database'))
        await attempt(`database ${d} dropped`, `DROP DATABASE IF EXISTS ${(0,identifiers/* quoteIdent */.v4)(d)}${force}`);
    for (const [, t] of ours('tablespace'))
        await attempt(`tablespace ${t} dropped`, `DROP TABLESPACE IF EXISTS ${(0,identifiers/* quoteIdent */.v4)(t)}`);
    for (const [, r] of ours('role'))
        await attempt(`role ${r} dropped`, `DROP ROLE IF EXISTS ${(0,identifiers/* quoteIdent */.v4)(r)}`);
    const mentioned = named(text);
    for (const kind of ['database', 'tablespace', 'role']) {
        for (const [oid, name] of now[kind]) {
            if (before[kind].has(oid) || witness.created[kind].has(oid) || !mentioned(name))
                continue;
            if (kind === 'database' && name.startsWith(SCRATCH_PREFIX))
                continue;
            if (kind === 'role' && !witness.rolesKnown)
                out.left.push(`role ${name}, new since verify started: whether verify's migrations created it cannot be told by a role that is not superuser before PostgreSQL 16 (pg_authid is for superusers only), so it was left as it is`);
            else
                out.others.push(`${kind} ${name}`);
        }
    }
    return out;
}
/**
 * Puts back the ALTER SYSTEM settings our sessions changed, only where every change to the setting during the run
 * is one of ours: the first of ours found the value the run started with, each next one found what the previous
 * left, and the value now is what the last left. Otherwise another session changed it too, and it is left as it
 * is, said so.
 */
async function putSettingsBack(c, start, now, changes, attempt, left) {
    const names = [...new Set(changes.map((x) => x.name))];
    let reload = false;
    for (const name of names) {
        const chain = changes.filter((x) => x.name === name);
        if (!start || !now || chain.some((x) => x.unknown === 'unreadable')) {
            left.push(`ALTER SYSTEM ${name === 'ALL' ? 'RESET ALL' : name} by the migrations left as it is: this role may not read pg_file_settings, so the change cannot be told from another session's`);
            continue;
        }
        const ok = chain.every((x) => !x.unknown) &&
            chain[0].before === start.get(name) &&
            chain.every((x, i) => i === 0 || x.before === chain[i - 1].after) &&
            now.get(name) === chain[chain.length - 1].after;
        if (!ok) {
            left.push(`ALTER SYSTEM ${name} left as it is: another session changed it too while verify ran`);
            continue;
        }
        const was = start.get(name);
        if (now.get(name) === was)
            continue;
        await attempt(`ALTER SYSTEM ${name} put back`, was === undefined
            ? `ALTER SYSTEM RESET ${(0,identifiers/* quoteIdent */.v4)(name)}`
            : `ALTER SYSTEM SET ${(0,identifiers/* quoteIdent */.v4)(name)} = ${c.escapeLiteral(was)}`);
        reload = true;
    }
    if (reload)
        await c.query('SELECT pg_catalog.pg_reload_conf()');
}

// EXTERNAL MODULE: ./src/backup/restore-backup.ts + 1 modules
var restore_backup = __webpack_require__(7539);
// EXTERNAL MODULE: ./src/engine/pipeline.ts + 10 modules
var pipeline = __webpack_require__(5748);
// EXTERNAL MODULE: ./src/engine/context.ts
var context = __webpack_require__(6173);
// EXTERNAL MODULE: ./src/engine/restore-database.ts
var restore_database = __webpack_require__(8720);
;// CONCATENATED MODULE: ./src/engine/verify-change.ts




















/** Versions named by files at the base: the one-file, pair and Flyway layouts, and migration folders. */
function versionsOf(files) {
    const ids = new Set();
    for (const f of files) {
        const [first, ...rest] = f.split('/');
        const v = rest.length
            ? (0,names/* matchFolderName */.PP)(first)?.version
            : (() => {
                const m = (0,names/* matchFileName */.XS)(first);
                return m.kind === 'migration' ? m.version : undefined;
            })();
        if (v)
            ids.add((0,version/* versionId */.Ik)(v));
    }
    return ids;
}
/**
 * Deployed migrations are those present at base-ref; the rest are new. New ones must sort after every deployed
 * one and must not reuse a deployed version; deployed ones must not have been edited.
 */
async function splitByBase(migrations, config) {
    if (!config.baseRef)
        return { deployed: [], fresh: migrations, problems: [] };
    const atBase = await (0,changed_files.filesAtBase)(config.baseRef, config.migrationsDir);
    const changed = await (0,changed_files.changedFiles)(config.baseRef, config.migrationsDir);
    const baseVersions = versionsOf(atBase);
    const deployed = migrations.filter((m) => atBase.has(m.up.file));
    const fresh = migrations.filter((m) => !atBase.has(m.up.file));
    const problems = [];
    const newest = deployed[deployed.length - 1];
    for (const m of fresh) {
        if (baseVersions.has((0,version/* versionId */.Ik)(m.version))) {
            problems.push({
                rule: 'version-reused',
                file: m.up.file,
                message: `${m.up.file} reuses version ${m.version.text}, which a deployed migration already has: production would take it as applied and never run it`,
                help: 'Give the migration a new version, later than every deployed one.',
            });
        }
        else if (newest && (0,version/* compareVersions */.Zy)(m.version, newest.version) < 0) {
            problems.push({
                rule: 'out-of-order',
                file: m.up.file,
                message: `${m.up.file} sorts before ${newest.up.file}, which is deployed: production would run it out of order (or refuse it)`,
                help: 'Rename it to a version after the newest deployed migration.',
            });
        }
    }
    for (const m of deployed.filter((d) => changed.has(d.up.file))) {
        problems.push({
            rule: 'deployed-migration-edited',
            file: m.up.file,
            message: `${m.up.file} is deployed and was edited in this change: databases that ran it will not get the edit, and apply refuses the checksum drift`,
            help: 'Revert the edit and put the change in a new migration.',
        });
    }
    return { deployed, fresh, problems };
}
/**
 * Runs the change's migrations for real on scratch databases of the server in database-url (never on the
 * database it names): apply with observed locks, a second run, the down/up round trip, and lint; reports the
 * schema change the PR makes.
 */
async function verifyChange(config, ctx) {
    const report = (0,context/* startReport */.Fg)('verify', config, ctx.databaseUrl);
    const { migrations } = await (0,discover.readFolder)(config.migrationsDir, config.allowEmpty);
    const split = await splitByBase(migrations, config);
    for (const p of split.problems)
        (0,model_report/* addFinding */.Xd)(report, { ...p, severity: 'error' });
    // A required check runs on every pull request: one that adds no migration passes here, in a second.
    if (config.baseRef && !split.fresh.length && !config.restoreDrill) {
        report.notes.push(`no migration in ${config.migrationsDir} is new since ${config.baseRef}: nothing to verify`);
        return report;
    }
    const role = await (0,own_session/* withOwnClient */.mG)(ctx.databaseUrl, mayNotCreateDatabases);
    if (role) {
        (0,model_report/* addFinding */.Xd)(report, {
            rule: 'database-error',
            severity: 'error',
            sqlstate: '42501',
            message: `verify creates scratch databases, and the role ${role} may not: it has neither CREATEDB nor superuser (a managed service's migrating role, which owns its database and no more, as a rule); nothing was run`,
            help: `Run verify where it may create databases: on a throwaway server (the pull request check's PostgreSQL service container, or the CLI without database-url, which starts one), or as a role with CREATEDB (ALTER ROLE ${role} CREATEDB, where the service allows it). plan, apply, backup and restore need no more than owning the database.`,
        });
        return report;
    }
    const { analysed, errors } = await (0,analyse/* analyseAll */.F)(split.fresh);
    // `\connect` lines are checked against the database in database-url, which stands for the target here.
    const who = await (0,connect.withClient)(ctx.databaseUrl, async (c) => (await c.query('SELECT pg_catalog.current_database() AS database, session_user AS user')).rows[0]);
    errors.push(...(0,analyse/* foreignConnects */.u)(analysed, who));
    (0,context/* reportAnalysisErrors */.S9)(report, errors);
    // Migrations after one that cannot be parsed cannot be run in order: the chain stops there.
    const firstBroken = Math.min(split.fresh.length, ...errors.map((e) => split.fresh.indexOf(e.migration)));
    const runnable = analysed.filter((a) => split.fresh.indexOf(a.migration) < firstBroken);
    if (config.checks.has('lint')) {
        const inScope = new Set(split.fresh);
        // As the lint command does: the server's own version decides, unless postgres-version names one.
        const postgresVersion = config.postgresVersion ?? (await (0,connect.withClient)(ctx.databaseUrl, server_version/* serverMajor */.j));
        const findings = await ctx.log.group('lint the new migrations', () => (0,lint_files/* lintFiles */.j)(migrations.map((m) => ({
            script: m.up,
            hasDown: !!m.down,
            version: m.version.text,
            noTransactionDirective: m.noTransactionDirective,
            runByThisTool: true,
            inScope: inScope.has(m),
        })), { postgresVersion, disabled: new Set([...config.disabledRules, 'syntax-error']) }));
        for (const f of findings)
            (0,model_report/* addFinding */.Xd)(report, f);
    }
    const { before, witness } = await (0,own_session/* withOwnClient */.mG)(ctx.databaseUrl, async (c) => {
        const objects = await serverObjects(c);
        return { before: objects, witness: await ServerWitness.open(c, objects) };
    });
    const server = await ScratchServer.open(ctx.databaseUrl);
    const stopCancelling = server.cancelOnAbort(ctx.signal);
    try {
        for (const line of await server.dropLeftovers())
            report.notes.push(`verify ${line}`);
        const { result, findings, cancelled } = ctx.signal?.aborted
            ? { result: undefined, findings: [], cancelled: String(ctx.signal.reason) }
            : await ctx.log.group(`run ${split.deployed.length} deployed and ${runnable.length} new migration(s) on scratch databases`, () => runChecks(server, split.deployed, runnable, { ...config, signal: ctx.signal, witness }, ctx.log));
        report.verify = result;
        for (const f of findings)
            (0,model_report/* addFinding */.Xd)(report, f);
        if (cancelled)
            verifyCancelled(report, cancelled);
    }
    finally {
        await stopCancelling();
        await server.close();
        await undoOnServer(ctx.databaseUrl, before, witness, [...split.deployed, ...split.fresh], report);
    }
    if (report.cancelled)
        return report;
    if (config.restoreDrill)
        await ctx.log.group('restore drill', () => restoreDrill(config, ctx, report));
    ctx.log.info(`verified ${report.verify?.migrations.filter((m) => m.apply === 'ok').length ?? 0} of ${split.fresh.length} new migration(s) on top of ${split.deployed.length} deployed`);
    return report;
}
/** The run was cancelled: said as such; its scratch databases are dropped and what it did to the server undone all the same. */
function verifyCancelled(report, reason) {
    report.cancelled = reason;
    const done = report.verify?.migrations.filter((m) => m.apply === 'ok').length ?? 0;
    (0,model_report/* addFinding */.Xd)(report, {
        rule: 'cancelled',
        severity: 'error',
        message: `verify cancelled (${reason}) after ${done} new migration(s) had applied on the scratch database; the running statement was cancelled and the checks after it were not run`,
        help: 'Run verify again to check every migration; its scratch databases were dropped, and nothing was changed in the database it was given.',
    });
}
/**
 * Puts the server back where verify's own sessions changed more than their scratch databases (roles, ALTER
 * SYSTEM, …); what other sessions did meanwhile stays, and where the migrations name it, the report says so.
 */
async function undoOnServer(url, before, witness, ran, report) {
    const text = ran.map((m) => `${m.up.sql}\n${m.down?.sql ?? ''}`).join('\n');
    const { undone, left, others } = await (0,own_session/* withOwnClient */.mG)(url, (c) => undoServerEffects(c, before, witness, text));
    if (undone.length)
        report.notes.push(`verify undid what the migrations changed on the whole server: ${undone.join('; ')}`);
    if (others.length)
        report.notes.push(`left alone, created on the server by other sessions while verify ran (not by verify's migrations, though they use the names): ${others.join(', ')}`);
    for (const problem of left) {
        (0,model_report/* addFinding */.Xd)(report, {
            rule: 'server-side-effect',
            severity: 'warning',
            message: `verify could not undo a server-wide change of the migrations (${problem}); a later verify on this server may fail because of it`,
            help: 'Remove it by hand, or run verify on a throwaway server (a workflow service container).',
        });
    }
}
/**
 * Restores a backup into a scratch database and applies the pending migrations on it with the real apply
 * engine: proof that the backup restores and that the migrations run on the real shape of the data.
 */
async function restoreDrill(config, ctx, report) {
    const value = config.restoreDrill;
    const dump = await (0,restore_database/* locateDump */.t)((0,external_node_fs_.existsSync)(value) ? { file: value } : { artifact: value, identity: config.backupIdentity }, ctx);
    const server = await ScratchServer.open(ctx.databaseUrl);
    try {
        const url = server.urlOf(await server.create('drill'));
        const started = performance.now();
        const m = await (0,restore_backup/* restoreBackup */.d)(url, dump, config.pgDumpPath, { signal: ctx.signal });
        const restoredMs = Math.round(performance.now() - started);
        const applied = await (0,pipeline/* applyMigrations */.K)(config, { ...ctx, databaseUrl: url, appliedBy: 'restore drill' });
        for (const f of applied.findings)
            (0,model_report/* addFinding */.Xd)(report, { ...f, rule: `restore-drill/${f.rule}`, message: `restore drill: ${f.message}` });
        report.notes.push(`restore drill: ${m.file} restored in ${restoredMs} ms (sha256 checked), then ${applied.applied.length} of ${applied.pending.length} pending migration(s) applied on it${applied.ok ? '' : ' before a failure'}`);
    }
    catch (err) {
        // Cancelled: the run's outcome, not the drill's failure (pg_restore was stopped, its scratch database goes below).
        if (err instanceof errors.CancelledError)
            return verifyCancelled(report, err.reason);
        (0,model_report/* addFinding */.Xd)(report, {
            rule: 'restore-drill',
            severity: 'error',
            message: `restore drill failed: ${err.message}`,
            help: 'The backup cannot be restored as it is: check the dump and the pg_restore version.',
        });
    }
    finally {
        await server.close();
    }
}

;// CONCATENATED MODULE: ./src/commands/verify.ts

/** The verify command: the pull request's check (src/engine/verify-change.ts). */
function verify(config, ctx) {
    return verifyChange(config, ctx);
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


/***/ }),

/***/ 611:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  changedFiles: () => (/* binding */ changedFiles),
  filesAtBase: () => (/* binding */ filesAtBase)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
// EXTERNAL MODULE: ./src/foundation/errors.ts
var errors = __webpack_require__(358);
;// CONCATENATED MODULE: ./src/git/git.ts



const run = (0,external_node_util_.promisify)(external_node_child_process_.execFile);
async function git(args, cwd) {
    const { stdout } = await run('git', args, { cwd, maxBuffer: 64 * 1024 * 1024 });
    return stdout;
}
/** The repository's top folder, or an InputError saying base-ref needs a checkout. */
async function repositoryRoot(dir) {
    const top = (await git(['rev-parse', '--show-toplevel'], dir).catch(() => '')).trim();
    if (!top)
        throw new errors/* InputError */.dz([
            `base-ref: '${dir}' is not inside a git checkout; run where the repository is checked out, or leave base-ref empty`,
        ]);
    return top;
}
/**
 * The merge base of baseRef and HEAD. A clone without the base (a shallow checkout) is refused with the fix,
 * never silently treated as "everything is new".
 */
async function mergeBase(baseRef, top) {
    try {
        await git(['rev-parse', '--verify', '--quiet', `${baseRef}^{commit}`], top);
        return (await git(['merge-base', baseRef, 'HEAD'], top)).trim();
    }
    catch (cause) {
        throw new errors/* InputError */.dz([
            `base-ref: '${baseRef}' is not in this clone, or shares no history with HEAD (a shallow checkout?); use actions/checkout with fetch-depth: 0, or git fetch the base branch first`,
        ], { cause });
    }
}

;// CONCATENATED MODULE: ./src/git/changed-files.ts


/** Paths relative to `dir` of git's NUL-separated output (paths relative to the repository's top). */
function underDir(out, top, dir) {
    const root = (0,external_node_path_.resolve)(dir);
    return new Set(out
        .split('\0')
        .filter(Boolean)
        .map((f) => (0,external_node_path_.relative)(root, (0,external_node_path_.resolve)(top, f))));
}
/**
 * Files under `dir` added, changed or renamed since the merge base of `baseRef` and HEAD (committed or not), as
 * paths relative to `dir`.
 */
async function changedFiles(baseRef, dir) {
    const top = await repositoryRoot(dir);
    const base = await mergeBase(baseRef, top);
    // Against the working tree, plus untracked files: locally, a migration not yet committed is part of the change.
    const changed = await git(['diff', '--name-only', '--diff-filter=AMR', '-z', base, '--', (0,external_node_path_.resolve)(dir)], top);
    const untracked = await git(['ls-files', '--others', '--exclude-standard', '-z', '--', (0,external_node_path_.resolve)(dir)], top);
    return underDir(`${changed}${untracked}`, top, dir);
}
/** Files under `dir` as they were at the merge base of `baseRef` and HEAD: what is deployed. */
async function filesAtBase(baseRef, dir) {
    const top = await repositoryRoot(dir);
    const base = await mergeBase(baseRef, top);
    return underDir(await git(['ls-tree', '-r', '--name-only', '-z', base, '--', (0,external_node_path_.resolve)(dir)], top), top, dir);
}


/***/ })

};
