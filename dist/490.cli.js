export const id = 490;
export const ids = [490];
export const modules = {

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


/***/ })

};
