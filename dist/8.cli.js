export const id = 8;
export const ids = [8];
export const modules = {

/***/ 8008:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   APPLICATION_NAME: () => (/* binding */ APPLICATION_NAME),
/* harmony export */   ConnectionError: () => (/* binding */ ConnectionError),
/* harmony export */   connect: () => (/* binding */ connect),
/* harmony export */   loadedPg: () => (/* binding */ loadedPg),
/* harmony export */   targetIdentity: () => (/* binding */ targetIdentity),
/* harmony export */   withClient: () => (/* binding */ withClient)
/* harmony export */ });
const APPLICATION_NAME = 'pg-migration-gate';
/** host:port/database of a URL: identifies the target in plan hashes and reports, without credentials. */
function targetIdentity(url) {
    const u = new URL(url);
    return `${u.hostname || 'localhost'}:${u.port || '5432'}${u.pathname || '/'}`;
}
/** Thrown when the server cannot be reached or refuses us; says which server (redacted) and what to check. */
class ConnectionError extends Error {
    name = 'ConnectionError';
}
let pgModule;
/** The pg package, loaded on the first connection: commands that never connect (lint) start faster without it. */
async function loadPg() {
    return (pgModule ??= (await __webpack_require__.e(/* import() */ 849).then(__webpack_require__.bind(__webpack_require__, 3849))).default);
}
/** The pg package once a connection has loaded it; before that, no pg error can exist. */
function loadedPg() {
    return pgModule;
}
async function connect(url) {
    const pg = await loadPg();
    // Keepalives: a connection that holds the run's lock across a long migration must not be dropped as idle.
    const client = new pg.Client({ connectionString: url, application_name: APPLICATION_NAME, connectionTimeoutMillis: 15_000, keepAlive: true });
    // An idle client whose server goes away emits 'error'; without a listener that would crash the process.
    client.on('error', () => { });
    try {
        await client.connect();
    }
    catch (err) {
        await client.end().catch(() => { });
        const e = err;
        throw new ConnectionError(`could not connect to ${targetIdentity(url)}: ${e.message}${e.code ? ` (${e.code})` : ''}; check database-url (host, port, user, password, sslmode) and that the server accepts connections from this runner`, { cause: err });
    }
    return client;
}
/** Runs fn with a connected client and always closes it. */
async function withClient(url, fn) {
    const client = await connect(url);
    try {
        return await fn(client);
    }
    finally {
        await client.end().catch(() => { });
    }
}


/***/ })

};
