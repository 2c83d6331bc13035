export const id = 346;
export const ids = [346];
export const modules = {

/***/ 43346:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  discover: () => (/* binding */ discover)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
;// CONCATENATED MODULE: ./src/migrations/checksum.ts

/** sha256 of a script with CRLF and CR line endings normalised to LF, so a checkout on Windows matches. */
function checksum(sql) {
    const normalised = sql.replace(/\r\n?/g, '\n');
    return `sha256:${(0,external_node_crypto_.createHash)('sha256').update(normalised, 'utf8').digest('hex')}`;
}

// EXTERNAL MODULE: ./src/migrations/names.ts
var names = __webpack_require__(41557);
// EXTERNAL MODULE: external "node:buffer"
var external_node_buffer_ = __webpack_require__(4573);
;// CONCATENATED MODULE: ./src/migrations/read-file.ts




const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const tooLarge = (shown, size) => `${shown}: is ${size.toLocaleString('en')} bytes, more than the ${external_node_buffer_.constants.MAX_STRING_LENGTH.toLocaleString('en')} characters a JavaScript string can hold, and pg-migration-gate reads a migration whole; split it into migrations under that size (a large COPY block into several), or run this one file with psql`;
/**
 * Reads a migration file as UTF-8, refusing a symlink that leads outside the migrations folder and bytes that
 * are not UTF-8 (PostgreSQL would reject or mangle them). `root` must already be a real path. Returns the text
 * to run, and the file as written (its byte-order mark kept), which other tools hash.
 */
function readMigrationFile(root, path, shown) {
    const real = (0,external_node_fs_.realpathSync)(path);
    const rel = (0,external_node_path_.relative)(root, real);
    if (rel.startsWith('..') || (0,external_node_path_.isAbsolute)(rel)) {
        throw new errors/* InputError */.dz([
            `${shown}: is a link to ${real}, outside the migrations folder; copy the file into the folder instead`,
        ]);
    }
    const size = (0,external_node_fs_.statSync)(real).size;
    if (size > external_node_buffer_.constants.MAX_STRING_LENGTH)
        throw new errors/* InputError */.dz([tooLarge(shown, size)]);
    const bytes = (0,external_node_fs_.readFileSync)(real);
    try {
        // A byte-order mark is dropped: PostgreSQL would read it as part of the first token.
        const source = utf8.decode(bytes);
        return { text: source.replace(/^\uFEFF/, ''), source };
    }
    catch (cause) {
        throw new errors/* InputError */.dz([`${shown}: is not valid UTF-8; save it as UTF-8 (PostgreSQL expects it)`], { cause });
    }
}

// EXTERNAL MODULE: ./src/migrations/sections.ts + 1 modules
var migrations_sections = __webpack_require__(80984);
// EXTERNAL MODULE: ./src/migrations/version.ts
var migrations_version = __webpack_require__(90233);
;// CONCATENATED MODULE: ./src/migrations/discover.ts








/**
 * Finds the migrations in a folder, detecting its layout, and returns them in version order.
 * Every problem in the folder is collected and thrown as one InputError, each naming the files and the fix.
 */
function discover(dir) {
    if (!(0,external_node_fs_.existsSync)(dir) || !(0,external_node_fs_.statSync)(dir).isDirectory()) {
        throw new errors/* InputError */.dz([`migrations folder '${dir}' does not exist; set migrations-dir to the folder holding your .sql files`]);
    }
    const root = (0,external_node_fs_.realpathSync)(dir);
    const problems = [];
    const entries = new Map();
    const byLayout = new Map();
    const add = (layout, version, description, role, file, migrationName) => {
        const id = (0,migrations_version/* versionId */.Ik)(version);
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
    for (const dirent of (0,external_node_fs_.readdirSync)(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
        const name = dirent.name;
        if (name.startsWith('.'))
            continue;
        const full = (0,external_node_path_.join)(dir, name);
        const isDir = dirent.isDirectory() || (dirent.isSymbolicLink() && (0,external_node_fs_.statSync)(full).isDirectory());
        if (isDir) {
            const folder = (0,names/* matchFolderName */.PP)(name);
            if (!folder)
                continue;
            const has = (file) => (0,external_node_fs_.existsSync)((0,external_node_path_.join)(dir, name, file));
            if (has('migration.sql') && has('up.sql')) {
                problems.push(`${name}/: has both migration.sql and up.sql; keep the one your tool runs`);
            }
            else if (has('migration.sql')) {
                // Prisma's and drizzle-kit's folders: one script, no down; drizzle's snapshot.json beside it stays unread.
                add('folder-migration-sql', folder.version, folder.description, 'up', (0,external_node_path_.join)(name, 'migration.sql'), name);
            }
            else if (has('up.sql')) {
                add('folder-per-migration', folder.version, folder.description, 'up', (0,external_node_path_.join)(name, 'up.sql'), name);
                if (has('down.sql'))
                    add('folder-per-migration', folder.version, folder.description, 'down', (0,external_node_path_.join)(name, 'down.sql'), name);
            }
            else {
                problems.push(`${name}/: looks like a migration folder but has no up.sql or migration.sql; add the script (and down.sql) or rename the folder`);
            }
            continue;
        }
        if ((0,names/* isGoMigration */.j1)(name)) {
            problems.push(`${name}: a goose Go migration, which this tool cannot run; rewrite it as ${name.replace(/\.go$/, '.sql')} or move it out of the folder`);
            continue;
        }
        if (!name.toLowerCase().endsWith('.sql'))
            continue;
        const m = (0,names/* matchFileName */.XS)(name);
        if (m.kind === 'unsupported')
            problems.push(`${name}: ${m.reason}`);
        else if (m.kind === 'unknown') {
            problems.push(`${name}: matches no migration naming layout; rename it to <version>_<description>.sql (e.g. 20240119_143000_${name.replace(/\.sql$/i, '')}.sql or 001_${name.replace(/\.sql$/i, '')}.sql) or move it out of the folder`);
        }
        else {
            // An up/down pair is named once: `12_x` for 12_x.up.sql, `001.create-users` for postgrator's 001.do.create-users.sql.
            const migrationName = m.layout === 'up-down-files' ? name.replace(/\.(up|down)\.sql$/, '').replace(/^(\d+)\.(?:do|undo)(\..+)?\.sql$/, '$1$2') : name;
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
        throw new errors/* InputError */.dz(problems);
    const migrations = [...entries.values()]
        .map((e) => load(root, dir, e, problems))
        .filter((m) => m !== undefined)
        .sort((a, b) => (0,migrations_version/* compareVersions */.Zy)(a.version, b.version));
    if (problems.length)
        throw new errors/* InputError */.dz(problems);
    const layout = byLayout.size ? [...byLayout.keys()][0] : 'empty';
    return { layout, migrations };
}
function load(root, dir, e, problems) {
    try {
        const { text: upText, source } = readMigrationFile(root, (0,external_node_path_.join)(dir, e.upFile), e.upFile);
        let up;
        let down;
        let noTransaction = false;
        if (e.layout === 'single-file' || e.layout === 'flyway') {
            const sections = (0,migrations_sections/* splitSections */.n)(e.upFile, upText);
            ({ up, down, noTransaction } = sections);
        }
        else {
            up = { file: e.upFile, sql: upText, startLine: 1 };
            noTransaction = (0,migrations_sections/* splitSections */.n)(e.upFile, upText).noTransaction;
        }
        if (e.downFile) {
            if (down) {
                problems.push(`${e.upFile}: has a down section and a separate down script ${e.downFile}; keep one of them`);
                return undefined;
            }
            down = { file: e.downFile, sql: readMigrationFile(root, (0,external_node_path_.join)(dir, e.downFile), e.downFile).text, startLine: 1 };
        }
        return {
            version: e.version,
            name: e.name,
            description: e.description,
            up,
            down,
            checksum: checksum(up.sql),
            source,
            noTransactionDirective: noTransaction,
        };
    }
    catch (err) {
        if (err instanceof errors/* InputError */.dz)
            problems.push(...err.problems);
        else
            throw err;
        return undefined;
    }
}


/***/ })

};
