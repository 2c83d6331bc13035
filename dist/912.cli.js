export const id = 912;
export const ids = [912];
export const modules = {

/***/ 4912:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   lint: () => (/* binding */ lint)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _db_connect_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4899);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3919);
/* harmony import */ var _git_changed_files_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2028);
/* harmony import */ var _lint_lint_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2303);
/* harmony import */ var _migrations_discover_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(5402);
/* harmony import */ var _migrations_names_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(9894);
/* harmony import */ var _migrations_sections_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(4498);
/* harmony import */ var _model_report_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(7608);
/* harmony import */ var _db_identifiers_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(4733);










const RANK = { info: 0, warning: 1, error: 2 };
async function serverVersion(url) {
    return (0,_db_connect_js__WEBPACK_IMPORTED_MODULE_1__/* .withClient */ .SV)(url, async (c) => Math.floor(Number((await c.query('SHOW server_version_num')).rows[0].server_version_num) / 10000));
}
function fromFolder(migrations, scope) {
    return migrations.map((m) => ({
        script: m.up,
        hasDown: !!m.down,
        version: m.version.text,
        noTransactionDirective: m.noTransactionDirective,
        runByGate: true,
        inScope: !scope || scope.has(m.up.file) || (!!m.down && scope.has(m.down.file)),
    }));
}
function fromPaths(paths) {
    return paths.map((file) => {
        let text;
        try {
            text = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(file, 'utf8');
        }
        catch (cause) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz([`${file}: cannot be read (${cause.code}); check the path`], { cause });
        }
        const { up, down, noTransaction } = (0,_migrations_sections_js__WEBPACK_IMPORTED_MODULE_7__/* .splitSections */ .n)(file, text);
        const name = (0,_migrations_names_js__WEBPACK_IMPORTED_MODULE_6__/* .matchFileName */ .XS)(file.split('/').pop());
        return {
            script: up,
            hasDown: !!down,
            version: name.kind === 'migration' ? name.version.text : undefined,
            noTransactionDirective: noTransaction,
            runByGate: false,
            inScope: true,
        };
    });
}
/**
 * Lints migrations with PostgreSQL's own parser: the discovered folder (on a pull request, only what changed
 * since base-ref), or files given by path. The run fails when a finding reaches fail-on.
 */
async function lint(config, ctx) {
    const report = (0,_model_report_js__WEBPACK_IMPORTED_MODULE_8__/* .newReport */ .bQ)('lint', (0,_db_identifiers_js__WEBPACK_IMPORTED_MODULE_9__/* .tableText */ .qK)(config.historyTable));
    let inputs;
    if (ctx.files?.length) {
        inputs = fromPaths(ctx.files);
    }
    else {
        const { migrations } = (0,_migrations_discover_js__WEBPACK_IMPORTED_MODULE_5__/* .discover */ .k)(config.migrationsDir);
        report.root = config.migrationsDir;
        const scope = config.baseRef ? await (0,_git_changed_files_js__WEBPACK_IMPORTED_MODULE_3__/* .changedFiles */ .Y)(config.baseRef, config.migrationsDir) : undefined;
        inputs = fromFolder(migrations, scope);
        if (scope)
            report.notes.push(`linted ${inputs.filter((i) => i.inScope).length} of ${inputs.length} migration(s): those added or changed since ${config.baseRef}`);
    }
    const postgresVersion = config.postgresVersion ?? (ctx.databaseUrl ? await serverVersion(ctx.databaseUrl) : _lint_lint_js__WEBPACK_IMPORTED_MODULE_4__/* .NEWEST_POSTGRES */ .b);
    const findings = await (0,_lint_lint_js__WEBPACK_IMPORTED_MODULE_4__/* .lintFiles */ .j)(inputs, { postgresVersion, disabled: new Set(config.disabledRules) });
    const threshold = config.failOn === 'never' ? Infinity : RANK[config.failOn];
    for (const f of findings)
        (0,_model_report_js__WEBPACK_IMPORTED_MODULE_8__/* .addFinding */ .Xd)(report, f);
    report.ok = findings.every((f) => RANK[f.severity] < threshold);
    ctx.log.info(`linted ${inputs.filter((i) => i.inScope).length} file(s) for PostgreSQL ${postgresVersion}: ${findings.length} finding(s)`);
    return report;
}


/***/ }),

/***/ 2028:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Y: () => (/* binding */ changedFiles),
  a: () => (/* binding */ filesAtBase)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3919);
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
        throw new errors/* InputError */.dz([`base-ref: '${dir}' is not inside a git checkout; run where the repository is checked out, or leave base-ref empty`]);
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
        throw new errors/* InputError */.dz([`base-ref: '${baseRef}' is not in this clone, or shares no history with HEAD (a shallow checkout?); use actions/checkout with fetch-depth: 0, or git fetch the base branch first`], { cause });
    }
}

;// CONCATENATED MODULE: ./src/git/changed-files.ts


/** Paths relative to `dir` of git's NUL-separated output (paths relative to the repository's top). */
function underDir(out, top, dir) {
    const root = (0,external_node_path_.resolve)(dir);
    return new Set(out.split('\0').filter(Boolean).map((f) => (0,external_node_path_.relative)(root, (0,external_node_path_.resolve)(top, f))));
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


/***/ }),

/***/ 2303:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  b: () => (/* binding */ NEWEST_POSTGRES),
  j: () => (/* binding */ lintFiles)
});

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3919);
// EXTERNAL MODULE: ./src/migrations/parse.ts + 2 modules
var parse = __webpack_require__(6475);
// EXTERNAL MODULE: ./src/migrations/transaction.ts + 1 modules
var transaction = __webpack_require__(6600);
// EXTERNAL MODULE: ./src/lint/ast.ts
var ast = __webpack_require__(5678);
;// CONCATENATED MODULE: ./src/lint/column-types.ts

/**
 * What the folder's migrations have declared each column's type to be, statement after statement. The linter
 * records each file after linting it, so while a file is linted this holds what came before it; a lookup inside
 * the file adds that file's earlier statements on top (see before()).
 */
class ColumnTypes {
    types = new Map();
    static key(rel, column) {
        return `${(0,ast/* relKey */.jO)(rel)}|${column.toLowerCase()}`;
    }
    get(rel, column) {
        return this.types.get(ColumnTypes.key(rel, column));
    }
    record(statements) {
        for (const s of statements) {
            const rel = (0,ast/* relName */.ve)(s.node.relation);
            if (!rel)
                continue;
            for (const col of (0,ast/* columnDefs */.$C)(s))
                this.types.set(ColumnTypes.key(rel, col.colname), col.typeName);
            for (const cmd of (0,ast/* alterCmds */.sy)(s)) {
                const col = cmd.def?.ColumnDef;
                if (cmd.subtype === 'AT_AddColumn' && col)
                    this.types.set(ColumnTypes.key(rel, col.colname), col.typeName);
                if (cmd.subtype === 'AT_AlterColumnType' && col)
                    this.types.set(ColumnTypes.key(rel, cmd.name), col.typeName);
            }
            if (s.kind === 'RenameStmt' && s.node.renameType === 'OBJECT_COLUMN') {
                const type = this.get(rel, s.node.subname);
                if (type)
                    this.types.set(ColumnTypes.key(rel, s.node.newname), type);
            }
        }
        return this;
    }
}
/** The type a column has just before statement `index` of a file, given the types recorded before the file. */
function typeBefore(folder, statements, rel, column, index) {
    return new ColumnTypes().record(statements.slice(0, index)).get(rel, column) ?? folder.get(rel, column);
}

// EXTERNAL MODULE: ./src/lint/conventions.ts
var conventions = __webpack_require__(3854);
// EXTERNAL MODULE: ./src/lint/registry.ts + 39 modules
var registry = __webpack_require__(5403);
// EXTERNAL MODULE: ../../work/main/node_modules/libpg-query/wasm/index.cjs
var wasm = __webpack_require__(2663);
;// CONCATENATED MODULE: ./src/lint/suppressions.ts


/** `-- pg-migration-gate:ignore rule-a, rule-b` (this statement) or `:ignore-file` (the whole file). */
const DIRECTIVE = /pg-migration-gate:(ignore-file|ignore)\s+([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)/;
/**
 * Finds suppression comments with PostgreSQL's own scanner, so text that only looks like a comment (inside a
 * string or a function body) is never taken for one.
 */
function findSuppressions(script) {
    if (!script.sql.includes('pg-migration-gate:'))
        return [];
    let tokens;
    try {
        tokens = (0,wasm.scanSync)(script.sql).tokens;
    }
    catch {
        return []; // text the scanner cannot read (an unterminated string) is already a syntax error
    }
    const bytes = Buffer.from(script.sql, 'utf8');
    const lines = new parse/* LineMap */.HU(script);
    const out = [];
    for (const t of tokens) {
        if (t.tokenName !== 'SQL_COMMENT' && t.tokenName !== 'C_COMMENT')
            continue;
        const m = DIRECTIVE.exec(t.text);
        if (!m)
            continue;
        const offset = bytes.subarray(0, t.start).toString('utf8').length;
        out.push({
            scope: m[1] === 'ignore-file' ? 'file' : 'statement',
            rules: m[2].split(',').map((r) => r.trim()),
            location: lines.at(offset),
            used: new Set(),
        });
    }
    return out;
}
/**
 * True when a directive silences `rule` at a statement spanning lines [first, last]: the comment sits on one of
 * those lines or on the line just before. File-level directives silence the rule everywhere in the file.
 */
function suppress(suppressions, rule, span) {
    for (const s of suppressions) {
        if (!s.rules.includes(rule))
            continue;
        const applies = s.scope === 'file' || (span && s.location.line >= span.first - 1 && s.location.line <= span.last);
        if (applies) {
            s.used.add(rule);
            return true;
        }
    }
    return false;
}

;// CONCATENATED MODULE: ./src/lint/lint.ts








const NEWEST_POSTGRES = 18;
function docsOf(rule) {
    return `docs/rules/${rule}.md`;
}
function finding(rule, detail, loc) {
    return {
        rule: rule.id,
        severity: rule.severity,
        message: detail ? `${rule.message} ${detail}` : rule.message,
        help: rule.help,
        docs: docsOf(rule.id),
        ...loc,
    };
}
function lastLine(s) {
    return s.location.line + (s.sql.match(/\n/g)?.length ?? 0);
}
/** Tables created in the file before a statement: new, and so empty. */
function createdBefore(statements) {
    const firstCreate = new Map();
    statements.forEach((s, i) => {
        const rel = s.kind === 'CreateStmt' ? (0,ast/* relName */.ve)(s.node.relation) : undefined;
        if (rel && !firstCreate.has((0,ast/* relKey */.jO)(rel)))
            firstCreate.set((0,ast/* relKey */.jO)(rel), i);
    });
    return (rel, index) => {
        const at = rel ? firstCreate.get((0,ast/* relKey */.jO)(rel)) : undefined;
        return at !== undefined && at < index;
    };
}
async function parseInput(input) {
    const file = {
        file: input.script.file,
        statements: [],
        hasDown: input.hasDown,
        version: input.version,
        script: input.script,
        sql: input.script.sql,
        runByGate: input.runByGate,
    };
    try {
        ({ statements: file.statements, sql: file.sql } = await (0,parse/* parsePsqlScript */.v2)(input.script));
    }
    catch (err) {
        if (err instanceof errors/* MigrationError */.Py)
            return { file, error: err };
        throw err;
    }
    try {
        file.exec = (0,transaction/* executionPlan */.W)(file.statements, input.noTransactionDirective);
    }
    catch (err) {
        if (!(err instanceof errors/* MigrationError */.Py))
            throw err;
    }
    return { file };
}
/**
 * Lints files with every enabled rule, as the runner will execute them. Findings silenced by a suppression
 * comment are dropped; a suppression that silences nothing is itself reported.
 */
async function lintFiles(inputs, options) {
    await (0,parse/* loadParser */.qd)();
    const parsed = await Promise.all(inputs.map(parseInput));
    const run = {
        options,
        folder: options.folder ?? (0,conventions/* folderConventions */.Hi)(parsed.filter((p) => !p.error).map((p) => ({ ...p.file, text: p.file.script.sql }))),
        columns: new ColumnTypes(),
        enabled: registry/* RULES */.y.filter((r) => !options.disabled.has(r.id)),
    };
    const findings = [];
    parsed.forEach(({ file, error }, i) => {
        if (inputs[i].inScope)
            findings.push(...(error ? syntaxFindings(error, run) : lintOne(file, run)));
        run.columns.record(file.statements);
    });
    return findings;
}
/** The parser's own words for SQL it rejects; ours, with the way out, for psql lines the runner does not run. */
function syntaxFindings(error, run) {
    const rule = run.enabled.find((r) => r.id === 'syntax-error');
    const parser = /^syntax error: /.exec(error.message);
    const detail = parser ? `PostgreSQL says: ${error.message.slice(parser[0].length)}.` : `${error.message}: ${error.details.hint}.`;
    return rule ? [finding(rule, detail, error.details.location)] : [];
}
function lintOne(file, run) {
    const suppressions = findSuppressions({ ...file.script, sql: file.sql });
    const toChar = (0,parse/* byteToChar */.Ec)(file.script.sql);
    const lines = new parse/* LineMap */.HU(file.script);
    const ctx = {
        file,
        locate: (b) => (typeof b === 'number' && b >= 0 ? lines.at(toChar(b)) : undefined),
        postgresVersion: run.options.postgresVersion,
        folder: run.folder,
        createdBefore: createdBefore(file.statements),
        columnTypeBefore: (rel, column, index) => (rel ? typeBefore(run.columns, file.statements, rel, column, index) : undefined),
    };
    const out = [];
    for (const rule of run.enabled) {
        for (const hit of rule.check(ctx)) {
            const s = hit.statement;
            const loc = hit.location ?? s?.location;
            const span = s ? { first: s.location.line, last: lastLine(s) } : undefined;
            if (suppress(suppressions, rule.id, span))
                continue;
            out.push(finding(rule, hit.detail, { file: file.file, line: loc?.line, column: loc?.column }));
        }
    }
    const unused = run.enabled.find((r) => r.id === 'unused-suppression');
    for (const s of unused ? suppressions : []) {
        for (const r of s.rules.filter((r) => !s.used.has(r))) {
            out.push(finding(unused, (0,registry/* ruleById */.B)(r) ? `'${r}' found nothing to silence here.` : `'${r}' is not a rule.`, s.location));
        }
    }
    return out.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}


/***/ }),

/***/ 5402:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  k: () => (/* binding */ discover)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3919);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/migrations/checksum.ts

/** sha256 of a script with CRLF and CR line endings normalised to LF, so a checkout on Windows matches. */
function checksum(sql) {
    const normalised = sql.replace(/\r\n?/g, '\n');
    return `sha256:${(0,external_node_crypto_.createHash)('sha256').update(normalised, 'utf8').digest('hex')}`;
}

// EXTERNAL MODULE: ./src/migrations/names.ts
var names = __webpack_require__(9894);
;// CONCATENATED MODULE: ./src/migrations/read-file.ts



const utf8 = new TextDecoder('utf-8', { fatal: true });
/**
 * Reads a migration file as UTF-8, refusing a symlink that leads outside the migrations folder and bytes that
 * are not UTF-8 (PostgreSQL would reject or mangle them). `root` must already be a real path.
 */
function readMigrationFile(root, path, shown) {
    const real = (0,external_node_fs_.realpathSync)(path);
    const rel = (0,external_node_path_.relative)(root, real);
    if (rel.startsWith('..') || (0,external_node_path_.isAbsolute)(rel)) {
        throw new errors/* InputError */.dz([
            `${shown}: is a link to ${real}, outside the migrations folder; copy the file into the folder instead`,
        ]);
    }
    const bytes = (0,external_node_fs_.readFileSync)(real);
    try {
        // A byte-order mark is dropped: PostgreSQL would read it as part of the first token.
        return utf8.decode(bytes).replace(/^\uFEFF/, '');
    }
    catch (cause) {
        throw new errors/* InputError */.dz([`${shown}: is not valid UTF-8; save it as UTF-8 (PostgreSQL expects it)`], { cause });
    }
}

// EXTERNAL MODULE: ./src/migrations/sections.ts + 1 modules
var migrations_sections = __webpack_require__(4498);
// EXTERNAL MODULE: ./src/migrations/version.ts
var migrations_version = __webpack_require__(4910);
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
        const upText = readMigrationFile(root, (0,external_node_path_.join)(dir, e.upFile), e.upFile);
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
            down = { file: e.downFile, sql: readMigrationFile(root, (0,external_node_path_.join)(dir, e.downFile), e.downFile), startLine: 1 };
        }
        return {
            version: e.version,
            name: e.name,
            description: e.description,
            up,
            down,
            checksum: checksum(up.sql),
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


/***/ }),

/***/ 9894:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   PP: () => (/* binding */ matchFolderName),
/* harmony export */   XS: () => (/* binding */ matchFileName),
/* harmony export */   j1: () => (/* binding */ isGoMigration),
/* harmony export */   sv: () => (/* binding */ versionFromName)
/* harmony export */ });
/* harmony import */ var _version_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4910);

// Timestamp versions come first in each alternation so `20240119_143000_x` is not read as version 20240119.
const VERSION = String.raw `(\d{8}_\d{6}|\d+)`;
const SINGLE = new RegExp(String.raw `^${VERSION}(?:_(.+))?\.sql$`);
const UP_DOWN = new RegExp(String.raw `^${VERSION}(?:_(.+?))?\.(up|down)\.sql$`);
const FLYWAY = /^([VU])(\d+(?:[._]\d+)*)__(.+)\.sql$/;
const POSTGRATOR = /^(\d+)\.(do|undo)(?:\.(.+))?\.sql$/;
const FOLDER = /^(\d{4}-\d{2}-\d{2}-\d{6}|\d{8}_\d{6}|\d+)(?:_(.+))?$/;
// goose's Go migrations sit beside its SQL ones under the same version scheme; goose skips _test.go files.
const GO_MIGRATION = /^\d+_.+(?<!_test)\.go$/;
/** True for a goose Go migration (`00002_backfill.go`): code only goose can run. */
function isGoMigration(name) {
    return GO_MIGRATION.test(name);
}
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
    const postgrator = POSTGRATOR.exec(name);
    if (postgrator) {
        return {
            kind: 'migration',
            layout: 'up-down-files',
            version: (0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .makeVersion */ .tq)(postgrator[1]),
            description: postgrator[3] ?? '',
            role: postgrator[2] === 'do' ? 'up' : 'down',
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

/***/ 4498:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  n: () => (/* binding */ splitSections)
});

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3919);
;// CONCATENATED MODULE: ./src/migrations/markers.ts

const DBMATE = { up: '-- migrate:up', down: '-- migrate:down' };
const GOOSE = { up: '-- +goose Up', down: '-- +goose Down' };
const DBMATE_SECTION = /^\s*--\s*migrate:(up|down)\b(.*)$/i;
const NO_TX = /^\s*--\s*migrate:no-transaction\s*$/i;
const TX_FALSE = /\btransaction:\s*false\b/i;
/**
 * dbmate's `-- migrate:up` / `-- migrate:down` markers (`transaction:false` on either runs the file outside a
 * transaction), and our own `-- migrate:no-transaction`, which any file may carry.
 */
function dbmateMarkers(lines) {
    return lines.flatMap((text, i) => {
        const m = DBMATE_SECTION.exec(text);
        if (m)
            return [{ line: i + 1, convention: DBMATE, section: m[1].toLowerCase(), noTransaction: TX_FALSE.test(m[2]) }];
        return NO_TX.test(text) ? [{ line: i + 1, convention: DBMATE, noTransaction: true }] : [];
    });
}
const SQLX = { up: '', down: '' };
const NODE_PG_MIGRATE = { up: '-- Up Migration', down: '-- Down Migration' };
// node-pg-migrate's own pattern (src/sqlMigration.ts): a comment line naming the direction and "migration".
const NODE_PG_MIGRATE_SECTION = /^\s*--[\s-]*(up|down)\s+migration/i;
/** node-pg-migrate's SQL migrations: `-- Up Migration` … `-- Down Migration`. */
function nodePgMigrateMarkers(lines) {
    return lines.flatMap((text, i) => {
        const m = NODE_PG_MIGRATE_SECTION.exec(text);
        return m ? [{ line: i + 1, convention: NODE_PG_MIGRATE, section: m[1].toLowerCase(), noTransaction: false }] : [];
    });
}
/** sqlx runs a file outside a transaction when its text starts with `-- no-transaction` (sqlx-core's migration source). */
function sqlxMarkers(lines) {
    return lines[0]?.startsWith('-- no-transaction') ? [{ line: 1, convention: SQLX, noTransaction: true }] : [];
}
// goose reads any `--` comment naming `+goose` as an annotation; ours must start with it, so that a comment
// which merely mentions goose in a file of another tool is left alone.
const GOOSE_ANNOTATION = /^\s*--\s*\+goose\b(.*)$/i;
/**
 * goose's annotations (pressly/goose internal/sqlparser/parser.go): `Up` and `Down` open the sections,
 * `NO TRANSACTION` runs both outside a transaction, and `StatementBegin` … `StatementEnd` group the lines of one
 * statement for goose's semicolon splitter. Our PostgreSQL parser finds statement bounds itself, so those two
 * stay in the script as the comments they are, at their lines. Refused, as goose refuses them: an unknown
 * annotation (a misspelt NO TRANSACTION would otherwise run in a transaction) and StatementBegin/End that do not
 * pair up inside a section; and `ENVSUB ON`, since we run the SQL as written.
 */
function gooseMarkers(file, lines) {
    const markers = [];
    let open;
    const refuse = (line, problem) => new errors/* InputError */.dz([`${file}:${line}: ${problem}`]);
    lines.forEach((text, i) => {
        const m = GOOSE_ANNOTATION.exec(text);
        if (!m)
            return;
        const line = i + 1;
        const annotation = m[1].trim().replace(/\s+/g, ' ').toUpperCase();
        switch (annotation) {
            case 'UP':
            case 'DOWN':
                if (open)
                    throw refuse(line, `'-- +goose ${m[1].trim()}' inside the StatementBegin of line ${open}; add '-- +goose StatementEnd' above it`);
                markers.push({ line, convention: GOOSE, section: annotation === 'UP' ? 'up' : 'down', noTransaction: false });
                return;
            case 'NO TRANSACTION':
                markers.push({ line, convention: GOOSE, noTransaction: true });
                return;
            case 'STATEMENTBEGIN':
                if (open)
                    throw refuse(line, `a second '-- +goose StatementBegin' while the one of line ${open} is open; add '-- +goose StatementEnd' between them`);
                if (!markers.some((x) => x.section))
                    throw refuse(line, `'-- +goose StatementBegin' above '-- +goose Up'; move it into a section`);
                open = line;
                return;
            case 'STATEMENTEND':
                if (!open)
                    throw refuse(line, `'-- +goose StatementEnd' without a StatementBegin; add '-- +goose StatementBegin' above the statement or remove it`);
                open = undefined;
                return;
            case 'ENVSUB OFF':
                return;
            case 'ENVSUB ON':
                throw refuse(line, `'-- +goose ENVSUB ON' substitutes environment variables into the SQL, which this tool does not do; write the values into the file and remove the annotation`);
            default:
                throw refuse(line, `'${text.trim()}' is not a goose annotation (Up, Down, StatementBegin, StatementEnd, NO TRANSACTION); correct or remove it`);
        }
    });
    if (open)
        throw refuse(open, `'-- +goose StatementBegin' without a StatementEnd; add '-- +goose StatementEnd' after the statement`);
    return markers;
}

;// CONCATENATED MODULE: ./src/migrations/sections.ts


const ROLLBACK_LINE = /^\s*--\s*ROLLBACK:\s?(.*)$/i;
/**
 * Splits one file into its up and down scripts, and reads its no-transaction markers (sqlx's included). Three
 * section conventions are understood: dbmate's `-- migrate:up` … `-- migrate:down` sections, goose's `-- +goose Up` … `-- +goose Down` (see markers.ts), and `-- ROLLBACK: <sql>`
 * comment lines (the numbered-file runbook's), whose SQL together forms the down script. Each section keeps the
 * line it starts at, so statements are reported at their lines in the file.
 */
function splitSections(file, text) {
    const lines = text.split('\n');
    const markers = [...dbmateMarkers(lines), ...gooseMarkers(file, lines), ...nodePgMigrateMarkers(lines), ...sqlxMarkers(lines)];
    const conventions = [...new Set(markers.filter((m) => m.section).map((m) => m.convention))];
    if (conventions.length > 1) {
        throw new errors/* InputError */.dz([`${file}: mixes ${conventions.map((c) => `'${c.up}'`).join(' and ')} section markers; keep one convention`]);
    }
    const noTransaction = markers.some((m) => m.noTransaction);
    const up = only(file, markers, 'up');
    const down = only(file, markers, 'down');
    if (down && (!up || up.line > down.line)) {
        const { convention } = down;
        throw new errors/* InputError */.dz([
            `${file}:${down.line}: '${convention.down}' needs a '${convention.up}' marker before it; add '${convention.up}' above the up script`,
        ]);
    }
    if (up) {
        refuseSqlAbove(file, lines, up);
        const end = down ? down.line - 1 : lines.length;
        return {
            up: { file, sql: lines.slice(up.line, end).join('\n'), startLine: up.line + 1 },
            down: down && { file, sql: lines.slice(down.line).join('\n'), startLine: down.line + 1 },
            noTransaction,
        };
    }
    return { up: { file, sql: text, startLine: 1 }, down: rollbackScript(file, lines), noTransaction };
}
/** The one marker opening a section, refusing a second. */
function only(file, markers, section) {
    const found = markers.filter((m) => m.section === section).sort((a, b) => a.line - b.line);
    if (found.length > 1) {
        throw new errors/* InputError */.dz([`${file}:${found[1].line}: a second '${found[1].convention[section]}' marker; keep exactly one`]);
    }
    return found[0];
}
/** Statements above the up marker would never run; dbmate and goose both refuse them, and so do we. */
function refuseSqlAbove(file, lines, up) {
    const stray = lines.slice(0, up.line - 1).findIndex((l) => l.trim() !== '' && !l.trim().startsWith('--'));
    if (stray >= 0) {
        throw new errors/* InputError */.dz([`${file}:${stray + 1}: SQL above '${up.convention.up}' would never run; move it below the marker or delete it`]);
    }
}
/**
 * The `-- ROLLBACK:` lines as a down script. Each becomes its own line of the script; earlier lines are padded so
 * the down script's line numbers stay those of the file.
 */
function rollbackScript(file, lines) {
    const rollback = lines.flatMap((line, i) => {
        const rb = ROLLBACK_LINE.exec(line);
        return rb && rb[1].trim() ? [{ line: i + 1, sql: rb[1].replace(/\r$/, '') }] : [];
    });
    if (rollback.length === 0)
        return undefined;
    const first = rollback[0].line;
    const downLines = [];
    for (const r of rollback) {
        while (first + downLines.length < r.line)
            downLines.push('');
        downLines.push(r.sql);
    }
    return { file, sql: downLines.join('\n'), startLine: first };
}


/***/ }),

/***/ 4910:
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
