export const id = 480;
export const ids = [480];
export const modules = {

/***/ 6480:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   checkPooling: () => (/* binding */ checkPooling),
/* harmony export */   providerAdvice: () => (/* binding */ providerAdvice),
/* harmony export */   refuseSessionSharingPooler: () => (/* binding */ refuseSessionSharingPooler)
/* harmony export */ });
/* harmony import */ var _foundation_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(358);
/* harmony import */ var _connection_url_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(87277);
/* harmony import */ var _connect_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(34506);



/** Statements after the first, alternating between the two connections; only a busy pooler needs more than one. */
const TURNS = 8;
/** Per statement: a pooler with no free server connection makes a query wait (PgBouncer: up to 120 s). */
const STATEMENT_WAIT_MS = 5000;
/** The server session running a statement: its pid, with the server's start time (a pooler may front several servers). */
const WHO = 'SELECT pg_catalog.pg_backend_pid() AS pid, pg_catalog.pg_postmaster_start_time()::text AS started, pg_catalog.inet_client_port() AS port';
async function seen(client) {
    let timer;
    const late = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${STATEMENT_WAIT_MS} ms`)), STATEMENT_WAIT_MS);
    });
    try {
        const r = (await Promise.race([client.query(WHO), late])).rows[0];
        return { id: `${r.pid}@${r.started}`, pid: Number(r.pid), port: r.port === null ? null : Number(r.port) };
    }
    finally {
        clearTimeout(timer);
    }
}
/** The pid the server announced for this connection, and the local port of its socket (none for a Unix socket). */
function ownEnd(client) {
    const socket = client.connection?.stream;
    return { pid: client.processID, port: socket?.localPort ?? null };
}
/** What sits between this process and the server of `url`, as its connections see it; they are closed however it ends. */
async function checkPooling(url) {
    const clients = [];
    try {
        const a = await (0,_connect_js__WEBPACK_IMPORTED_MODULE_2__.connect)(url);
        clients.push(a);
        const first = await seen(a);
        const own = ownEnd(a);
        if (own.pid === first.pid && own.port === first.port) {
            // The command's own first connection would be the same: it takes this one instead of opening another.
            (0,_connect_js__WEBPACK_IMPORTED_MODULE_2__.keepSpare)(url, clients.pop());
            return { kind: 'direct' };
        }
        const b = await (0,_connect_js__WEBPACK_IMPORTED_MODULE_2__.connect)(url);
        clients.push(b);
        const sessions = new Map([
            [a, new Set([first.id])],
            [b, new Set()],
        ]);
        const name = (c) => (c === a ? 'the first' : 'the second');
        const where = { host: a.host, port: a.port, user: a.user };
        for (let turn = 0; turn < TURNS; turn++) {
            const c = turn % 2 === 0 ? b : a;
            const other = c === a ? b : a;
            const now = await seen(c);
            const mine = sessions.get(c);
            if (sessions.get(other).has(now.id))
                return { kind: 'shared', evidence: `two connections ran on one server session, pid ${now.pid}`, ...where };
            if (mine.size && !mine.has(now.id))
                return {
                    kind: 'shared',
                    evidence: `${name(c)} connection moved to another server session, pid ${now.pid}`,
                    ...where,
                };
            mine.add(now.id);
        }
        return { kind: 'session-per-connection' };
    }
    catch (err) {
        // The server cannot be reached at all: that is the command's own failure, reported now rather than after the
        // command has waited out the same connect timeout again.
        if (err instanceof _connect_js__WEBPACK_IMPORTED_MODULE_2__.ConnectionError && !clients.length)
            throw err;
        return { kind: 'inconclusive', reason: err.message };
    }
    finally {
        await Promise.all(clients.map((c) => c.end().catch(() => { })));
    }
}
/** The fix in the provider's terms, for the hosts whose pooled URLs are known; undefined for any other host. */
function providerAdvice(host, port, user) {
    const h = host.toLowerCase();
    if (h.endsWith('.pooler.supabase.com') && port === 6543) {
        // Supavisor's user names carry the project: postgres.<project-ref>.
        const ref = /^[^.]+\.([a-z0-9]+)$/i.exec(user ?? '')?.[1];
        return `Supabase: port 6543 of ${host} is its transaction-mode pooler; port 5432 of the same host is session mode, or use the direct connection (${ref ? `db.${ref}.supabase.co` : 'db.<project-ref>.supabase.co'}:5432)`;
    }
    if (/^db\.[^.]+\.supabase\.co$/.test(h) && port === 6543) {
        return `Supabase: port 6543 of ${host} is its dedicated pooler in transaction mode; port 5432 of the same host is the direct connection`;
    }
    if (h.includes('-pooler.')) {
        return `Neon: ${host} is a pooled endpoint (Neon's -pooler hosts are PgBouncer in transaction mode); drop -pooler for the direct endpoint: ${host.replace(/-pooler\./i, '.')}`;
    }
    return undefined;
}
/**
 * Refuses, before anything runs, a database-url whose pooler shares server sessions between connections: a
 * configuration problem, with the fix. Anything short of proof lets the run go on.
 */
async function refuseSessionSharingPooler(url) {
    const check = await checkPooling(url);
    if (check.kind !== 'shared')
        return;
    const advice = providerAdvice(check.host, check.port, check.user);
    throw new _foundation_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz([
        `database-url: ${(0,_connection_url_js__WEBPACK_IMPORTED_MODULE_1__/* .targetIdentity */ .C7)(url)} is reached through a connection pooler in transaction or statement mode (${check.evidence}): it runs each transaction on whichever server session is free, so neither the advisory lock that keeps runs apart nor the session the migrations run on would stay this run's own; nothing was run. Use the direct URL or the pooler's session-mode URL${advice ? `. ${advice}` : ''}.`,
    ]);
}


/***/ })

};
