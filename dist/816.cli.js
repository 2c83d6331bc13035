export const id = 816;
export const ids = [816];
export const modules = {

/***/ 9794:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Q3: () => (/* binding */ sha256File),
/* harmony export */   hk: () => (/* binding */ checkDump),
/* harmony export */   m3: () => (/* binding */ dumpDatabase),
/* harmony export */   nE: () => (/* binding */ restoreDump),
/* harmony export */   qI: () => (/* binding */ runTool)
/* harmony export */ });
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _pg_tools_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(179);




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
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3916);




// age-encryption is imported when a file is encrypted or decrypted, not with this module: config parsing reads
// parseRecipients on every run, and most runs encrypt nothing.
/**
 * Encrypts a file to age recipients, streaming (64 KiB chunks): the dump never sits in memory. Anyone who can
 * read the repository can download its artifacts; only holders of a matching identity can read this.
 */
async function encryptFile(input, output, recipients) {
    const { Encrypter } = await __webpack_require__.e(/* import() */ 539).then(__webpack_require__.bind(__webpack_require__, 1539));
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
    const { Decrypter } = await __webpack_require__.e(/* import() */ 539).then(__webpack_require__.bind(__webpack_require__, 1539));
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

/***/ 8341:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   _6: () => (/* binding */ readMetadata),
/* harmony export */   f5: () => (/* binding */ writeMetadata)
/* harmony export */ });
/* unused harmony export metadataPath */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);


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

/***/ 179:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FT: () => (/* binding */ dockerTool),
/* harmony export */   q1: () => (/* binding */ chooseTool),
/* harmony export */   sY: () => (/* binding */ libpqArgs)
/* harmony export */ });
/* unused harmony exports toolDirs, toolVersion, installedTools */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7975);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_util__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3916);





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

/***/ 2079:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G: () => (/* binding */ dumpIn),
/* harmony export */   d: () => (/* binding */ restoreBackup)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _db_connect_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8008);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3916);
/* harmony import */ var _dump_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9794);
/* harmony import */ var _encryption_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3985);
/* harmony import */ var _metadata_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(8341);
/* harmony import */ var _pg_tools_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(179);








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

/***/ 816:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   locateDump: () => (/* binding */ locateDump),
/* harmony export */   restore: () => (/* binding */ restore)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _backup_restore_backup_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2079);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3916);
/* harmony import */ var _context_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(165);






/** The dump to restore: a file, or the dump of an artifact downloaded from this run or another. */
async function locateDump(source, ctx) {
    if (source.file)
        return source.file;
    if (!source.artifact)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .InputError */ .dz(['restore: set backup-file (a dump with its .json beside it) or backup-artifact']);
    if (!ctx.artifacts)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .InputError */ .dz([`'${source.artifact}': artifacts are only reachable inside GitHub Actions; download it and give the dump file instead`]);
    const dir = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdtempSync)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)((0,node_os__WEBPACK_IMPORTED_MODULE_1__.tmpdir)(), 'pmg-restore-'));
    const from = source.runId ? { runId: source.runId, owner: ctx.artifacts.owner, repo: ctx.artifacts.repo, token: ctx.githubToken ?? '' } : undefined;
    if (from && !from.token)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .InputError */ .dz(["backup-run-id: reading another run's artifacts needs github-token with actions: read"]);
    await ctx.artifacts.store.download(source.artifact, dir, from);
    return (0,_backup_restore_backup_js__WEBPACK_IMPORTED_MODULE_3__/* .dumpIn */ .G)(dir, source.identity);
}
/**
 * Restores a backup into the target database after checking its sha256: the dump's objects are dropped and
 * recreated in one transaction. Objects created after the backup are not in the dump and stay; the report
 * names the backup it restored.
 */
async function restore(config, ctx) {
    const report = (0,_context_js__WEBPACK_IMPORTED_MODULE_5__/* .startReport */ .Fg)('restore', config, ctx.databaseUrl);
    const dump = await locateDump({ file: config.backupFile, artifact: config.backupArtifact, runId: config.backupRunId, identity: config.backupIdentity }, ctx);
    const m = await (0,_backup_restore_backup_js__WEBPACK_IMPORTED_MODULE_3__/* .restoreBackup */ .d)(ctx.databaseUrl, dump, config.pgDumpPath);
    report.notes.push(`restored ${m.file} (sha256 ${m.sha256}, taken ${m.createdAt} from ${m.database}${m.lastApplied ? `, newest migration then ${m.lastApplied.name}` : ''})`);
    ctx.log.info(report.notes[report.notes.length - 1]);
    return report;
}


/***/ })

};
