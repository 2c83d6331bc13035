export const id = 986;
export const ids = [986];
export const modules = {

/***/ 9846:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Un: () => (/* binding */ LineEndHash),
/* harmony export */   lf: () => (/* binding */ checksumOf)
/* harmony export */ });
/* unused harmony export checksum */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);


/** sha256 of a script with CRLF and CR line endings normalised to LF, so a checkout on Windows matches. */
function checksum(sql) {
    const normalised = sql.replace(/\r\n?/g, '\n');
    return `sha256:${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(normalised, 'utf8').digest('hex')}`;
}
/**
 * The checksum of a script as written: its text, and the COPY rows a large file left on disk put back where they
 * were, read a chunk at a time. Equal to checksum() of the whole text.
 */
function checksumOf(script) {
    if (!script.elided?.length)
        return checksum(script.sql);
    const hash = new LineEndHash();
    let at = 0;
    let line = 0;
    for (const rows of script.elided) {
        let cut = at;
        for (; line < rows.line; line++)
            cut = script.sql.indexOf('\n', cut) + 1;
        hash.update(Buffer.from(script.sql.slice(at, cut), 'utf8'));
        at = cut;
        fileRange(rows.path, rows.from, rows.to, (bytes) => hash.update(bytes));
    }
    hash.update(Buffer.from(script.sql.slice(at), 'utf8'));
    return hash.checksum();
}
/** Reads bytes [from, to) of a file a chunk at a time. */
function fileRange(path, from, to, each) {
    const fd = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.openSync)(path, 'r');
    try {
        const chunk = Buffer.allocUnsafe(1 << 20);
        for (let at = from; at < to;) {
            const n = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readSync)(fd, chunk, 0, Math.min(chunk.length, to - at), at);
            if (n === 0)
                throw new Error(`${path} is shorter than when it was read (${at} of ${to} bytes)`);
            each(chunk.subarray(0, n));
            at += n;
        }
    }
    finally {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.closeSync)(fd);
    }
}
/** sha256 of bytes fed in pieces, CR LF and lone CR counted as LF (both are single bytes in UTF-8): checksum(). */
class LineEndHash {
    hash = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256');
    /** The last piece ended in CR: a LF opening the next is the same line end. */
    afterCr = false;
    update(bytes) {
        let start = 0;
        if (this.afterCr && bytes[0] === 10)
            start = 1;
        this.afterCr = false;
        for (let cr = bytes.indexOf(13, start); cr >= 0; cr = bytes.indexOf(13, start)) {
            this.hash.update(bytes.subarray(start, cr));
            this.hash.update('\n');
            if (cr + 1 === bytes.length)
                this.afterCr = true;
            start = bytes[cr + 1] === 10 ? cr + 2 : cr + 1;
        }
        if (start < bytes.length)
            this.hash.update(bytes.subarray(start));
    }
    /** In checksum()'s form. */
    checksum() {
        return `sha256:${this.hash.digest('hex')}`;
    }
}


/***/ }),

/***/ 62986:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   discover: () => (/* binding */ discover),
/* harmony export */   readFolder: () => (/* binding */ readFolder)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _foundation_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(358);
/* harmony import */ var _checksum_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9846);
/* harmony import */ var _names_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(41557);
/* harmony import */ var _parse_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(25493);
/* harmony import */ var _read_file_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(12585);
/* harmony import */ var _sections_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(80984);
/* harmony import */ var _version_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(90233);









/**
 * discover(), with the parser loaded first (it tells a large file's COPY rows as the file is read). A folder with no
 * migrations is refused unless `allowEmpty`: a check pointed at the wrong folder would otherwise pass forever.
 */
async function readFolder(dir, allowEmpty) {
    await (0,_parse_js__WEBPACK_IMPORTED_MODULE_5__/* .loadParser */ .qd)();
    const found = discover(dir);
    if (!found.migrations.length && !allowEmpty)
        throw new _foundation_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz([noMigrations(dir)]);
    return found;
}
/** The layouts discovery knows, as a person would recognise them. */
const LAYOUTS_LOOKED_FOR = '<version>_<name>.sql (20240119_143000_add_prefs.sql, 001_initial_schema.sql, dbmate and golang-migrate names), 12_x.up.sql with 12_x.down.sql, Flyway V1__x.sql, and folders holding up.sql or migration.sql';
/** Why a folder holds no migrations, naming the folders below it that hold .sql files (db/ instead of db/migrations). */
function noMigrations(dir) {
    const below = sqlFoldersBelow(dir, 2).slice(0, 3);
    const hint = below.length
        ? `; ${below.map((b) => `${b.path} holds ${b.files} .sql file(s)`).join(', ')}: point migrations-dir there`
        : '; point migrations-dir at the folder holding them';
    return `migrations folder '${dir}' holds no migrations: looked for ${LAYOUTS_LOOKED_FOR}${hint}, or set allow-empty: true for a project that has none yet`;
}
function sqlFoldersBelow(dir, depth) {
    if (depth === 0)
        return [];
    return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readdirSync)(dir, { withFileTypes: true })
        .filter((d) => d.isDirectory() && !d.name.startsWith('.') && d.name !== 'node_modules')
        .sort((a, b) => a.name.localeCompare(b.name))
        .flatMap((d) => {
        const path = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, d.name);
        const files = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readdirSync)(path).filter((f) => f.toLowerCase().endsWith('.sql')).length;
        return [...(files ? [{ path, files }] : []), ...sqlFoldersBelow(path, depth - 1)];
    });
}
/**
 * Finds the migrations in a folder, detecting its layout, and returns them in version order.
 * Every problem in the folder is collected and thrown as one InputError, each naming the files and the fix.
 * Files over `largeAbove` bytes are read in pieces, their COPY rows left on disk.
 */
function discover(dir, largeAbove = _read_file_js__WEBPACK_IMPORTED_MODULE_6__/* .LARGE_FILE */ .f) {
    if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(dir) || !(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(dir).isDirectory()) {
        throw new _foundation_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz([
            `migrations folder '${dir}' does not exist; set migrations-dir to the folder holding your .sql files`,
        ]);
    }
    const root = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync)(dir);
    const problems = [];
    const entries = new Map();
    const byLayout = new Map();
    const add = (layout, version, description, role, file, migrationName) => {
        const id = (0,_version_js__WEBPACK_IMPORTED_MODULE_8__/* .versionId */ .Ik)(version);
        byLayout.set(layout, [...(byLayout.get(layout) ?? []), file]);
        let entry = entries.get(id);
        if (!entry) {
            entry = { layout, version, description, name: migrationName };
            entries.set(id, entry);
        }
        const slot = role === 'down' ? 'downFile' : 'upFile';
        if (entry[slot]) {
            problems.push(`duplicate version ${version.text}: ${entry[slot]} and ${file}; give one of them a new, later version`);
            return;
        }
        entry[slot] = file;
        if (role !== 'down') {
            entry.name = migrationName;
            entry.description = description;
        }
    };
    for (const dirent of (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readdirSync)(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
        const name = dirent.name;
        if (name.startsWith('.'))
            continue;
        const full = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, name);
        const isDir = dirent.isDirectory() || (dirent.isSymbolicLink() && (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(full).isDirectory());
        if (isDir) {
            const folder = (0,_names_js__WEBPACK_IMPORTED_MODULE_4__/* .matchFolderName */ .PP)(name);
            if (!folder)
                continue;
            const has = (file) => (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, name, file));
            if (has('migration.sql') && has('up.sql')) {
                problems.push(`${name}/: has both migration.sql and up.sql; keep the one your tool runs`);
            }
            else if (has('migration.sql')) {
                // Prisma's and drizzle-kit's folders: one script, no down; drizzle's snapshot.json beside it stays unread.
                add('folder-migration-sql', folder.version, folder.description, 'up', (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(name, 'migration.sql'), name);
            }
            else if (has('up.sql')) {
                add('folder-per-migration', folder.version, folder.description, 'up', (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(name, 'up.sql'), name);
                if (has('down.sql'))
                    add('folder-per-migration', folder.version, folder.description, 'down', (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(name, 'down.sql'), name);
            }
            else {
                problems.push(`${name}/: looks like a migration folder but has no up.sql or migration.sql; add the script (and down.sql) or rename the folder`);
            }
            continue;
        }
        if ((0,_names_js__WEBPACK_IMPORTED_MODULE_4__/* .isGoMigration */ .j1)(name)) {
            problems.push(`${name}: a goose Go migration, which this tool cannot run; rewrite it as ${name.replace(/\.go$/, '.sql')} or move it out of the folder`);
            continue;
        }
        if (!name.toLowerCase().endsWith('.sql'))
            continue;
        const m = (0,_names_js__WEBPACK_IMPORTED_MODULE_4__/* .matchFileName */ .XS)(name);
        if (m.kind === 'unsupported')
            problems.push(`${name}: ${m.reason}`);
        else if (m.kind === 'unknown') {
            problems.push(`${name}: matches no migration naming layout; rename it to <version>_<description>.sql (e.g. 20240119_143000_${name.replace(/\.sql$/i, '')}.sql or 001_${name.replace(/\.sql$/i, '')}.sql) or move it out of the folder`);
        }
        else {
            // An up/down pair is named once: `12_x` for 12_x.up.sql, `001.create-users` for postgrator's 001.do.create-users.sql.
            const migrationName = m.layout === 'up-down-files'
                ? name.replace(/\.(up|down)\.sql$/, '').replace(/^(\d+)\.(?:do|undo)(\..+)?\.sql$/, '$1$2')
                : name;
            add(m.layout, m.version, m.description, m.role, name, migrationName);
        }
    }
    if (byLayout.size > 1) {
        const kinds = [...byLayout].map(([layout, files]) => `${layout} (${files.slice(0, 2).join(', ')}${files.length > 2 ? ', …' : ''})`);
        problems.push(`the folder mixes migration layouts: ${kinds.join(' and ')}; keep one layout per folder`);
    }
    for (const e of entries.values()) {
        if (!e.upFile)
            problems.push(`${e.downFile}: a down script without its up script; add the matching up script or remove it`);
    }
    if (problems.length)
        throw new _foundation_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz(problems);
    const migrations = [...entries.values()]
        .map((e) => load(root, dir, e, problems, largeAbove))
        .filter((m) => m !== undefined)
        .sort((a, b) => (0,_version_js__WEBPACK_IMPORTED_MODULE_8__/* .compareVersions */ .Zy)(a.version, b.version));
    if (problems.length)
        throw new _foundation_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz(problems);
    const layout = byLayout.size ? [...byLayout.keys()][0] : 'empty';
    return { layout, migrations };
}
function load(root, dir, e, problems, largeAbove) {
    try {
        const { text: upText, source, elided, checksum: whole, } = (0,_read_file_js__WEBPACK_IMPORTED_MODULE_6__/* .readMigrationFile */ .r)(root, (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, e.upFile), e.upFile, largeAbove);
        let up;
        let down;
        let noTransaction = false;
        if (e.layout === 'single-file' || e.layout === 'flyway') {
            const sections = (0,_sections_js__WEBPACK_IMPORTED_MODULE_7__/* .splitSections */ .n)(e.upFile, upText, elided);
            ({ up, down, noTransaction } = sections);
        }
        else {
            up = { file: e.upFile, sql: upText, startLine: 1, ...(elided && { elided }) };
            noTransaction = (0,_sections_js__WEBPACK_IMPORTED_MODULE_7__/* .splitSections */ .n)(e.upFile, upText, elided).noTransaction;
        }
        if (e.downFile) {
            if (down) {
                problems.push(`${e.upFile}: has a down section and a separate down script ${e.downFile}; keep one of them`);
                return undefined;
            }
            const read = (0,_read_file_js__WEBPACK_IMPORTED_MODULE_6__/* .readMigrationFile */ .r)(root, (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, e.downFile), e.downFile, largeAbove);
            down = { file: e.downFile, sql: read.text, startLine: 1, ...(read.elided && { elided: read.elided }) };
        }
        return {
            version: e.version,
            name: e.name,
            description: e.description,
            up,
            down,
            checksum: whole !== undefined && up.sql === upText ? whole : (0,_checksum_js__WEBPACK_IMPORTED_MODULE_3__/* .checksumOf */ .lf)(up),
            ...(source !== undefined && { source }),
            noTransactionDirective: noTransaction,
        };
    }
    catch (err) {
        if (err instanceof _foundation_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz)
            problems.push(...err.problems);
        else
            throw err;
        return undefined;
    }
}


/***/ }),

/***/ 12585:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  f: () => (/* binding */ LARGE_FILE),
  r: () => (/* binding */ readMigrationFile)
});

// EXTERNAL MODULE: external "node:buffer"
var external_node_buffer_ = __webpack_require__(4573);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/foundation/errors.ts
var errors = __webpack_require__(358);
// EXTERNAL MODULE: ./node_modules/libpg-query/wasm/index.cjs
var wasm = __webpack_require__(2627);
// EXTERNAL MODULE: ./src/migrations/checksum.ts
var checksum = __webpack_require__(9846);
;// CONCATENATED MODULE: ./src/migrations/large-file.ts





/**
 * Reads a large migration file as psql does, a line at a time, keeping its SQL and leaving the rows of each
 * `COPY … FROM stdin` on disk: the rows are sent from the file when the statement runs, so a 1 GB data load
 * takes the memory of its SQL, not of its rows. The text returned is the file without those rows (each block's
 * end-of-data line stays right after its COPY); `elided` says where each block was and where its rows are.
 *
 * Which statement is a COPY … FROM stdin is the real parser's call, asked when a line ends a statement that may
 * be one; the splitter (psql-script.ts) reads the text again and must find every block here, or the file is
 * refused. Bytes are checked to be UTF-8, rows included.
 */
const CHUNK = 1 << 20;
const NEWLINE = 10;
/**
 * The lines of a file with their byte offsets, read a chunk at a time; each line keeps its line break. A line
 * longer than a string can hold is refused as it grows, before it is held whole.
 */
function* linesOf(path, shown) {
    const fd = (0,external_node_fs_.openSync)(path, 'r');
    try {
        let open = [];
        let openLength = 0;
        let at = 0;
        for (;;) {
            const chunk = Buffer.allocUnsafe(CHUNK);
            const n = (0,external_node_fs_.readSync)(fd, chunk, 0, CHUNK, null);
            if (n === 0)
                break;
            const data = chunk.subarray(0, n);
            let start = 0;
            for (let eol = data.indexOf(NEWLINE); eol >= 0; eol = data.indexOf(NEWLINE, start)) {
                const piece = data.subarray(start, eol + 1);
                const bytes = open.length ? Buffer.concat([...open, piece]) : piece;
                open = [];
                openLength = 0;
                yield { bytes, at };
                at += bytes.length;
                start = eol + 1;
            }
            if (start < n) {
                open.push(data.subarray(start));
                openLength += n - start;
                if (openLength > external_node_buffer_.constants.MAX_STRING_LENGTH)
                    throw new errors/* InputError */.dz([
                        `${shown}: has a line of more than ${external_node_buffer_.constants.MAX_STRING_LENGTH.toLocaleString('en')} bytes, more than a JavaScript string can hold; break it into lines, or run this one file with psql`,
                    ]);
            }
        }
        if (open.length)
            yield { bytes: Buffer.concat(open), at };
    }
    finally {
        (0,external_node_fs_.closeSync)(fd);
    }
}
/** `\.` alone on its line, a CR before the line break allowed (as the splitter's endOfData reads it). */
const isEndOfData = (line) => {
    const end = line.length - (line[line.length - 1] === NEWLINE ? 1 : 0);
    const length = end - (line[end - 1] === 13 ? 1 : 0);
    return length === 2 && line[0] === 92 && line[1] === 46;
};
/**
 * Whether `sql` ends with a COPY … FROM stdin ended by its semicolon, so that the next line starts its rows;
 * `open` when a statement, string or comment is still open there, so that reading must go on; `closed` when
 * every statement is complete; `broken` at a syntax error (the splitter reports it, and nothing runs).
 */
function endsWithCopy(sql) {
    try {
        const stmts = (0,wasm.parseSync)(sql).stmts ?? [];
        const last = stmts[stmts.length - 1];
        if (!last)
            return 'closed';
        if (!last.stmt_len)
            return 'open';
        const copy = last.stmt.CopyStmt;
        return copy?.is_from === true && !copy.filename ? 'copy' : 'closed';
    }
    catch (err) {
        if (!(err instanceof wasm.SqlError))
            throw err;
        return err.message.startsWith('unterminated ') || err.message.includes('at end of input') ? 'open' : 'broken';
    }
}
/**
 * See the module comment. `decode` checks and decodes UTF-8 as a stream (it throws on bytes that are not).
 * Throws an InputError naming the line of a COPY whose rows have no end-of-data line.
 */
function readInPieces(path, shown, decode) {
    const parts = [];
    const elided = [];
    let line = 0;
    /** SQL since the last point where no statement was open, as far as the parser could tell. */
    let pending = '';
    let maybeCopy = false;
    let rows;
    const hash = new checksum/* LineEndHash */.Un();
    for (const { bytes, at } of linesOf(path, shown)) {
        hash.update(at === 0 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes);
        if (rows) {
            decode(bytes, true);
            if (!isEndOfData(bytes)) {
                rows.lines++;
                continue;
            }
            elided.push({ path, line, lines: rows.lines, from: rows.from, to: at });
            rows = undefined;
        }
        // A byte-order mark is dropped: PostgreSQL would read it as part of the first token.
        const text = at === 0 ? decode(bytes, true).replace(/^\uFEFF/, '') : decode(bytes, true);
        parts.push(text);
        line++;
        if (/^\s*\\/.test(text) && pending.trim() !== '' && endsWithCopy(pending) !== 'open')
            pending = '';
        if (/^\s*\\/.test(text) && pending.trim() === '')
            continue; // a psql meta-command between statements
        pending += text;
        maybeCopy ||= /stdin/i.test(text);
        if (!maybeCopy || !text.includes(';'))
            continue;
        // After a syntax error, the line on its own: the rows of a COPY after the error stay on disk all the same.
        let state = endsWithCopy(pending);
        if (state === 'broken' && pending !== text)
            state = endsWithCopy(text);
        if (state === 'open')
            continue;
        if (state === 'copy')
            rows = { from: at + bytes.length, lines: 0 };
        pending = '';
        maybeCopy = false;
    }
    decode(Buffer.alloc(0), false);
    if (rows)
        throw new errors/* InputError */.dz([
            `${shown}:${line}: COPY … FROM stdin has no end-of-data line (a line holding only \\.); end the rows with one, as pg_dump writes it`,
        ]);
    return { text: parts.join(''), elided, checksum: hash.checksum() };
}

;// CONCATENATED MODULE: ./src/migrations/read-file.ts





/** Files larger than this are read in pieces, their COPY rows left on disk (large-file.ts). */
const LARGE_FILE = 64 * 1024 * 1024;
const tooLarge = (shown) => `${shown}: holds more SQL outside its COPY rows than the ${external_node_buffer_.constants.MAX_STRING_LENGTH.toLocaleString('en')} characters a JavaScript string can hold, and pg-migration-gate holds that SQL whole; split it into several migrations, or run this one file with psql`;
/**
 * Reads a migration file as UTF-8, refusing a symlink that leads outside the migrations folder and bytes that
 * are not UTF-8 (PostgreSQL would reject or mangle them). `root` must already be a real path. A file over
 * `largeAbove` bytes is read a line at a time, its COPY rows left on disk.
 */
function readMigrationFile(root, path, shown, largeAbove = LARGE_FILE) {
    const real = (0,external_node_fs_.realpathSync)(path);
    const rel = (0,external_node_path_.relative)(root, real);
    if (rel.startsWith('..') || (0,external_node_path_.isAbsolute)(rel)) {
        throw new errors/* InputError */.dz([
            `${shown}: is a link to ${real}, outside the migrations folder; copy the file into the folder instead`,
        ]);
    }
    const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    try {
        if ((0,external_node_fs_.statSync)(real).size > largeAbove) {
            return readInPieces(real, shown, (bytes, stream) => utf8.decode(bytes, { stream }));
        }
        const source = utf8.decode((0,external_node_fs_.readFileSync)(real));
        return { text: source.replace(/^\uFEFF/, ''), source };
    }
    catch (cause) {
        if (cause instanceof errors/* InputError */.dz)
            throw cause;
        const code = cause.code;
        if (code === 'ERR_STRING_TOO_LONG' || (cause instanceof RangeError && /string length/i.test(cause.message)))
            throw new errors/* InputError */.dz([tooLarge(shown)], { cause });
        if (code === 'ERR_ENCODING_INVALID_ENCODED_DATA')
            throw new errors/* InputError */.dz([`${shown}: is not valid UTF-8; save it as UTF-8 (PostgreSQL expects it)`], { cause });
        throw cause;
    }
}


/***/ })

};
