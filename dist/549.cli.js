export const id = 549;
export const ids = [549,490];
export const modules = {

/***/ 4861:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Le: () => (/* binding */ isRestored),
/* harmony export */   hB: () => (/* binding */ recordCatalog),
/* harmony export */   k0: () => (/* binding */ changeText),
/* harmony export */   zB: () => (/* binding */ catalogChanges)
/* harmony export */ });
/* harmony import */ var _db_catalog_catalog_state_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3049);

const recordCatalog = (entries) => Object.fromEntries(entries.map((e) => [e.key, [e.hash, e.label ?? e.key]]));
/** How a change reads in a report. */
function changeText(c) {
    if (c.how === 'moved')
        return `${c.label} moved (a restore would set it back, and hand out those values again)`;
    return `${c.label} ${c.how}`;
}
/** The kinds a restore leaves as they are (see CatalogEntry.restored). */
const isRestored = (key) => !/^(setting|role):/.test(key) && !/^(object|comment):1262\//.test(key);
/**
 * The entries pg_restore replaces that differ between `recorded` (the backup's) and `now`, split into the run's
 * own and the rest. Without `run` every change is the rest, but for sequences that moved while no transaction (but
 * the run's) committed since the backup (`quiet`): the values they handed out were kept by nothing that lasted.
 */
function catalogChanges(recorded, now, run, quiet = false) {
    const ours = [];
    const theirs = [];
    const seen = new Set();
    const current = new Map(now.map((e) => [e.key, e]));
    const byRun = (key, e) => !!run && e.xmin !== undefined && run.xids.has(e.xmin) && run.atStart.get(key) === recorded[key]?.[0];
    for (const e of now) {
        if (!e.restored)
            continue;
        seen.add(e.key);
        const was = recorded[e.key];
        if (was?.[0] === e.hash)
            continue;
        // Named as the backup knew it (a dropped column is renamed ........pg.dropped.N........), and as it is now.
        const label = !was ? (e.label ?? e.key) : e.label && e.label !== was[1] ? `${was[1]} (now ${e.label})` : was[1];
        if (e.key.startsWith('value:')) {
            // A sequence moves outside transactions: the run's only when it created the sequence or nobody else committed.
            const created = current.get(`object:${e.key.slice('value:'.length)}`);
            const mine = !!run && ((!was && !!created && byRun(created.key, created)) || run.movedByRun(e.key));
            if (mine || (was && quiet))
                ours.push({ key: e.key, label, how: was ? 'moved' : 'added' });
            else
                theirs.push({ key: e.key, label, how: was ? 'moved' : 'added' });
            continue;
        }
        (byRun(e.key, e) ? ours : theirs).push({ key: e.key, label, how: was ? 'changed' : 'added' });
    }
    for (const [key, [, label]] of Object.entries(recorded)) {
        if (seen.has(key) || !isRestored(key))
            continue;
        const mine = !!run && run.atStart.has(key) && run.removedByRun(key);
        (mine ? ours : theirs).push({ key, label, how: 'removed' });
    }
    return { ours: folded(ours), theirs: folded(theirs) };
}
/** An object added or removed whole is one change: its columns, definition, comment and value go without saying. */
function folded(changes) {
    const whole = new Map(changes
        .filter((c) => /^object:\d+\/\d+\/0$/.test(c.key) && c.how !== 'changed')
        .map((c) => [(0,_db_catalog_catalog_state_js__WEBPACK_IMPORTED_MODULE_0__/* .objectOf */ .Xy)(c.key), c.how]));
    return changes.filter((c) => /^object:\d+\/\d+\/0$/.test(c.key) || whole.get((0,_db_catalog_catalog_state_js__WEBPACK_IMPORTED_MODULE_0__/* .objectOf */ .Xy)(c.key)) !== c.how);
}


/***/ }),

/***/ 9794:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Q3: () => (/* binding */ sha256File),
/* harmony export */   hk: () => (/* binding */ checkDump),
/* harmony export */   m3: () => (/* binding */ dumpDatabase),
/* harmony export */   nE: () => (/* binding */ restoreDump),
/* harmony export */   pq: () => (/* binding */ restoreDumpAtBarrier),
/* harmony export */   qI: () => (/* reexport safe */ _run_tool_js__WEBPACK_IMPORTED_MODULE_9__.runTool)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8500);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_4___default = /*#__PURE__*/__webpack_require__.n(node_timers_promises__WEBPACK_IMPORTED_MODULE_4__);
/* harmony import */ var _config_duration_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(7840);
/* harmony import */ var _config_inputs_spec_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(5725);
/* harmony import */ var _db_session_own_session_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(8280);
/* harmony import */ var _db_catalog_preflight_js__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(1341);
/* harmony import */ var _foundation_errors_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(358);
/* harmony import */ var _run_tool_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(5490);
/* harmony import */ var _tool_connection_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(9287);












/** backup-lock-timeout's default, for callers not given the configured bound. */
const DEFAULT_LOCK_TIMEOUT_MS = (0,_config_duration_js__WEBPACK_IMPORTED_MODULE_5__/* .parseDuration */ .E)('backup-lock-timeout', _config_inputs_spec_js__WEBPACK_IMPORTED_MODULE_6__/* .INPUTS */ .mc['backup-lock-timeout'], 'timeout');
const describeSession = (s) => s.hidden ? (0,_db_catalog_preflight_js__WEBPACK_IMPORTED_MODULE_11__/* .describeSession */ ._0)(s) : `pid ${s.pid} (${s.state}, transaction open ${s.transactionAgeSeconds} s: ${s.query})`;
const fix = 'let that session finish or end it (SELECT pg_terminate_backend(<pid>)), or raise backup-lock-timeout';

/**
 * pg_dump in custom format (compressed) straight to `file`. It waits at most lockTimeoutMs (0: no limit) for its
 * locks on the tables, then fails naming the tables and the sessions holding them. Cancelled by `signal`, it is
 * stopped with its server session. A dump that did not finish leaves no file behind.
 */
async function dumpDatabase(pgDump, url, file, lockTimeoutMs = DEFAULT_LOCK_TIMEOUT_MS, snapshot, signal) {
    const name = `pg-migration-gate backup ${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(4).toString('hex')}`;
    const conn = (0,_tool_connection_js__WEBPACK_IMPORTED_MODULE_10__/* .toolConnection */ .Z)(url, pgDump, name);
    const bound = lockTimeoutMs ? [`--lock-wait-timeout=${lockTimeoutMs}`] : [];
    // A snapshot exported by a transaction the caller keeps open: the dump is exactly that moment.
    const at = snapshot ? [`--snapshot=${snapshot}`] : [];
    try {
        await (0,_run_tool_js__WEBPACK_IMPORTED_MODULE_9__.withToolSession)(url, name, () => (0,_run_tool_js__WEBPACK_IMPORTED_MODULE_9__.runTool)(pgDump, ['--format=custom', '--no-password', ...bound, ...at, `--file=${file}`, conn.dbnameArg], conn.env, conn.files, signal));
    }
    catch (err) {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.rmSync)(file, { force: true });
        if (err instanceof _foundation_errors_js__WEBPACK_IMPORTED_MODULE_8__.CancelledError)
            throw err;
        // pg_dump bounds its LOCK TABLE with statement_timeout and prints that statement, which names the tables (all
        // of a batch in newer versions, possibly cut short by runTool); the sessions holding ACCESS EXCLUSIVE locks
        // on them say which one it waited for.
        const lock = /canceling statement due to statement timeout[\s\S]*?Query was: LOCK TABLE (.*?)(?: IN ACCESS SHARE MODE|\n|$)/.exec(err.message);
        if (!lock)
            throw err;
        const tables = lock[1].split(', ');
        const holders = (await (0,_db_session_own_session_js__WEBPACK_IMPORTED_MODULE_7__/* .withOwnClient */ .mG)(url, _db_catalog_preflight_js__WEBPACK_IMPORTED_MODULE_11__/* .dumpBlockers */ .uK).catch(() => [])).filter((h) => tables.includes(h.relation));
        const what = holders.length
            ? holders.map((h) => `${h.relation}, held by ${describeSession(h)}`).join('; ')
            : `${tables.slice(0, 3).join(', ')}${tables.length > 3 ? ` (or one of ${tables.length - 3} more tables)` : ''}`;
        throw new _foundation_errors_js__WEBPACK_IMPORTED_MODULE_8__/* .StateError */ .qq([
            `pg_dump waited ${lockTimeoutMs} ms (backup-lock-timeout) for a lock on ${what}, and gave up; nothing was dumped: ${fix}`,
        ], { cause: err });
    }
}
/** pg_restore --list: the dump's table of contents can be read, entry by entry. Returns the entry count. */
async function checkDump(pgRestore, file, signal) {
    const list = await (0,_run_tool_js__WEBPACK_IMPORTED_MODULE_9__.runTool)(pgRestore, ['--list', file], process.env, [], signal);
    return list.split('\n').filter((l) => /^\d+;/.test(l)).length;
}
/** sha256 of a file, streamed. */
function sha256File(file, signal) {
    return new Promise((resolve, reject) => {
        const hash = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256');
        // A cancel stops the read where it is: a dump of gigabytes is not hashed to the end first.
        const stream = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.createReadStream)(file, { signal });
        stream
            .on('data', (d) => hash.update(d))
            .on('error', (err) => reject(signal?.aborted ? new _foundation_errors_js__WEBPACK_IMPORTED_MODULE_8__.CancelledError(String(signal.reason), `while ${file} was hashed`) : err))
            .on('end', () => resolve(hash.digest('hex')));
    });
}
/**
 * pg_restore into an existing database: objects are dropped first (--clean --if-exists), the first error stops
 * it, and the whole restore is one transaction, so a failed restore changes nothing. A statement that waits
 * longer than lockTimeoutMs (0: no limit) for a lock is cancelled, and the error names the lock and its holders.
 * Cancelled by `signal`, pg_restore is stopped with its server session, and its transaction rolls back.
 */
async function restoreDump(pgRestore, url, file, lockTimeoutMs = DEFAULT_LOCK_TIMEOUT_MS, useList, signal) {
    const name = `pg-migration-gate restore ${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(4).toString('hex')}`;
    const conn = (0,_tool_connection_js__WEBPACK_IMPORTED_MODULE_10__/* .toolConnection */ .Z)(url, pgRestore, name);
    // useList: the dump's table of contents less entries this role may not restore (see system-privileges.ts).
    const list = useList ? [`--use-list=${useList}`] : [];
    const restore = () => (0,_run_tool_js__WEBPACK_IMPORTED_MODULE_9__.withToolSession)(url, name, () => (0,_run_tool_js__WEBPACK_IMPORTED_MODULE_9__.runTool)(pgRestore, [
        '--clean',
        '--if-exists',
        '--exit-on-error',
        '--single-transaction',
        '--no-owner',
        '--no-password',
        ...list,
        conn.dbnameArg,
        file,
    ], conn.env, conn.files, signal));
    if (!lockTimeoutMs)
        await restore();
    else
        await cancelLongLockWaits(url, name, lockTimeoutMs, restore, (what) => `pg_restore waited longer than ${lockTimeoutMs} ms (backup-lock-timeout) for ${what}; it was stopped, and as the restore is one transaction nothing was restored: ${fix}, then restore again`);
}
/** Takes EXCLUSIVE (writes wait, reads go on) on every table the role may lock, waiting at most the bound. */
const LOCK_TABLES = `DO $pmg$ DECLARE t regclass; BEGIN
  FOR t IN SELECT c.oid FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname !~ '^pg_'
              AND pg_catalog.has_table_privilege(c.oid, 'UPDATE,DELETE,TRUNCATE') ORDER BY c.oid LOOP
    EXECUTE pg_catalog.format('LOCK TABLE %s IN EXCLUSIVE MODE', t);
  END LOOP;
END $pmg$;`;
/**
 * Runs statements in order, trying again those that fail for an object that still depends on them (our own objects
 * may depend on each other) until no more can go; any left is an error, and the restore rolls back.
 */
const inOrder = (statements, tag) => `DO $${tag}$ DECLARE pending text[] := ARRAY[${statements.map(literal).join(', ')}]::text[]; next text[]; s text; moved bool := true; BEGIN
  WHILE moved AND pg_catalog.cardinality(pending) > 0 LOOP
    moved := false; next := '{}';
    FOREACH s IN ARRAY pending LOOP
      BEGIN EXECUTE s; moved := true; EXCEPTION WHEN dependent_objects_still_exist THEN next := next || s; END;
    END LOOP;
    pending := next;
  END LOOP;
  IF pg_catalog.cardinality(pending) > 0 THEN RAISE EXCEPTION 'still depended on by objects that are not this run''s: %', pending; END IF;
END $${tag}$;`;
const withoutPassword = ({ PGPASSWORD: _, ...env }) => env;
const literal = (s) => `'${s.replace(/'/g, "''")}'`;
/**
 * A restore no write can slip past: psql takes EXCLUSIVE on every table, in the transaction that then runs
 * pg_restore's script (streamed, never in memory), and waits at a barrier (an advisory lock we hold) while `barrier`
 * checks the database with writes held off; what it approves runs in that same transaction, so nothing committed
 * between the check and the restore can be lost. A refusal rolls the transaction back: nothing changed.
 */
async function restoreDumpAtBarrier(pgRestore, psql, url, file, barrier, o = {}) {
    const lockTimeoutMs = o.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS;
    const name = `pg-migration-gate restore ${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(4).toString('hex')}`;
    const conn = (0,_tool_connection_js__WEBPACK_IMPORTED_MODULE_10__/* .toolConnection */ .Z)(url, psql, name);
    const dir = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.mkdtempSync)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)((0,node_os__WEBPACK_IMPORTED_MODULE_2__.tmpdir)(), 'pmg-restore-'));
    // Two barriers: before the dump's script (the check), and after it (pg_restore ended well: psql takes an input cut
    // short for a whole one, and would commit it).
    const [key, end] = [(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(6).readUIntBE(0, 6), (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(6).readUIntBE(0, 6)];
    const [prelude, decided, finish, outcome] = ['lock.sql', 'decided.sql', 'finish.sql', 'outcome.sql'].map((f) => (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(dir, f));
    // The server's session limits would end the transaction while it waits at a barrier, or idles until pg_restore's
    // first line: they are off for it, as for every session of ours. The wait for the locks is bounded by the
    // watcher below, which names who held them (lock_timeout would not).
    (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.writeFileSync)(prelude, `${_db_session_own_session_js__WEBPACK_IMPORTED_MODULE_7__/* .OWN_SESSION_SQL */ .t5};\nSET lock_timeout = 0;\nSET standard_conforming_strings = on;\n${LOCK_TABLES}\nSELECT pg_catalog.pg_advisory_xact_lock(${key});\n`);
    (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.writeFileSync)(finish, `SELECT pg_catalog.pg_advisory_xact_lock(${end});\n`);
    const refuse = (why) => `DO $pmg$ BEGIN RAISE EXCEPTION '${why}'; END $pmg$;\n`;
    // Until a decision replaces them (written beside, then renamed: psql reads a whole file or none), the files after
    // each barrier refuse: a barrier opened by anything else (our session lost) restores nothing.
    (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.writeFileSync)(decided, refuse('the restore was not approved'));
    (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.writeFileSync)(outcome, refuse('pg_restore did not finish'));
    const decide = (file, sql) => {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.writeFileSync)(`${file}.new`, sql);
        (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.renameSync)(`${file}.new`, file);
    };
    const holder = await (0,_db_session_own_session_js__WEBPACK_IMPORTED_MODULE_7__/* .connectOwn */ .Vp)(url);
    await holder.query('SELECT pg_catalog.set_config($1, $2, false)', ['application_name', `${name} gate`]);
    const restoreEnded = async (ok) => {
        decide(outcome, ok ? '' : refuse('pg_restore failed'));
        await holder.query('SELECT pg_catalog.pg_advisory_unlock($1)', [end]);
    };
    try {
        await holder.query('SELECT pg_catalog.pg_advisory_lock($1), pg_catalog.pg_advisory_lock($2)', [key, end]);
        const list = o.useList ? [`--use-list=${o.useList}`] : [];
        const restore = () => (0,_run_tool_js__WEBPACK_IMPORTED_MODULE_9__.withToolSession)(url, name, () => (0,_run_tool_js__WEBPACK_IMPORTED_MODULE_9__.runPiped)(
        // pg_restore only writes the script: it never connects, and gets no password. --single-transaction keeps
        // its large objects' own BEGIN … COMMIT out of the script; its one COMMIT comes last, once it is all written.
        {
            tool: pgRestore,
            args: ['--clean', '--if-exists', '--no-owner', '--single-transaction', ...list, '--file=-', file],
            env: withoutPassword(conn.env),
        }, {
            tool: psql,
            args: [
                '-X',
                '-q',
                '-o',
                '/dev/null',
                '--no-password',
                '--single-transaction',
                '-v',
                'ON_ERROR_STOP=1',
                '-f',
                prelude,
                '-f',
                decided,
                '-f',
                '-',
                '-f',
                finish,
                '-f',
                outcome,
                conn.dbnameArg,
            ],
            env: conn.env,
            files: conn.files,
        }, restoreEnded, o.signal));
        const running = lockTimeoutMs
            ? cancelLongLockWaits(url, name, lockTimeoutMs, restore, (what) => `the restore waited longer than ${lockTimeoutMs} ms (backup-lock-timeout) for ${what}; it was stopped, and as the restore is one transaction nothing was restored: ${fix}, then restore again`)
            : restore();
        // Until psql waits at the barrier, every table locked: or it failed (a lock not had in time, a connection refused).
        let looking = true;
        const atBarrier = async () => {
            while (looking) {
                const r = await holder.query(`SELECT 1 FROM pg_catalog.pg_locks l JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid WHERE a.application_name = $1 AND l.locktype = 'advisory' AND NOT l.granted`, [name]);
                if (r.rows.length)
                    return undefined;
                await (0,node_timers_promises__WEBPACK_IMPORTED_MODULE_4__.setTimeout)(25);
            }
        };
        const ended = running.then(() => new _foundation_errors_js__WEBPACK_IMPORTED_MODULE_8__/* .StateError */ .qq(['psql ended before it had locked the tables; nothing was restored']), (err) => err);
        const failedEarly = await Promise.race([atBarrier(), ended]).finally(() => (looking = false));
        if (failedEarly)
            throw failedEarly;
        let verdict;
        try {
            verdict = await barrier(name);
        }
        catch (err) {
            verdict = err;
        }
        decide(decided, Array.isArray(verdict)
            ? verdict.length
                ? `${inOrder(verdict, `pmg_${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(8).toString('hex')}`)}\n`
                : ''
            : refuse('the restore was refused'));
        await holder.query('SELECT pg_catalog.pg_advisory_unlock($1)', [key]);
        if (!Array.isArray(verdict)) {
            // A cancel is said as the tools' (pg_restore stopped), whatever the check was doing when it came.
            const ended = await running.then(() => undefined, (err) => err);
            throw ended instanceof _foundation_errors_js__WEBPACK_IMPORTED_MODULE_8__.CancelledError ? ended : verdict;
        }
        await running;
    }
    finally {
        await holder.end().catch(() => { });
        (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.rmSync)(dir, { recursive: true, force: true });
    }
}
/** The session named $1's statement that has waited for a lock for longer than $2 ms, with the sessions it waits for. */
const LONG_LOCK_WAIT = `
  SELECT w.pid AS waiter, l.mode AS wanted,
         coalesce((SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = l.relation), l.locktype) AS target,
         b.pid, coalesce(b.state, '') AS state, coalesce(extract(epoch FROM now() - b.xact_start), 0)::int AS age, left(coalesce(b.query, ''), 200) AS query,
         b.state IS NULL AS hidden, b.usename AS role
    FROM pg_stat_activity w JOIN pg_locks l ON l.pid = w.pid AND NOT l.granted
    LEFT JOIN pg_stat_activity b ON b.pid = ANY (pg_blocking_pids(w.pid))
   WHERE w.application_name = $1 AND now() - w.query_start > make_interval(secs => $2 / 1000.0) AND l.locktype <> 'advisory'`;
/**
 * Runs `work`, a tool connected as `applicationName`, while a second connection cancels any statement of it that
 * has waited longer than `ms` for a lock (timed from the statement's start); the error then says what it waited
 * for. pg_restore needs this: every archive starts with SET lock_timeout = 0, which overrides PGOPTIONS and role
 * settings alike.
 */
async function cancelLongLockWaits(url, applicationName, ms, work, gaveUp) {
    // Ours, so that the server's session limits leave it alone while it sleeps between looks.
    const watcher = await (0,_db_session_own_session_js__WEBPACK_IMPORTED_MODULE_7__/* .connectOwn */ .Vp)(url);
    await watcher.query('SELECT pg_catalog.set_config($1, $2, false)', ['application_name', `${applicationName} watch`]);
    const stop = new AbortController();
    let waited;
    const watch = async () => {
        while (!waited) {
            await (0,node_timers_promises__WEBPACK_IMPORTED_MODULE_4__.setTimeout)(Math.min(1000, Math.max(50, ms / 4)), undefined, { signal: stop.signal });
            const rows = (await watcher.query(LONG_LOCK_WAIT, [applicationName, ms])).rows;
            if (!rows.length)
                continue;
            // Another role's session may hide its state and query from ours (see BlockingSession): then it is named by its role.
            const holders = rows
                .filter((r) => r.pid !== null)
                .map((r) => describeSession({ ...r, transactionAgeSeconds: r.age, hidden: r.hidden ? { role: r.role } : undefined }));
            waited = `${rows[0].wanted} on ${rows[0].target}, held by ${holders.join('; ') || 'a prepared transaction or a session that just ended'}`;
            await watcher.query('SELECT pg_cancel_backend($1)', [rows[0].waiter]);
        }
    };
    // Stopped (the sleep aborted) or the watcher lost: the tool's own outcome stands.
    const watching = watch().catch(() => { });
    try {
        await work();
    }
    catch (err) {
        throw waited ? new _foundation_errors_js__WEBPACK_IMPORTED_MODULE_8__/* .StateError */ .qq([gaveUp(waited)], { cause: err }) : err;
    }
    finally {
        stop.abort();
        await watching;
        await watcher.end().catch(() => { });
    }
}


/***/ }),

/***/ 3985:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   I: () => (/* binding */ decryptFile),
/* harmony export */   o: () => (/* binding */ encryptFile)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7075);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_stream__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6466);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_stream_promises__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _foundation_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(358);




// age-encryption is imported when a file is encrypted or decrypted, not with this module: config parsing reads
// parseRecipients on every run, and most runs encrypt nothing.
/**
 * Encrypts a file to age recipients, streaming (64 KiB chunks): the dump never sits in memory. Anyone who can
 * read the repository can download its artifacts; only holders of a matching identity can read this.
 */
async function encryptFile(input, output, recipients, signal) {
    const { Encrypter } = await __webpack_require__.e(/* import() */ 539).then(__webpack_require__.bind(__webpack_require__, 1539));
    const e = new Encrypter();
    for (const r of recipients)
        e.addRecipient(r);
    const encrypted = await e.encrypt(node_stream__WEBPACK_IMPORTED_MODULE_1__.Readable.toWeb((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.createReadStream)(input, { signal })));
    try {
        await (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_2__.pipeline)(node_stream__WEBPACK_IMPORTED_MODULE_1__.Readable.fromWeb(encrypted), (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.createWriteStream)(output), {
            signal,
        });
    }
    catch (err) {
        // A cancel leaves no half-written copy to be taken for the backup.
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.rmSync)(output, { force: true });
        if (signal?.aborted)
            throw new _foundation_errors_js__WEBPACK_IMPORTED_MODULE_3__.CancelledError(String(signal.reason), `while ${input} was encrypted`);
        throw err;
    }
}
/** Decrypts an age file with an identity (AGE-SECRET-KEY-1…), streaming. */
async function decryptFile(input, output, identity) {
    if (!identity)
        throw new _foundation_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz([
            `${input}: the backup is encrypted; set backup-identity to the age identity (AGE-SECRET-KEY-1…) matching its recipient`,
        ]);
    const { Decrypter } = await __webpack_require__.e(/* import() */ 539).then(__webpack_require__.bind(__webpack_require__, 1539));
    const d = new Decrypter();
    d.addIdentity(identity);
    try {
        const plain = await d.decrypt(node_stream__WEBPACK_IMPORTED_MODULE_1__.Readable.toWeb((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.createReadStream)(input)));
        await (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_2__.pipeline)(node_stream__WEBPACK_IMPORTED_MODULE_1__.Readable.fromWeb(plain), (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.createWriteStream)(output));
    }
    catch (cause) {
        throw new _foundation_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz([
            `${input}: cannot be decrypted with backup-identity (${cause.message}); use the identity matching the backup's recipient`,
        ], { cause });
    }
}


/***/ }),

/***/ 5272:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  _6: () => (/* binding */ readMetadata),
  f5: () => (/* binding */ writeMetadata)
});

// UNUSED EXPORTS: metadataPath

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./src/foundation/errors.ts
var errors = __webpack_require__(358);
;// CONCATENATED MODULE: ./src/backup/metadata-schema.ts
/**
 * The shape of a backup's metadata file (`<dump>.json`, see metadata.ts), checked field by field when it is read.
 * Restore trusts these fields: the sha256 decides whether the dump is intact, the snapshot and the table write
 * counters whether anyone wrote since. A field of the wrong type must never read as "nothing recorded" (write
 * counters that are a string would switch the check off), so anything off is a problem, named with the field, what
 * it holds and what was expected. Optional fields may be absent, never of another type; fields this version does
 * not know are left alone.
 */
/** A string as a message may show it: printable ASCII, cut short. */
const printable = (s, max = 40) => `${s.slice(0, max).replace(/[^\x20-\x7e]/g, '?')}${s.length > max ? '…' : ''}`;
/** What a value is, for a message: short strings and numbers as they are, objects and arrays by their kind only. */
function describeValue(v) {
    if (v === null)
        return 'null';
    if (Array.isArray(v))
        return v.length ? `an array of ${v.length}` : 'an empty array';
    if (typeof v === 'string')
        return v.length > 40 ? `a string of ${v.length} characters ('${printable(v, 24)}')` : `'${printable(v)}'`;
    if (typeof v === 'number' || typeof v === 'boolean')
        return `${typeof v} ${v}`;
    if (typeof v === 'object')
        return 'an object';
    return typeof v;
}
const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A check from a test on the value and what it should have been. */
const when = (ok, expected) => (v, field, problems) => {
    if (!ok(v))
        problems.push({ field, holds: describeValue(v), expected });
};
const matching = (re, expected) => when((v) => typeof v === 'string' && re.test(v), expected);
const DIGITS = /^\d{1,20}$/;
const SHA256 = /^[0-9a-f]{64}$/;
/** As Date.prototype.toISOString writes it, or with an offset. */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const metadata_schema_text = when((v) => typeof v === 'string' && v.length > 0 && v.length <= 4096 && !v.includes('\0'), 'a non-empty string');
const fileName = when((v) => typeof v === 'string' && v.length > 0 && v.length <= 255 && !/[/\\\0]/.test(v) && v !== '.' && v !== '..', 'a file name (no folder)');
const sha256 = matching(SHA256, 'a sha256: 64 lowercase hex digits');
const count = when((v) => Number.isSafeInteger(v) && v >= 0, 'a whole number, 0 or more');
const digits = matching(DIGITS, 'a string of decimal digits');
const isoTime = when((v) => typeof v === 'string' && ISO_TIME.test(v) && !Number.isNaN(Date.parse(v)), 'a date and time in ISO 8601 (2026-01-31T12:00:00.000Z)');
const version = matching(/^\d+/, 'a version starting with its major number (16.4)');
/** An object whose listed fields each pass their check; a field marked optional may be absent (undefined). */
function shape(fields, optional = []) {
    return (v, field, problems) => {
        if (!isObject(v)) {
            problems.push({
                field,
                holds: describeValue(v),
                expected: `an object with ${Object.keys(fields)
                    .filter((k) => !optional.includes(k))
                    .join(', ')}`,
            });
            return;
        }
        for (const [name, check] of Object.entries(fields)) {
            const inner = field ? `${field}.${name}` : name;
            if (v[name] !== undefined)
                check(v[name], inner, problems);
            else if (!optional.includes(name)) {
                // No check accepts undefined: what it says is what the field should have held.
                const missing = [];
                check(undefined, inner, missing);
                problems.push(...missing.map((p) => ({ ...p, holds: 'nothing (the field is missing)' })));
            }
        }
    };
}
const transactionIds = when((v) => Array.isArray(v) && v.every((id) => typeof id === 'string' && DIGITS.test(id)), 'an array of transaction ids, each a string of decimal digits');
/** A transaction snapshot (XidSnapshot): xmin ≤ every id in xip < xmax, as PostgreSQL prints it. */
const snapshot = (v, field, problems) => {
    const before = problems.length;
    shape({ xmin: digits, xmax: digits, xip: transactionIds, takenAt: isoTime, next: digits }, ['next'])(v, field, problems);
    if (problems.length > before)
        return;
    const s = v;
    const [xmin, xmax] = [BigInt(s.xmin), BigInt(s.xmax)];
    if (xmin > xmax)
        problems.push({ field: `${field}.xmin`, holds: describeValue(s.xmin), expected: `at most xmax (${s.xmax})` });
    const outside = s.xip.find((id) => BigInt(id) < xmin || BigInt(id) >= xmax);
    if (outside !== undefined)
        problems.push({
            field: `${field}.xip`,
            holds: `${describeValue(outside)} among its ids`,
            expected: `ids from xmin (${s.xmin}) up to xmax (${s.xmax})`,
        });
};
/** Per table (`schema.table`), rows written by then: an object, never an array or a string. */
const tableWrites = (v, field, problems) => {
    if (!isObject(v)) {
        problems.push({
            field,
            holds: describeValue(v),
            expected: 'an object of write counts keyed by table name ({"public.users": 42})',
        });
        return;
    }
    for (const [table, n] of Object.entries(v)) {
        if (!table)
            problems.push({ field, holds: 'an empty table name', expected: 'table names (schema.table)' });
        else
            count(n, `${field}["${printable(table, 60)}"]`, problems);
    }
};
/** Per catalog entry (`kind:classid/objid/subid`), [hash, label]: an object, never an array or a string. */
const catalog = (v, field, problems) => {
    if (!isObject(v)) {
        problems.push({
            field,
            holds: describeValue(v),
            expected: 'an object of catalog entries ({"object:1259/16384/0": ["<md5>", "table public.users"]})',
        });
        return;
    }
    for (const [key, entry] of Object.entries(v)) {
        const inner = `${field}["${printable(key, 60)}"]`;
        if (!CATALOG_KEY.test(key))
            problems.push({
                field: inner,
                holds: 'an entry of that name',
                expected: 'entries named kind:classid/objid/subid',
            });
        else if (!Array.isArray(entry) || entry.length !== 2 || !entry.every((s) => typeof s === 'string'))
            problems.push({ field: inner, holds: describeValue(entry), expected: 'an array of two strings: [hash, label]' });
        if (problems.length > 100)
            return;
    }
};
const CATALOG_KEY = /^[a-z]+:\d+\/\d+\/-?\d+(\.\d+)?$/;
const BACKUP_METADATA = shape({
    format: when((v) => v === 'pg-migration-gate-backup/1', "'pg-migration-gate-backup/1'"),
    file: fileName,
    sha256,
    size: count,
    database: metadata_schema_text,
    serverVersion: version,
    pgDumpVersion: version,
    createdAt: isoTime,
    historyTable: metadata_schema_text,
    lastApplied: shape({
        version: matching(/^\d+(?:[._-]\d+)*$/, 'a migration version (digits, separated by . _ or -)'),
        name: metadata_schema_text,
    }),
    planHash: matching(/^sha256:[0-9a-f]{64}(@.+)?$/, 'a plan hash (sha256:<64 hex digits>@<database>)'),
    entries: count,
    encryption: shape({ format: when((v) => v === 'age', "'age'"), file: fileName, sha256 }),
    databaseName: metadata_schema_text,
    databaseOid: when((v) => Number.isSafeInteger(v) && v > 0 && v < 2 ** 32, 'a database oid: a whole number from 1 to 4294967295'),
    systemIdentifier: digits,
    snapshot,
    tableWrites,
    catalog,
}, [
    'lastApplied',
    'planHash',
    'encryption',
    'databaseName',
    'databaseOid',
    'systemIdentifier',
    'snapshot',
    'tableWrites',
    'catalog',
]);
/** Every field of parsed metadata that is not as a backup writes it; empty when all are. */
function metadataProblems(parsed) {
    const problems = [];
    BACKUP_METADATA(parsed, '', problems);
    return problems;
}

;// CONCATENATED MODULE: ./src/backup/metadata.ts



const metadataPath = (dump) => `${dump}.json`;
function writeMetadata(dump, m) {
    const path = metadataPath(dump);
    (0,external_node_fs_.writeFileSync)(path, `${JSON.stringify(m, null, 2)}\n`);
    return path;
}
function readMetadata(dump) {
    const path = metadataPath(dump);
    if (!(0,external_node_fs_.existsSync)(path)) {
        throw new errors/* InputError */.dz([
            `${path}: the backup's metadata file is missing; restore needs it to check the dump's sha256 before touching the database (keep ${path.split('/').pop()} beside the dump)`,
        ]);
    }
    let m;
    try {
        m = JSON.parse((0,external_node_fs_.readFileSync)(path, 'utf8'));
    }
    catch (cause) {
        throw new errors/* InputError */.dz([
            `${path}: the backup's metadata file cannot be read as JSON (${cause.message}); use the .json file written beside the dump`,
        ], { cause });
    }
    if (m?.format !== 'pg-migration-gate-backup/1') {
        throw new errors/* InputError */.dz([
            `${path}: not a pg-migration-gate backup metadata file (it holds ${describeValue(m)}${typeof m === 'object' && m !== null && !Array.isArray(m) ? ` with format ${describeValue(m.format)}` : ''}, expected format 'pg-migration-gate-backup/1'); nothing was restored`,
        ]);
    }
    // Restore decides on these fields (the sha256, the snapshot, the write counters): one of the wrong type must not
    // read as "not recorded", so the file is refused whole.
    const problems = metadataProblems(m);
    if (problems.length) {
        const shown = problems
            .slice(0, MAX_SHOWN)
            .map((p) => `${path}: field ${p.field} holds ${p.holds}, expected ${p.expected}; nothing was restored`);
        if (problems.length > MAX_SHOWN)
            shown.push(`${path}: and ${problems.length - MAX_SHOWN} more field(s) not as a backup writes them`);
        shown.push(`${path}: the backup's metadata is damaged or was edited; use the .json file written beside the dump when the backup was taken`);
        throw new errors/* InputError */.dz(shown);
    }
    return m;
}
/** Field problems listed one by one at most; the rest are counted. */
const MAX_SHOWN = 20;


/***/ }),

/***/ 179:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   q1: () => (/* binding */ chooseTool),
/* harmony export */   zl: () => (/* binding */ backupTool)
/* harmony export */ });
/* unused harmony exports DOCKER_PROBE_MS, DOCKER_PULL_MS, toolDirs, toolVersion, installedTools, dockerProblem, dockerTool */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7975);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_util__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _foundation_errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(358);





const run = (0,node_util__WEBPACK_IMPORTED_MODULE_3__.promisify)(node_child_process__WEBPACK_IMPORTED_MODULE_0__.execFile);
/** How long `docker version` may take to answer before Docker counts as unavailable. */
const DOCKER_PROBE_MS = 15_000;
/** How long pulling the image and asking its tool for its version may take. */
const DOCKER_PULL_MS = 300_000;
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
        const { stdout } = await run(path, ['--version'], { env: process.env });
        const m = /\(PostgreSQL\) (\d+)(?:\.(\d+))?/.exec(stdout);
        return m ? { path, major: Number(m[1]), version: m[0].replace('(PostgreSQL) ', ''), source: path } : undefined;
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
            throw new _foundation_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .InputError */ .dz([
                `pg-dump-path: '${explicit}' holds no working ${name}; point it at a ${name} binary or the folder that holds it`,
            ]);
        if (tool.major < serverMajor) {
            throw new _foundation_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .InputError */ .dz([
                `pg-dump-path: ${tool.path} is ${name} ${tool.major}, but the server runs PostgreSQL ${serverMajor} and ${name} refuses newer servers; install postgresql-client-${serverMajor} and point pg-dump-path at it`,
            ]);
        }
        return tool;
    }
    const tools = await installedTools(name);
    const chosen = tools.filter((t) => t.major >= serverMajor).sort((a, b) => b.major - a.major)[0];
    if (chosen)
        return chosen;
    const seen = tools.length ? tools.map((t) => `${t.path} (${t.major})`).join(', ') : 'none found';
    throw new _foundation_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .InputError */ .dz([
        `${name}: the server runs PostgreSQL ${serverMajor}, and ${name} refuses servers newer than itself; installed: ${seen}. Install postgresql-client-${serverMajor} (apt-get install postgresql-client-${serverMajor}, from the PGDG repository on Ubuntu runners), or set pg-dump-path to a ${name} ${serverMajor} or newer${name === 'pg_dump' ? ', or set pg-dump-docker: true on a runner with Docker' : ''}`,
    ]);
}
/** Whether a `docker` command is on PATH and its engine answers within `timeoutMs`; the reason when not. */
async function dockerProblem(timeoutMs = DOCKER_PROBE_MS) {
    try {
        await run('docker', ['version', '--format', '{{.Server.Version}}'], { timeout: timeoutMs, env: process.env });
        return undefined;
    }
    catch (cause) {
        const e = cause;
        if (e.code === 'ENOENT')
            return 'no docker command on PATH';
        if (e.killed)
            return `docker version did not answer within ${Math.round(timeoutMs / 1000)}s`;
        return `docker version failed${e.stderr?.trim() ? `: ${e.stderr.trim().split('\n')[0]}` : ''}`;
    }
}
/**
 * The tool from the official postgres:<major> image, run by Docker with the host network (a server on 127.0.0.1
 * is the runner's) and `dir` mounted at the same path, the password passed through the environment
 * (-e PGPASSWORD, without its value on argv). The image is pulled and its tool asked for its version here, before
 * anything is dumped.
 */
async function dockerTool(name, major, dir, signal) {
    const problem = await dockerProblem();
    if (problem) {
        throw new _foundation_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .InputError */ .dz([
            `pg-dump-docker: Docker is not available on this runner (docker version failed); install postgresql-client-${major} or set pg-dump-path instead`,
        ]);
    }
    const image = `postgres:${major}`;
    const prefix = ['run', '--rm', '--network', 'host', '-e', 'PGPASSWORD', '-v', `${dir}:${dir}`, image, name];
    let version = String(major);
    try {
        // A cancel stops the pull (the docker client, and the pull with it) rather than waiting for the image.
        const { stdout } = await run('docker', [...prefix, '--version'], {
            timeout: DOCKER_PULL_MS,
            env: process.env,
            signal,
        });
        const m = /\(PostgreSQL\) (\d+(?:\.\d+)?)/.exec(stdout);
        if (m)
            version = m[1];
    }
    catch (cause) {
        if (signal?.aborted)
            throw new _foundation_errors_js__WEBPACK_IMPORTED_MODULE_4__.CancelledError(String(signal.reason), `while the ${image} image was pulled`);
        throw new _foundation_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .InputError */ .dz([
            `pg-dump-docker: could not run ${name} from the ${image} image (${(cause.message ?? '').split('\n')[0]}); install postgresql-client-${major} or set pg-dump-path instead`,
        ], { cause });
    }
    return { path: 'docker', prefix, image, major, version, source: `docker ${image}` };
}
/**
 * The copy of `name` a backup uses, per pg-dump-docker. auto: an installed copy (or pg-dump-path's) at least as
 * new as the server, else the postgres:<major> image when Docker answers, else an InputError naming the server's
 * major, the installed versions and the fixes. true: always the image. false: never.
 */
async function backupTool(name, serverMajor, o) {
    if (o.docker === 'true')
        return dockerTool(name, serverMajor, o.dir, o.signal);
    if (o.docker === 'false')
        return chooseTool(name, serverMajor, o.explicit);
    const all = await installedTools(name, o.explicit);
    const candidates = o.explicit ? all.filter((t) => t.path === o.explicit || t.path === (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(o.explicit, name)) : all;
    if (o.explicit && !candidates.length)
        return chooseTool(name, serverMajor, o.explicit); // refuses: nothing works there
    const chosen = candidates.filter((t) => t.major >= serverMajor).sort((a, b) => b.major - a.major)[0];
    if (chosen)
        return chosen;
    const problem = await dockerProblem();
    if (!problem)
        return dockerTool(name, serverMajor, o.dir, o.signal);
    const seen = candidates.length
        ? candidates.map((t) => `${name} ${t.version} at ${t.path}`).join(', ')
        : `no ${name} found`;
    throw new _foundation_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .InputError */ .dz([
        `${name}: the server runs PostgreSQL ${serverMajor}, but the installed ${name} is older (${seen}) and ${name} refuses servers newer than itself; Docker cannot stand in (${problem}). Fix: install postgresql-client-${serverMajor} from the PGDG repository (apt.postgresql.org), or make Docker available so the postgres:${serverMajor} image's ${name} is used (pg-dump-docker: auto), or set pg-dump-path to a ${name} ${serverMajor} or newer`,
    ]);
}


/***/ }),

/***/ 5490:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   TOOL_STOP_GRACE_MS: () => (/* binding */ TOOL_STOP_GRACE_MS),
/* harmony export */   endToolSessions: () => (/* binding */ endToolSessions),
/* harmony export */   killRunningTools: () => (/* binding */ killRunningTools),
/* harmony export */   runPiped: () => (/* binding */ runPiped),
/* harmony export */   runTool: () => (/* binding */ runTool),
/* harmony export */   stopRunningTools: () => (/* binding */ stopRunningTools),
/* harmony export */   withToolSession: () => (/* binding */ withToolSession)
/* harmony export */ });
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8500);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_timers_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _db_session_own_session_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8280);
/* harmony import */ var _foundation_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(358);




/** How long a cancelled tool gets to exit on SIGTERM (pg_dump then cancels its own query) before SIGKILL. */
const TOOL_STOP_GRACE_MS = 2000;
/** Process groups of the tools running now: whatever way this process ends, none of them may outlive it. */
const running = new Set();
/** Sends `signal` to a tool's whole process group (the Docker client and what it started, too); gone is fine. */
function signalGroup(pid, signal) {
    try {
        process.kill(-pid, signal);
    }
    catch {
        // The group has already exited.
    }
}
/**
 * Kills every running tool's process group at once (SIGKILL), synchronously: for the exit paths that cannot wait,
 * a second signal or process exit. Their server sessions go with them (see endToolSessions).
 */
function killRunningTools() {
    for (const pid of running)
        signalGroup(pid, 'SIGKILL');
}
let exitHook = false;
/** The tool's command line: in Docker, each file it reads is mounted read-only at the same path, before the image. */
function commandLine(tool, args, files) {
    const prefix = [...(tool.prefix ?? [])];
    if (tool.image && files.length)
        prefix.splice(prefix.indexOf(tool.image), 0, ...files.flatMap((f) => ['-v', `${f}:${f}:ro`]));
    return [...prefix, ...args];
}
/**
 * Runs a PostgreSQL client tool; its output streams to files, never through this process's memory. `files` are
 * what its connection reads (CA, client certificate, socket folder), mounted when it runs in Docker. When `signal`
 * aborts, the tool's process group gets SIGTERM, then SIGKILL after TOOL_STOP_GRACE_MS, and once it has exited
 * the promise rejects with a CancelledError (unless the tool had finished its work: it exited 0).
 */
function runTool(tool, args, env, files = [], signal) {
    return startTool({ tool, args, env, files }, signal).done;
}
/**
 * `from | to`: the first tool's output is the second's input, streamed (pg_restore's script into psql). Both are
 * stopped by `signal`. `firstEnded` hears how the first ended before the second is waited for (the second must not
 * take an input cut short for a whole one). The first's failure is reported before the second's, which then
 * failed for lack of the rest.
 */
async function runPiped(from, to, firstEnded, signal) {
    const first = startTool(from, signal, { pipeOut: true });
    const second = startTool(to, signal, { stdin: first.stdout });
    let order = 0;
    const ended = { first: 0, second: 0 };
    const told = first.done
        .finally(() => (ended.first = ++order))
        .then(() => firstEnded(true), () => firstEnded(false));
    // The reader gone, the writer would block on a full pipe for ever: it is stopped.
    void second.done
        .finally(() => {
        ended.second = ++order;
        if (!ended.first)
            first.stop();
    })
        .catch(() => { });
    const [a, b] = await Promise.allSettled([first.done, second.done, told]);
    // The one that failed first says why; the other failed for lack of it.
    if (a.status === 'rejected' && (b.status === 'fulfilled' || ended.first < ended.second))
        throw a.reason;
    if (b.status === 'rejected')
        throw b.reason;
}
function startTool({ tool, args, env, files = [] }, signal, io = {}) {
    const name = (tool.prefix?.at(-1) ?? tool.path).split('/').pop();
    if (signal?.aborted)
        return {
            stdout: null,
            done: Promise.reject(new _foundation_errors_js__WEBPACK_IMPORTED_MODULE_3__.CancelledError(String(signal.reason), `before ${name} started`)),
            stop: () => { },
        };
    if (!exitHook) {
        // The last resort: process.exit() from anywhere still takes the tools down with this process.
        process.once('exit', killRunningTools);
        exitHook = true;
    }
    // A process group of its own: a Ctrl-C in the terminal reaches this process only, which decides what to stop
    // (the whole group, below), instead of pg_dump dying under a run that still reports on it.
    const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(tool.path, commandLine(tool, args, files), {
        env,
        stdio: [io.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
        detached: true,
    });
    if (io.stdin) {
        io.stdin.pipe(child.stdin);
        // The reader gone (it failed, or was stopped): its own exit says why.
        child.stdin.on('error', () => { });
    }
    const pid = child.pid;
    let killTimer;
    let exited = false;
    const stop = () => {
        if (!pid || exited || killTimer)
            return;
        signalGroup(pid, 'SIGTERM');
        killTimer = setTimeout(() => signalGroup(pid, 'SIGKILL'), TOOL_STOP_GRACE_MS);
    };
    const done = new Promise((resolve, reject) => {
        if (pid)
            running.add(pid);
        let out = '';
        let err = '';
        const onAbort = stop;
        signal?.addEventListener('abort', onAbort, { once: true });
        if (!io.pipeOut) {
            child.stdout.on('data', (d) => {
                if (out.length < 1_000_000)
                    out += d;
            });
        }
        // The end of what it said is kept (the error that stopped it comes last).
        child.stderr.on('data', (d) => {
            err = `${err}${d}`.slice(-100_000);
        });
        // Once it has exited (and been reaped) its process group id may be reused: it is signalled no more.
        const settle = () => {
            exited = true;
            signal?.removeEventListener('abort', onAbort);
            if (killTimer)
                clearTimeout(killTimer);
            if (pid)
                running.delete(pid);
        };
        child.on('exit', settle);
        child.on('error', (e) => {
            settle();
            reject(e);
        });
        child.on('close', (code, by) => {
            settle();
            if (code === 0)
                resolve(out);
            else if (signal?.aborted)
                reject(new _foundation_errors_js__WEBPACK_IMPORTED_MODULE_3__.CancelledError(String(signal.reason), `while ${name} ran; it was stopped`));
            else
                reject(new _foundation_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ToolError */ .v4(name ?? tool.path, String(code ?? by), err.trim()));
        });
    });
    return { stdout: io.pipeOut ? child.stdout : null, done, stop };
}
/** Tools connected under an application_name of their own, running now: application_name -> database URL. */
const sessions = new Map();
/**
 * Runs `work`, a tool connected as `applicationName`; when it was stopped by a cancel, ends its server session
 * too, so nothing of it is left waiting in the server's lock queues.
 */
async function withToolSession(url, applicationName, work) {
    sessions.set(applicationName, url);
    try {
        return await work();
    }
    catch (err) {
        if (err instanceof _foundation_errors_js__WEBPACK_IMPORTED_MODULE_3__.CancelledError)
            await endToolSessions(url, applicationName).catch(() => { });
        throw err;
    }
    finally {
        sessions.delete(applicationName);
    }
}
/**
 * For an exit that cannot wait for the run to wind down (a second signal): kills every running tool at once,
 * then ends their server sessions, giving up on those after `ms`.
 */
async function stopRunningTools(ms = 2000) {
    killRunningTools();
    const ending = Promise.all([...sessions].map(([name, url]) => endToolSessions(url, name).catch(() => { })));
    await Promise.race([ending, (0,node_timers_promises__WEBPACK_IMPORTED_MODULE_1__.setTimeout)(ms, undefined, { ref: false })]);
}
/**
 * Ends the server sessions of a stopped tool, found by the application_name it connected with, and waits (up to
 * a few seconds) until none is left: a tool killed while it waited for a lock leaves a session the server would
 * only notice is orphaned once that lock is granted, queued ahead of everyone who comes after it.
 */
async function endToolSessions(url, applicationName) {
    await (0,_db_session_own_session_js__WEBPACK_IMPORTED_MODULE_2__/* .withOwnClient */ .mG)(url, async (c) => {
        for (let i = 0; i < 60; i++) {
            const r = await c.query(`SELECT pg_catalog.pg_terminate_backend(pid) FROM pg_catalog.pg_stat_activity
          WHERE application_name = $1 AND datname = pg_catalog.current_database() AND pid <> pg_catalog.pg_backend_pid()`, [applicationName]);
            if (!r.rowCount)
                return;
            await (0,node_timers_promises__WEBPACK_IMPORTED_MODULE_1__.setTimeout)(50);
        }
    });
}


/***/ }),

/***/ 9287:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Z: () => (/* binding */ toolConnection)
/* harmony export */ });
/* harmony import */ var _connection_keywords_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8310);
/* harmony import */ var _connection_defaults_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1844);
/* harmony import */ var _connection_conn_string_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(864);
/* harmony import */ var _foundation_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(358);




/** libpq variables besides the keywords' own: none of them may add to, or change, what the connection says. */
const OTHER_LIBPQ_VARIABLES = ['PGSERVICEFILE', 'PGSYSCONFDIR', 'PGREQUIRESSL', 'PGPASSFILE'];
/** Values that say what libpq does anyway: an older libpq that does not know the keyword behaves the same. */
const DEFAULTS = {
    sslcertmode: 'allow',
    sslnegotiation: 'postgres',
    load_balance_hosts: 'disable',
    sslsni: '1',
    gssdelegation: '0',
    channel_binding: 'prefer',
    gssencmode: 'prefer',
    target_session_attrs: 'any',
};
const quote = (v) => `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
/**
 * The connection for a client tool (pg_dump, pg_restore) of `tool.major`, from the same connection string the
 * driver uses, so both make the same connection: the password only in PGPASSWORD (argv is visible to every user
 * of the machine), the rest as a key=value conninfo. A parameter the tool's libpq is too old to know is left out
 * when it only restates a default and refused otherwise. `applicationName` wins over one the string sets, so the
 * tool's session can be found in pg_stat_activity.
 */
function toolConnection(url, tool, applicationName) {
    const { password, ...params } = (0,_connection_conn_string_js__WEBPACK_IMPORTED_MODULE_2__/* .parseConnString */ .Rr)(url);
    if (params.sslpassword !== undefined) {
        throw new _foundation_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz([
            `database-url: sslpassword cannot reach ${tool.source ?? tool.path} without showing on its command line (libpq reads it from nowhere else): decrypt the client key instead (openssl pkey -in key.pem -out plain.pem, mode 0600) and name that file in sslkey`,
        ]);
    }
    if (applicationName)
        params.application_name = applicationName;
    // What the driver does, said to the tool: it never uses GSSAPI, and it gives up connecting after 15 s.
    if (tool.major >= 12)
        params.gssencmode = 'disable';
    params.connect_timeout ??= String(_connection_defaults_js__WEBPACK_IMPORTED_MODULE_1__/* .DEFAULT_CONNECT_TIMEOUT_S */ .nx);
    for (const [k, v] of Object.entries(params))
        if (_connection_keywords_js__WEBPACK_IMPORTED_MODULE_0__/* .KEYWORDS */ .d6[k].since > tool.major && DEFAULTS[k] === v)
            delete params[k];
    const tooNew = Object.keys(params).filter((k) => _connection_keywords_js__WEBPACK_IMPORTED_MODULE_0__/* .KEYWORDS */ .d6[k].since > tool.major);
    if (tooNew.length) {
        throw new _foundation_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz([
            `${tool.source ?? tool.path} is version ${tool.major}, too old to know the connection parameter${tooNew.length > 1 ? 's' : ''} ${tooNew.map((k) => `${k} (libpq ${_connection_keywords_js__WEBPACK_IMPORTED_MODULE_0__/* .KEYWORDS */ .d6[k].since}+)`).join(', ')} in database-url; install a newer postgresql-client (or set pg-dump-path to one), or remove ${tooNew.length > 1 ? 'them' : 'it'}`,
        ]);
    }
    const env = { ...process.env };
    for (const kw of Object.values(_connection_keywords_js__WEBPACK_IMPORTED_MODULE_0__/* .KEYWORDS */ .d6))
        if (kw.env)
            delete env[kw.env];
    for (const name of OTHER_LIBPQ_VARIABLES)
        delete env[name];
    if (password !== undefined)
        env.PGPASSWORD = password;
    const files = Object.entries(params)
        .filter(([k, v]) => _connection_keywords_js__WEBPACK_IMPORTED_MODULE_0__/* .KEYWORDS */ .d6[k].file && v.startsWith('/'))
        .map(([, v]) => v);
    if (params.host?.startsWith('/'))
        files.push(params.host);
    const conninfo = Object.entries(params)
        .map(([k, v]) => `${k}=${quote(v)}`)
        .join(' ');
    return { dbnameArg: `--dbname=${conninfo}`, env, files: [...new Set(files)] };
}


/***/ }),

/***/ 3049:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Cc: () => (/* binding */ witnessSql),
/* harmony export */   Xy: () => (/* binding */ objectOf),
/* harmony export */   dU: () => (/* binding */ catalogState)
/* harmony export */ });
/* harmony import */ var _session_xid_snapshot_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4925);

/** Catalogs whose rows are objects with an oid, and the columns that VACUUM and ANALYZE write in place. */
const OID_CATALOGS = [
    { name: 'pg_namespace', acl: 'nspacl' },
    {
        name: 'pg_class',
        acl: 'relacl',
        inPlace: [
            'relpages',
            'reltuples',
            'relallvisible',
            'relallfrozen',
            'relfrozenxid',
            'relminmxid',
            'relhasindex',
            'relhasrules',
            'relhastriggers',
            'relhassubclass',
        ],
        temp: 'relnamespace IN (SELECT oid FROM tmp)',
    },
    { name: 'pg_type', acl: 'typacl', temp: 'typnamespace IN (SELECT oid FROM tmp)' },
    { name: 'pg_proc', acl: 'proacl', temp: 'pronamespace IN (SELECT oid FROM tmp)' },
    { name: 'pg_constraint', temp: 'connamespace IN (SELECT oid FROM tmp)' },
    { name: 'pg_trigger', temp: 'tgrelid IN (SELECT oid FROM tmprel)' },
    { name: 'pg_rewrite', temp: 'ev_class IN (SELECT oid FROM tmprel)' },
    { name: 'pg_attrdef', temp: 'adrelid IN (SELECT oid FROM tmprel)' },
    { name: 'pg_policy', temp: 'polrelid IN (SELECT oid FROM tmprel)' },
    { name: 'pg_statistic_ext', temp: 'stxrelid IN (SELECT oid FROM tmprel)' },
    { name: 'pg_extension' },
    { name: 'pg_default_acl' },
    { name: 'pg_collation' },
    { name: 'pg_conversion' },
    { name: 'pg_operator' },
    { name: 'pg_opclass' },
    { name: 'pg_opfamily' },
    { name: 'pg_amop' },
    { name: 'pg_amproc' },
    { name: 'pg_cast' },
    { name: 'pg_language', acl: 'lanacl' },
    { name: 'pg_ts_config' },
    { name: 'pg_ts_dict' },
    { name: 'pg_ts_parser' },
    { name: 'pg_ts_template' },
    { name: 'pg_event_trigger' },
    { name: 'pg_publication' },
    { name: 'pg_publication_rel' },
    { name: 'pg_publication_namespace', since: 15 },
    { name: 'pg_foreign_data_wrapper', acl: 'fdwacl' },
    { name: 'pg_foreign_server', acl: 'srvacl' },
    { name: 'pg_transform' },
    { name: 'pg_am' },
    // A large object is named by pg_largeobject, its data's catalog, as pg_depend and pg_identify_object name it.
    { name: 'pg_largeobject_metadata', acl: 'lomacl', classid: 'pg_largeobject' },
];
/** The first oid a user object can have (FirstNormalObjectId). */
const FIRST_USER_OID = 16384;
/** `to_jsonb(row)` less some keys, hashed. */
const rowHash = (alias, leaveOut = []) => `pg_catalog.md5((pg_catalog.to_jsonb(${alias})${leaveOut.map((k) => ` - '${k}'`).join('')})::text)`;
/**
 * Rows without an oid of their own, each under the object whose lock guards it: [kind, classid, objid, subid,
 * FROM … WHERE …, label prefix (with the object's identity after it)].
 */
const PART_ROWS = [
    [
        'object',
        "'pg_class'::regclass",
        'x.attrelid',
        'x.attnum',
        `pg_catalog.pg_attribute x WHERE x.attnum > 0 AND x.attrelid >= ${FIRST_USER_OID} AND x.attrelid NOT IN (SELECT oid FROM tmprel)`,
        '',
    ],
    [
        'index',
        "'pg_class'::regclass",
        'x.indexrelid',
        '0',
        `pg_catalog.pg_index x WHERE x.indexrelid >= ${FIRST_USER_OID} AND x.indexrelid NOT IN (SELECT oid FROM tmprel)`,
        'definition of ',
    ],
    [
        'sequence',
        "'pg_class'::regclass",
        'x.seqrelid',
        '0',
        `pg_catalog.pg_sequence x WHERE x.seqrelid >= ${FIRST_USER_OID} AND x.seqrelid NOT IN (SELECT oid FROM tmprel)`,
        'options of ',
    ],
    [
        'inherits',
        "'pg_class'::regclass",
        'x.inhrelid',
        'x.inhseqno',
        `pg_catalog.pg_inherits x WHERE x.inhrelid NOT IN (SELECT oid FROM tmprel)`,
        'inheritance of ',
    ],
    [
        'partitioning',
        "'pg_class'::regclass",
        'x.partrelid',
        '0',
        `pg_catalog.pg_partitioned_table x WHERE x.partrelid NOT IN (SELECT oid FROM tmprel)`,
        'partitioning of ',
    ],
    ['foreign', "'pg_class'::regclass", 'x.ftrelid', '0', 'pg_catalog.pg_foreign_table x WHERE true', 'options of '],
    [
        'aggregate',
        "'pg_proc'::regclass",
        'x.aggfnoid',
        '0',
        `pg_catalog.pg_aggregate x WHERE x.aggfnoid >= ${FIRST_USER_OID}`,
        'definition of ',
    ],
    [
        'range',
        "'pg_type'::regclass",
        'x.rngtypid',
        '0',
        `pg_catalog.pg_range x WHERE x.rngtypid >= ${FIRST_USER_OID}`,
        'definition of ',
    ],
    [
        'enum',
        "'pg_type'::regclass",
        'x.enumtypid',
        'x.enumsortorder::numeric',
        `pg_catalog.pg_enum x WHERE x.enumtypid >= ${FIRST_USER_OID}`,
        'a label of ',
    ],
    [
        'comment',
        'x.classoid',
        'x.objoid',
        'x.objsubid',
        `pg_catalog.pg_description x WHERE (x.objoid >= ${FIRST_USER_OID} OR x.classoid = 'pg_namespace'::regclass) AND NOT (x.classoid = 'pg_class'::regclass AND x.objoid IN (SELECT oid FROM tmprel))`,
        'comment on ',
    ],
];
/**
 * One SELECT per source, each giving kind, classid, objid, subid, xmin (text), hash, restored, prefix. Sequence
 * values only with `values`: reading one locks the sequence (PostgreSQL 13–17) until the transaction ends.
 */
function branches(major, values) {
    const out = [];
    for (const c of OID_CATALOGS) {
        if (c.since && major < c.since)
            continue;
        const system = c.name === 'pg_namespace' ? 'true' : c.acl ? `x.${c.acl} IS NOT NULL` : 'false';
        const temp = c.name === 'pg_namespace' ? "x.nspname ~ '^pg_(toast_)?temp_'" : c.temp ? `x.${c.temp}` : 'false';
        out.push(`SELECT 'object' AS kind, '${c.classid ?? c.name}'::regclass::oid AS classid, x.oid AS objid, 0::numeric AS subid, x.xmin::text AS xmin, ${rowHash('x', c.inPlace)} AS hash, true AS restored, '' AS prefix
         FROM pg_catalog.${c.name} x WHERE (x.oid >= ${FIRST_USER_OID} OR ${system}) AND NOT (${temp})`);
    }
    for (const [kind, classid, objid, subid, from, prefix] of PART_ROWS) {
        out.push(`SELECT '${kind}', ${classid}, ${objid}, ${subid}, x.xmin::text, ${rowHash('x')}, true, '${prefix}' FROM ${from}`);
    }
    // A sequence's value moves outside any transaction: its value is the entry (unreadable without a privilege).
    if (values)
        out.push(`SELECT 'value', 'pg_class'::regclass, x.oid, 0, NULL, CASE WHEN pg_catalog.has_sequence_privilege(x.oid, 'SELECT,USAGE')
            THEN coalesce(pg_catalog.pg_sequence_last_value(x.oid)::text, 'not called') ELSE 'unreadable' END, true, 'value of '
       FROM pg_catalog.pg_class x WHERE x.relkind = 'S' AND x.relnamespace NOT IN (SELECT oid FROM tmp)`);
    return out;
}
/** The database's own row, comment and settings, and the roles: what pg_restore leaves as it finds them. */
const UNRESTORED = `
  SELECT 'object', 'pg_database'::regclass, x.oid, 0, x.xmin::text, ${rowHash('x', ['datfrozenxid', 'datminmxid'])}, false, ''
    FROM pg_catalog.pg_database x WHERE x.datname = pg_catalog.current_database()
  UNION ALL SELECT 'comment', x.classoid, x.objoid, 0, x.xmin::text, ${rowHash('x')}, false, 'comment on '
    FROM pg_catalog.pg_shdescription x JOIN pg_catalog.pg_database d ON d.oid = x.objoid AND x.classoid = 'pg_database'::regclass
   WHERE d.datname = pg_catalog.current_database()
  UNION ALL SELECT 'setting', 'pg_db_role_setting'::regclass, x.setdatabase, x.setrole::text::numeric, x.xmin::text, pg_catalog.md5(x.setconfig::text), false, ''
    FROM pg_catalog.pg_db_role_setting x
   WHERE x.setdatabase IN (0, (SELECT oid FROM pg_catalog.pg_database WHERE datname = pg_catalog.current_database()))
  UNION ALL SELECT 'role', 'pg_authid'::regclass, x.oid, 0, NULL, ${rowHash('x')}, false, '' FROM pg_catalog.pg_roles x`;
const TEMP = `tmp AS (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname ~ '^pg_(toast_)?temp_'),
  tmprel AS (SELECT oid FROM pg_catalog.pg_class WHERE relnamespace IN (SELECT oid FROM tmp))`;
/** How an entry is named: the object's identity, or what the setting applies to. */
const LABEL = `CASE s.kind
    WHEN 'setting' THEN CASE WHEN s.objid = 0 THEN 'settings of role ' || pg_catalog.quote_ident(r.rolname)
      WHEN s.subid = 0 THEN 'settings of database ' || pg_catalog.quote_ident(pg_catalog.current_database())
      ELSE 'settings of role ' || pg_catalog.quote_ident(r.rolname) || ' in database ' || pg_catalog.quote_ident(pg_catalog.current_database()) END
    WHEN 'role' THEN 'role ' || pg_catalog.quote_ident(r2.rolname)
    ELSE (SELECT s.prefix || i.type || ' ' || coalesce(i.identity, s.objid::text)
            FROM pg_catalog.pg_identify_object(s.classid, s.objid, CASE WHEN s.kind IN ('object', 'comment') THEN s.subid::int ELSE 0 END) i) END`;
function stateSql(major, labels, values = true) {
    const union = [...branches(major, values), UNRESTORED].join('\n  UNION ALL ');
    if (!labels)
        return `WITH ${TEMP} SELECT s.* FROM (${union}) s`;
    return `WITH ${TEMP} SELECT s.*, ${LABEL} AS label FROM (${union}) s
    LEFT JOIN pg_catalog.pg_roles r ON s.kind = 'setting' AND r.oid::text = s.subid::text
    LEFT JOIN pg_catalog.pg_roles r2 ON s.kind = 'role' AND r2.oid = s.objid`;
}
const keyOf = (row) => `${row.kind}:${row.classid}/${row.objid}/${row.subid}`;
function entries(rows) {
    return rows.map((row) => ({
        key: keyOf(row),
        hash: row.hash,
        ...(row.xmin !== null ? { xmin: Number(row.xmin) } : {}),
        restored: row.restored,
        ...(row.label !== undefined ? { label: row.label } : {}),
    }));
}
/** The catalog's state as `client` sees it (in a REPEATABLE READ transaction: as of its snapshot). */
async function catalogState(client, major, o = {}) {
    return entries((await client.query(stateSql(major, o.labels ?? false))).rows);
}
/** The object an entry belongs to, as a lock names it: `classid/objid`. */
const objectOf = (key) => key.slice(key.indexOf(':') + 1, key.lastIndexOf('/'));
/**
 * Sent inside a transaction right before its COMMIT: the transaction's id, the objects it holds a lock on that
 * keeps others from changing or dropping them (SHARE UPDATE EXCLUSIVE or stronger), and which entries of those
 * objects exist as the transaction leaves them. An entry of such an object that existed before and is absent here
 * was removed by this transaction: nobody else could while the lock was held. Rows: (what, value) with what
 * 'xid', 'locked' (classid/objid) or 'entry' (key).
 */
function witnessSql(major) {
    const strong = `granted AND pid = pg_catalog.pg_backend_pid() AND mode IN ('ShareUpdateExclusiveLock', 'ShareLock', 'ShareRowExclusiveLock', 'ExclusiveLock', 'AccessExclusiveLock')`;
    const mine = `SELECT 'pg_class'::regclass::oid AS classid, relation AS objid FROM pg_catalog.pg_locks WHERE locktype = 'relation' AND ${strong}
    UNION SELECT classid, objid FROM pg_catalog.pg_locks WHERE locktype = 'object' AND ${strong}`;
    // The entries' hashes are not asked for: the planner leaves them uncomputed. Rows written by the transaction's
    // subtransactions (a SAVEPOINT, a PL/pgSQL EXCEPTION block) carry their own ids: a visible row whose id is still in
    // progress can only be this transaction's (another's is invisible until it commits), and a subtransaction's id is
    // assigned after its parent's, so only ids after ours are asked about (see verify/ownership.ts).
    return `WITH mine AS (${mine}),
    entries AS (${stateSql(major, false, false)}),
    top AS (SELECT pg_catalog.txid_current() AS id)
  SELECT 'xid' AS what, (id % ${_session_xid_snapshot_js__WEBPACK_IMPORTED_MODULE_0__/* .XID32 */ .pR})::text AS value FROM top
  UNION SELECT 'xid', e.xmin FROM entries e, top c,
    LATERAL (SELECT ((e.xmin::int8 - c.id % ${_session_xid_snapshot_js__WEBPACK_IMPORTED_MODULE_0__/* .XID32 */ .pR}) % ${_session_xid_snapshot_js__WEBPACK_IMPORTED_MODULE_0__/* .XID32 */ .pR} + ${_session_xid_snapshot_js__WEBPACK_IMPORTED_MODULE_0__/* .XID32 */ .pR} + 2147483648) % ${_session_xid_snapshot_js__WEBPACK_IMPORTED_MODULE_0__/* .XID32 */ .pR} - 2147483648 AS d) a
   WHERE e.xmin IS NOT NULL AND a.d > 0 AND pg_catalog.txid_status(c.id + a.d) = 'in progress'
  UNION ALL SELECT 'locked', classid || '/' || objid FROM mine
  UNION ALL SELECT 'entry', kind || ':' || classid || '/' || objid || '/' || subid FROM entries WHERE restored AND (classid, objid) IN (SELECT classid, objid FROM mine)`;
}


/***/ }),

/***/ 1341:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   VW: () => (/* binding */ dropInvalidIndex),
/* harmony export */   _0: () => (/* binding */ describeSession),
/* harmony export */   lZ: () => (/* binding */ leftoverInvalidIndexes),
/* harmony export */   rm: () => (/* binding */ blockingSessions),
/* harmony export */   uK: () => (/* binding */ dumpBlockers)
/* harmony export */ });
/* harmony import */ var _session_identifiers_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(801);

/**
 * How messages name a session: `pid 42 (idle in transaction, transaction open 75 s)`, with `holding` (`AccessShareLock
 * on t`) after the state when given. A hidden session is named by its role, and the message says why no more is known.
 */
function describeSession(s, holding) {
    const lock = holding ? `, ${holding}` : '';
    if (s.hidden) {
        const { role } = s.hidden;
        const why = role === null
            ? 'which is not a member of pg_read_all_stats'
            : `which is neither a member of ${role} nor of pg_read_all_stats`;
        return `pid ${s.pid} (${role === null ? 'a server process' : `a session of ${role}`}${lock}; its state, transaction and query are hidden from this role, ${why})`;
    }
    return `pid ${s.pid} (${s.state}${lock}, transaction open ${s.transactionAgeSeconds} s)`;
}
/** A row of pg_stat_activity as read below: the session's fields, hidden or not. */
function sessionOf(x) {
    const s = {
        pid: x.pid,
        state: x.state ?? '',
        relation: x.relation,
        mode: x.mode,
        transactionAgeSeconds: x.age,
        query: x.hidden ? '' : x.query,
    };
    if (x.backend === 'autovacuum worker')
        s.autovacuum = { wraparound: x.hidden || /\(to prevent wraparound\)/.test(x.query) };
    return x.hidden ? { ...s, hidden: { role: x.role } } : s;
}
/**
 * Hidden sessions (see BlockingSession) show no state and no transaction start, so whether one is idle in a
 * transaction or has been in one for long cannot be read. What can be read is its transaction's virtual id in
 * pg_locks: a hidden session still holding the same lock in the same transaction after this long is reported.
 */
const HIDDEN_RECHECK_MS = 1000;
/** `state IS NULL` for a backend is what pg_stat_activity shows a role not allowed to see it (see BlockingSession). */
const HIDDEN = 'a.state IS NULL';
/** Every table name a statement mentions (RangeVar nodes), schema-qualified when written so. */
function tablesOf(node, out) {
    if (Array.isArray(node))
        for (const n of node)
            tablesOf(n, out);
    else if (node && typeof node === 'object') {
        const n = node;
        if (typeof n.relname === 'string')
            out.add(n.schemaname ? `${(0,_session_identifiers_js__WEBPACK_IMPORTED_MODULE_0__/* .quoteIdent */ .v4)(n.schemaname)}.${(0,_session_identifiers_js__WEBPACK_IMPORTED_MODULE_0__/* .quoteIdent */ .v4)(n.relname)}` : (0,_session_identifiers_js__WEBPACK_IMPORTED_MODULE_0__/* .quoteIdent */ .v4)(n.relname));
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
    const r = await client.query(`SELECT a.pid, a.state, l.relation::regclass::text AS relation, l.mode, l.virtualtransaction AS vxid, ${HIDDEN} AS hidden, a.usename AS role, a.backend_type AS backend,
            coalesce(extract(epoch FROM now() - a.xact_start), 0)::int AS age, left(coalesce(a.query, ''), 200) AS query
       FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
      WHERE l.locktype = 'relation' AND l.granted AND a.pid <> pg_backend_pid()
        AND l.relation = ANY (SELECT to_regclass(n) FROM unnest($1::text[]) n WHERE to_regclass(n) IS NOT NULL)
        AND (a.state LIKE 'idle in transaction%' OR now() - a.xact_start > make_interval(secs => $2) OR ${HIDDEN})
      ORDER BY age DESC`, [[...names], olderThanSeconds]);
    const lockOf = (x) => `${x.pid} ${x.vxid} ${x.relation} ${x.mode}`;
    const hidden = r.rows.filter((x) => x.hidden);
    let held = new Set();
    if (hidden.length) {
        // See HIDDEN_RECHECK_MS: a lock a hidden session still holds in the same transaction a moment later.
        await new Promise((resolve) => setTimeout(resolve, HIDDEN_RECHECK_MS));
        const again = await client.query(`SELECT l.pid, l.virtualtransaction AS vxid, l.relation::regclass::text AS relation, l.mode
         FROM pg_locks l WHERE l.locktype = 'relation' AND l.granted AND l.pid = ANY ($1::int[])`, [hidden.map((x) => x.pid)]);
        held = new Set(again.rows.map(lockOf));
    }
    return r.rows
        .filter((x) => !x.hidden || held.has(lockOf(x)))
        .map((x) => sessionOf({ ...x, age: x.hidden ? Math.round(HIDDEN_RECHECK_MS / 1000) : x.age }));
}
/**
 * Sessions holding an ACCESS EXCLUSIVE lock on a relation of this database that pg_dump reads: pg_dump first takes
 * ACCESS SHARE on every table, and waits behind each of them (a lock on a view locks the tables under it too).
 * Relations that are not committed yet, and other sessions' temporary tables, are not dumped, so not counted.
 * Names are schema-qualified as pg_dump writes them.
 */
async function dumpBlockers(client) {
    const r = await client.query(`SELECT a.pid, coalesce(a.state, '') AS state, format('%I.%I', n.nspname, c.relname) AS relation, l.mode, ${HIDDEN} AS hidden, a.usename AS role,
            coalesce(extract(epoch FROM now() - a.xact_start), 0)::int AS age, left(coalesce(a.query, ''), 200) AS query
       FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
       JOIN pg_class c ON c.oid = l.relation JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE l.locktype = 'relation' AND l.granted AND l.mode = 'AccessExclusiveLock' AND a.pid <> pg_backend_pid()
        AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) AND c.relpersistence <> 't'
      ORDER BY age DESC, relation`);
    return r.rows.map(sessionOf);
}
/**
 * Invalid indexes a pending migration creates CONCURRENTLY: left by an earlier attempt that failed half-way,
 * they would make `CREATE INDEX CONCURRENTLY IF NOT EXISTS` skip the build and leave the index unusable.
 */
async function leftoverInvalidIndexes(client, analysed) {
    const names = analysed.flatMap((a) => a.exec.statements.flatMap((s) => s.kind === 'IndexStmt' && s.node.concurrent && s.node.idxname ? [s.node.idxname] : []));
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


/***/ }),

/***/ 8007:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F: () => (/* binding */ tablesWritten),
/* harmony export */   e: () => (/* binding */ tableWriteCounts)
/* harmony export */ });
/**
 * Per table, the rows inserted, updated and deleted since the statistics were last reset, as the cumulative
 * statistics count them (rolled-back writes included). Keyed by `schema.table`, quoted where SQL would need it.
 */
async function tableWriteCounts(client) {
    await settledStatistics(client);
    const r = await client.query(`SELECT pg_catalog.format('%I.%I', schemaname, relname) AS t, (n_tup_ins + n_tup_upd + n_tup_del)::text AS n
       FROM pg_catalog.pg_stat_user_tables ORDER BY 1`);
    return Object.fromEntries(r.rows.map((row) => [row.t, Number(row.n)]));
}
/**
 * Makes the next statistics read fresh. Outside a transaction each query sees fresh statistics; clearing the
 * snapshot makes sure of it inside one too. Before PostgreSQL 15 they reach the server through a collector
 * process, asynchronously: what a session sent as it committed or disconnected shows only in a statistics file
 * the collector wrote after receiving it, and a read may get a file half a second old. There, this waits (up to
 * 5 s) for a file written a margin after the call began.
 */
async function settledStatistics(client) {
    const clear = () => client.query('SELECT pg_catalog.pg_stat_clear_snapshot()');
    const r = await client.query(`SELECT current_setting('server_version_num')::int AS v, pg_catalog.clock_timestamp() + interval '${COLLECTOR_MARGIN_MS} ms' AS after`);
    await clear();
    if (r.rows[0].v >= 150000)
        return;
    const deadline = Date.now() + 5000;
    for (;;) {
        const fresh = await client.query('SELECT pg_catalog.pg_stat_get_snapshot_timestamp() >= $1::timestamptz AS ok', [
            r.rows[0].after,
        ]);
        if (fresh.rows[0].ok || Date.now() >= deadline)
            return clear().then(() => undefined);
        await clear();
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
}
/** Time for a session that just ended to have sent its last counts to the collector (PostgreSQL 13 and 14). */
const COLLECTOR_MARGIN_MS = 300;
/**
 * The tables that existed at `before` and were written since, most written first. Tables created since are left
 * out: a restore does not touch them. A counter that went down means the statistics were reset (a crash,
 * pg_stat_reset()): `reset` says so, and such tables cannot be judged.
 */
function tablesWritten(before, now, leaveOut = []) {
    const tables = [];
    let reset = false;
    for (const [table, was] of Object.entries(before)) {
        const n = now[table];
        if (n === undefined || leaveOut.includes(table))
            continue;
        if (n < was)
            reset = true;
        else if (n > was)
            tables.push({ table, rows: n - was });
    }
    return { tables: tables.sort((a, b) => b.rows - a.rows || a.table.localeCompare(b.table)), reset };
}


/***/ }),

/***/ 8280:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MS: () => (/* binding */ sessionSettings),
/* harmony export */   Vp: () => (/* binding */ connectOwn),
/* harmony export */   mG: () => (/* binding */ withOwnClient),
/* harmony export */   t5: () => (/* binding */ OWN_SESSION_SQL),
/* harmony export */   zN: () => (/* binding */ OWN_SESSION_LIMITS)
/* harmony export */ });
/* unused harmony export SESSION_LIMITS */
/* harmony import */ var _connect_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4506);

/**
 * The limits a server, a database or a role may put on every session (`ALTER ROLE app SET idle_session_timeout =
 * '2s'`, `ALTER DATABASE … SET statement_timeout = …`) that would end a session of ours in the middle of what it
 * is there for: the run's control session sits idle holding the advisory lock while a migration runs on another
 * session, the backup's snapshot transaction sits idle while pg_dump reads, verify's admin session waits out every
 * check, the restore guard waits for the statistics. They are turned off on our own sessions, which run our own
 * queries only; what those wait for is bounded by lock_timeout and by our own code instead.
 */
const SESSION_LIMITS = [
    'idle_session_timeout',
    'idle_in_transaction_session_timeout',
    'statement_timeout',
    'transaction_timeout',
];
/**
 * One statement that sets each of `settings` for the session (as SET would), skipping those the server does not
 * have: idle_session_timeout came with PostgreSQL 14, transaction_timeout with 17, and current_setting(name, true)
 * is NULL for a name the server does not know, so the statement runs on every version without asking it first.
 * Names and values are ours (checked here), never user text; everything is schema-qualified, so a migration's
 * search_path cannot move it.
 */
function sessionSettings(settings) {
    const rows = Object.entries(settings).map(([name, value]) => {
        if (!/^[a-z_]+$/.test(name) || !/^\d+$/.test(value))
            throw new Error(`not a setting of ours: ${name} = ${value}`);
        return `('${name}', '${value}')`;
    });
    return `SELECT pg_catalog.set_config(v.name, v.value, false) FROM (VALUES ${rows.join(', ')}) AS v (name, value) WHERE pg_catalog.current_setting(v.name, true) IS NOT NULL`;
}
/** Every limit of SESSION_LIMITS off (0), on whatever server version. */
const OWN_SESSION_LIMITS = Object.fromEntries(SESSION_LIMITS.map((name) => [name, '0']));
/** The statement that makes a session ours: sent once, right after it connects. */
const OWN_SESSION_SQL = sessionSettings(OWN_SESSION_LIMITS);
/** A connection of ours that the server's session limits leave alone: one round trip more than connect. */
async function connectOwn(url) {
    const client = await (0,_connect_js__WEBPACK_IMPORTED_MODULE_0__.connect)(url);
    try {
        await client.query(OWN_SESSION_SQL);
    }
    catch (err) {
        await client.end().catch(() => { });
        throw err;
    }
    return client;
}
/** Runs fn on a connection of ours (see connectOwn) and always closes it. */
function withOwnClient(url, fn) {
    return (0,_connect_js__WEBPACK_IMPORTED_MODULE_0__.withClient)(url, fn, connectOwn);
}


/***/ }),

/***/ 871:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   j: () => (/* binding */ serverMajor),
/* harmony export */   q: () => (/* binding */ serverVersion)
/* harmony export */ });
const known = new WeakMap();
/** The server's version as `server_version_num` (150004 for 15.4), asked once per connection. */
async function serverVersion(client) {
    let v = known.get(client);
    if (v === undefined) {
        v = Number((await client.query("SELECT current_setting('server_version_num') AS v")).rows[0].v);
        known.set(client, v);
    }
    return v;
}
/** The server's major version: 15 for 15.4. */
async function serverMajor(client) {
    return Math.floor((await serverVersion(client)) / 10000);
}


/***/ }),

/***/ 4925:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ik: () => (/* binding */ transactionsSince),
/* harmony export */   eL: () => (/* binding */ currentSnapshot),
/* harmony export */   pR: () => (/* binding */ XID32)
/* harmony export */ });
/* unused harmony exports MAX_COUNTED, parseSnapshot */
/* harmony import */ var _server_version_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(871);

/** Ids of transactions counted one by one at most; beyond this the count is given up as "too many". */
const MAX_COUNTED = 1_000_000;
/** Low 32 bits: what xmin and pg_stat_activity hold. Within fewer than 2^31 ids they name one transaction. */
const XID32 = 4294967296;
/** The functions that read snapshots and transaction status: pg_* in PostgreSQL 13+, txid_* before; no status before 10. */
async function xidFunctions(client) {
    const v = await (0,_server_version_js__WEBPACK_IMPORTED_MODULE_0__/* .serverVersion */ .q)(client);
    if (v >= 130000) {
        return {
            snapshot: 'pg_catalog.pg_current_snapshot()',
            xmax: (s) => `pg_catalog.pg_snapshot_xmax(${s})`,
            status: (x) => `pg_catalog.pg_xact_status((${x})::text::pg_catalog.xid8)`,
        };
    }
    return {
        snapshot: 'pg_catalog.txid_current_snapshot()',
        xmax: (s) => `pg_catalog.txid_snapshot_xmax(${s})`,
        status: v >= 100000 ? (x) => `pg_catalog.txid_status(${x})` : undefined,
    };
}
function parseSnapshot(text, takenAt) {
    const m = /^(\d+):(\d+):([\d,]*)$/.exec(text.trim());
    if (!m)
        throw new Error(`not a transaction snapshot: '${text}'`);
    return { xmin: m[1], xmax: m[2], xip: m[3] ? m[3].split(',') : [], takenAt };
}
/**
 * The snapshot of the client's current transaction (inside REPEATABLE READ: the transaction's own), and the next
 * id: age() counts from it without assigning one, so age(xmax) is how far it is past xmax.
 */
async function currentSnapshot(client) {
    const f = await xidFunctions(client);
    const r = (await client.query(`SELECT s::text AS s, pg_catalog.now() AS at, pg_catalog.age((${f.xmax('s')}::text::int8 % ${XID32})::text::xid) AS ahead FROM ${f.snapshot} s`)).rows[0];
    const snapshot = parseSnapshot(r.s, new Date(r.at).toISOString());
    // An xmax that wrapped to one of the special ids has no age (INT_MAX): then only xmax is known.
    const ahead = r.ahead >= 0 && r.ahead < 2 ** 30 ? r.ahead : 0;
    return { ...snapshot, next: String(BigInt(snapshot.xmax) + BigInt(ahead)) };
}
/**
 * Counts the transactions that committed after `since`, or are still running, leaving out `ours` (32-bit ids).
 * Every id in the snapshot's xip and from its xmax up to today's next id is looked up in the commit log, on the
 * server, in one query; more than MAX_COUNTED of them are not counted.
 */
async function transactionsSince(client, since, ours = new Set()) {
    const f = await xidFunctions(client);
    const now = await currentSnapshot(client);
    const from = BigInt(since.xmax);
    const to = BigInt(now.next);
    const none = { committed: 0, running: 0 };
    if (to < from) {
        return {
            ...none,
            uncounted: `the server's transaction counter (${now.next}) is behind the backup's (${since.xmax}): it is not the server the backup was taken from, or a copy of it from before the backup`,
        };
    }
    if (!f.status)
        return { ...none, uncounted: 'this server (PostgreSQL 9.6) cannot tell whether a transaction committed' };
    if (to - from > BigInt(MAX_COUNTED))
        return {
            ...none,
            uncounted: `${to - from} transactions started since the backup, more than the ${MAX_COUNTED} counted one by one`,
        };
    const r = await client.query(`WITH elsewhere AS (
       SELECT coalesce(pg_catalog.array_agg(a.backend_xid::text::int8), '{}') AS xs FROM pg_catalog.pg_stat_activity a
        WHERE a.backend_xid IS NOT NULL
          AND a.datid IS DISTINCT FROM (SELECT oid FROM pg_catalog.pg_database WHERE datname = pg_catalog.current_database())
     ), status AS (
       SELECT c.x, ${f.status('c.x')} AS s
         FROM (SELECT pg_catalog.unnest($1::int8[]) AS x UNION SELECT pg_catalog.generate_series($2::int8, $3::int8 - 1)) c
        WHERE NOT (c.x % ${XID32}) = ANY ($4::int8[])
     )
     SELECT count(*) FILTER (WHERE s = 'committed')::int AS committed,
            count(*) FILTER (WHERE s = 'in progress' AND NOT (x % ${XID32}) = ANY (e.xs))::int AS running,
            count(*) FILTER (WHERE s IS NULL)::int AS forgotten
       FROM status CROSS JOIN elsewhere e`, [since.xip, since.xmax, now.next, [...ours]]);
    const { committed, running, forgotten } = r.rows[0];
    return forgotten
        ? {
            committed,
            running,
            uncounted: `${forgotten} transaction(s) since the backup are too old for the server to say whether they committed`,
        }
        : { committed, running };
}


/***/ })

};
