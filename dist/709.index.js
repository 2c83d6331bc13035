export const id = 709;
export const ids = [709];
export const modules = {

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

/***/ 53966:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bb: () => (/* binding */ locateHistoryTable),
/* harmony export */   Il: () => (/* binding */ insertRow),
/* harmony export */   J8: () => (/* binding */ markClean),
/* harmony export */   Lu: () => (/* binding */ readHistory),
/* harmony export */   SA: () => (/* binding */ setChecksum),
/* harmony export */   aR: () => (/* binding */ deleteRow),
/* harmony export */   jH: () => (/* binding */ recordInTransaction),
/* harmony export */   r0: () => (/* binding */ ensureHistoryTable)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
/* harmony import */ var _migrations_names_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(41557);
/* harmony import */ var _migrations_version_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(90233);
/* harmony import */ var _identifiers_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(31382);




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

/***/ 41557:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   PP: () => (/* binding */ matchFolderName),
/* harmony export */   XS: () => (/* binding */ matchFileName),
/* harmony export */   sv: () => (/* binding */ versionFromName)
/* harmony export */ });
/* harmony import */ var _version_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(90233);

// Timestamp versions come first in each alternation so `20240119_143000_x` is not read as version 20240119.
const VERSION = String.raw `(\d{8}_\d{6}|\d+)`;
const SINGLE = new RegExp(String.raw `^${VERSION}(?:_(.+))?\.sql$`);
const UP_DOWN = new RegExp(String.raw `^${VERSION}(?:_(.+?))?\.(up|down)\.sql$`);
const FLYWAY = /^([VU])(\d+(?:[._]\d+)*)__(.+)\.sql$/;
const FOLDER = /^(\d{4}-\d{2}-\d{2}-\d{6}|\d{8}_\d{6}|\d+)(?:_(.+))?$/;
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

/***/ 90233:
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
