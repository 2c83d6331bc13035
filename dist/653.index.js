export const id = 653;
export const ids = [653];
export const modules = {

/***/ 32653:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   lint: () => (/* binding */ lint)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _foundation_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(358);
/* harmony import */ var _lint_lint_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(93623);
/* harmony import */ var _migrations_names_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(41557);
/* harmony import */ var _migrations_sections_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(80984);
/* harmony import */ var _model_report_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(55235);
/* harmony import */ var _db_session_identifiers_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(70801);







const RANK = { info: 0, warning: 1, error: 2 };
async function serverVersion(url) {
    // Loaded only here: linting needs no database client unless it asks a server for its version.
    const { withClient } = await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 34506));
    return withClient(url, async (c) => Math.floor(Number((await c.query('SHOW server_version_num')).rows[0].server_version_num) / 10000));
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
            throw new _foundation_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz([`${file}: cannot be read (${cause.code}); check the path`], { cause });
        }
        const { up, down, noTransaction } = (0,_migrations_sections_js__WEBPACK_IMPORTED_MODULE_4__/* .splitSections */ .n)(file, text);
        const name = (0,_migrations_names_js__WEBPACK_IMPORTED_MODULE_3__/* .matchFileName */ .XS)(file.split('/').pop());
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
    const report = (0,_model_report_js__WEBPACK_IMPORTED_MODULE_5__/* .newReport */ .bQ)('lint', (0,_db_session_identifiers_js__WEBPACK_IMPORTED_MODULE_6__/* .tableText */ .qK)(config.historyTable));
    let inputs;
    if (ctx.files?.length) {
        inputs = fromPaths(ctx.files);
    }
    else {
        // Loaded here: files given by path need neither the folder's discovery (checksums) nor git.
        const [{ readFolder }, { changedFiles }] = await Promise.all([__webpack_require__.e(/* import() */ 986).then(__webpack_require__.bind(__webpack_require__, 62986)), __webpack_require__.e(/* import() */ 611).then(__webpack_require__.bind(__webpack_require__, 10611))]);
        const { migrations } = await readFolder(config.migrationsDir, config.allowEmpty);
        report.root = config.migrationsDir;
        const scope = config.baseRef ? await changedFiles(config.baseRef, config.migrationsDir) : undefined;
        inputs = fromFolder(migrations, scope);
        if (scope)
            report.notes.push(`linted ${inputs.filter((i) => i.inScope).length} of ${inputs.length} migration(s): those added or changed since ${config.baseRef}`);
    }
    const postgresVersion = config.postgresVersion ?? (ctx.databaseUrl ? await serverVersion(ctx.databaseUrl) : _lint_lint_js__WEBPACK_IMPORTED_MODULE_2__/* .NEWEST_POSTGRES */ .b);
    const findings = await (0,_lint_lint_js__WEBPACK_IMPORTED_MODULE_2__/* .lintFiles */ .j)(inputs, { postgresVersion, disabled: new Set(config.disabledRules) });
    const threshold = config.failOn === 'never' ? Infinity : RANK[config.failOn];
    for (const f of findings)
        (0,_model_report_js__WEBPACK_IMPORTED_MODULE_5__/* .addFinding */ .Xd)(report, f);
    report.ok = findings.every((f) => RANK[f.severity] < threshold);
    ctx.log.info(`linted ${inputs.filter((i) => i.inScope).length} file(s) for PostgreSQL ${postgresVersion}: ${findings.length} finding(s)`);
    return report;
}


/***/ }),

/***/ 93623:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  b: () => (/* binding */ NEWEST_POSTGRES),
  j: () => (/* binding */ lintFiles)
});

// EXTERNAL MODULE: ./src/foundation/errors.ts
var errors = __webpack_require__(358);
// EXTERNAL MODULE: ./src/migrations/parse.ts + 2 modules
var parse = __webpack_require__(25493);
// EXTERNAL MODULE: ./src/migrations/transaction.ts + 1 modules
var transaction = __webpack_require__(61692);
// EXTERNAL MODULE: ./src/lint/ast.ts
var ast = __webpack_require__(44001);
// EXTERNAL MODULE: ./src/lint/conventions.ts
var conventions = __webpack_require__(97257);
// EXTERNAL MODULE: ./src/lint/registry.ts + 54 modules
var registry = __webpack_require__(43007);
;// CONCATENATED MODULE: ./src/lint/facts.ts
/** Facts of one kind by key, each tagged with the position of the statement that declared it. */
class Facts {
    versions;
    map = new Map();
    /** versions: keep every value with its position (a file, queried at any statement), or only the latest. */
    constructor(versions) {
        this.versions = versions;
    }
    set(key, at, value) {
        const list = this.map.get(key);
        if (list && this.versions)
            list.push([at, value]);
        else
            this.map.set(key, [[at, value]]);
    }
    /** Adds to the key's list of values instead of replacing. */
    add(key, at, value) {
        const list = this.map.get(key);
        if (list)
            list.push([at, value]);
        else
            this.map.set(key, [[at, value]]);
    }
    latest(key, before) {
        const list = this.map.get(key);
        for (let i = (list?.length ?? 0) - 1; i >= 0; i--)
            if (list[i][0] < before)
                return { value: list[i][1] };
        return undefined;
    }
    all(key, before) {
        return (this.map.get(key) ?? []).filter(([at]) => at < before).map(([, v]) => v);
    }
    /** Copies into `into` what this holds at its end: the latest value per key, every value of lists. */
    copyTo(into, lists) {
        for (const [key, list] of this.map) {
            if (lists)
                for (const [, v] of list)
                    into.add(key, 0, v);
            else
                into.set(key, 0, list[list.length - 1][1]);
        }
    }
}

;// CONCATENATED MODULE: ./src/lint/schema-history.ts


const columnKey = (rel, column) => `${(0,ast/* relKey */.jO)(rel)}|${column.toLowerCase()}`;
const keyIn = (table, column) => `${table}|${column.toLowerCase()}`;
/** Keys for unnamed constraint indexes, unique across the files of a run. */
let unnamedIndexes = 0;
/**
 * What the folder's migrations declared, statement after statement: column types and nullability, tables created,
 * indexes, NOT NULL checks and the tables given a policy. The run keeps one history of the files linted so far
 * (`record`); each file gets a layer on top (`layer`) whose `view(i)` answers as of its statement i, without
 * copying the folder's history.
 * Unknown means undeclared here (created outside the folder): rules treat it as "cannot tell", never as "absent".
 */
class SchemaHistory {
    parent;
    types;
    notNull;
    tables;
    policies;
    indexes;
    indexNames;
    checks;
    checkNames;
    at = 0;
    constructor(parent) {
        this.parent = parent;
        const versions = !!parent;
        [this.types, this.notNull, this.tables, this.policies, this.indexes, this.checks] = [new Facts(versions), new Facts(versions), new Facts(versions), new Facts(versions), new Facts(versions), new Facts(versions)];
        [this.indexNames, this.checkNames] = [new Facts(true), new Facts(true)];
    }
    /** The history of a run, empty until files are recorded into it. */
    static empty() {
        return new SchemaHistory();
    }
    /** A file's statements on top of this history, to be queried statement by statement. */
    layer(statements) {
        return new SchemaHistory(this).record(statements);
    }
    /** Adds a linted file's statements. */
    record(statements) {
        for (const s of statements) {
            this.recordOne(s);
            if (this.parent)
                this.at++;
        }
        return this;
    }
    find(pick, key, before) {
        return (pick(this).latest(key, before) ?? (this.parent ? { value: this.parent.find(pick, key, Infinity) } : undefined))?.value;
    }
    every(pick, key, before) {
        return [...(this.parent?.every(pick, key, Infinity) ?? []), ...pick(this).all(key, before)];
    }
    /** The history as it was just before statement `before` of the layer's file (all of it by default). */
    view(before = Infinity) {
        return new View(this, before);
    }
    fact(kind, key, before) {
        return this.find((h) => h[kind], key, before);
    }
    /** Listed facts for views: the index names of a table, the NOT NULL checks of a column. */
    listed(kind, key, before) {
        return this.every((h) => h[kind], key, before);
    }
    /** Merges a file's layer into this (the run's) history once the file is linted. */
    absorb(layer) {
        layer.types.copyTo(this.types, false);
        layer.notNull.copyTo(this.notNull, false);
        layer.tables.copyTo(this.tables, false);
        layer.policies.copyTo(this.policies, false);
        layer.indexes.copyTo(this.indexes, false);
        layer.checks.copyTo(this.checks, false);
        layer.indexNames.copyTo(this.indexNames, true);
        layer.checkNames.copyTo(this.checkNames, true);
    }
    addIndex(name, info) {
        const key = name ? name.toLowerCase() : `#${unnamedIndexes++}#${info.table}`;
        this.indexes.set(key, this.at, info);
        this.indexNames.add(info.table, this.at, key);
    }
    addColumn(table, col, tableKeys) {
        const key = keyIn(table, col.colname);
        this.types.set(key, this.at, col.typeName);
        const constraints = (0,ast/* constraintsOf */.Im)(col);
        const kinds = constraints.map((c) => c.contype);
        const primary = kinds.includes('CONSTR_PRIMARY') || tableKeys.includes(col.colname.toLowerCase());
        this.notNull.set(key, this.at, primary || kinds.includes('CONSTR_NOTNULL') || kinds.includes('CONSTR_IDENTITY'));
        for (const c of constraints) {
            if (c.contype === 'CONSTR_PRIMARY' || c.contype === 'CONSTR_UNIQUE')
                this.addIndex(c.indexname ?? c.conname, { table, columns: [col.colname.toLowerCase()], partial: false });
        }
    }
    /** PRIMARY KEY / UNIQUE (col, …) / CHECK (col IS NOT NULL) given as a table constraint. */
    addConstraint(rel, c) {
        const table = (0,ast/* relKey */.jO)(rel);
        if ((c.contype === 'CONSTR_PRIMARY' || c.contype === 'CONSTR_UNIQUE') && !c.indexname)
            this.addIndex(c.conname, { table, columns: (0,ast/* keyNames */.mu)(c.keys), partial: false });
        if (c.contype === 'CONSTR_PRIMARY') {
            // Declared so far: in a file's layer, the statements before this one; in the run's history, everything.
            const columns = c.indexname ? (this.find((h) => h.indexes, c.indexname.toLowerCase(), this.parent ? this.at : Infinity)?.columns ?? []) : (0,ast/* keyNames */.mu)(c.keys);
            for (const col of columns)
                this.notNull.set(columnKey(rel, col), this.at, true);
        }
        const column = c.contype === 'CONSTR_CHECK' ? (0,ast/* notNullCheckColumn */.LS)(c.raw_expr) : undefined;
        if (column && c.conname) {
            const key = `${table}|${c.conname.toLowerCase()}`;
            this.checks.set(key, this.at, { column, valid: !c.skip_validation });
            this.checkNames.add(columnKey(rel, column), this.at, key);
        }
    }
    recordAlter(rel, cmds) {
        const table = (0,ast/* relKey */.jO)(rel);
        for (const cmd of cmds) {
            const col = cmd.def?.ColumnDef;
            if (cmd.subtype === 'AT_AddColumn' && col)
                this.addColumn(table, col, []);
            if (cmd.subtype === 'AT_AlterColumnType' && col)
                this.types.set(columnKey(rel, cmd.name), this.at, col.typeName);
            if (cmd.subtype === 'AT_SetNotNull' || cmd.subtype === 'AT_DropNotNull')
                this.notNull.set(columnKey(rel, cmd.name), this.at, cmd.subtype === 'AT_SetNotNull');
            if (cmd.subtype === 'AT_AddConstraint' && cmd.def?.Constraint)
                this.addConstraint(rel, cmd.def.Constraint);
            const key = cmd.name ? `${table}|${String(cmd.name).toLowerCase()}` : '';
            if (cmd.subtype === 'AT_ValidateConstraint' && key) {
                const c = this.find((h) => h.checks, key, Infinity);
                if (c)
                    this.checks.set(key, this.at, { ...c, valid: true });
            }
            if (cmd.subtype === 'AT_DropConstraint' && key)
                this.checks.set(key, this.at, null);
        }
    }
    recordOne(s) {
        const policyOn = s.kind === 'CreatePolicyStmt' ? (0,ast/* relName */.ve)(s.node.table) : undefined;
        if (policyOn)
            this.policies.set((0,ast/* relKey */.jO)(policyOn), this.at, true);
        if (s.kind === 'IndexStmt') {
            const rel = (0,ast/* relName */.ve)(s.node.relation);
            const columns = (s.node.indexParams ?? []).map((p) => String(p.IndexElem?.name ?? '').toLowerCase());
            if (rel)
                this.addIndex(s.node.idxname, { table: (0,ast/* relKey */.jO)(rel), columns, partial: !!s.node.whereClause || columns.includes('') });
            return;
        }
        if (s.kind === 'DropStmt' && s.node.removeType === 'OBJECT_INDEX') {
            for (const o of s.node.objects ?? []) {
                const items = o.List?.items ?? [];
                const name = items[items.length - 1]?.String?.sval;
                if (name)
                    this.indexes.set(name.toLowerCase(), this.at, null);
            }
            return;
        }
        if (s.kind !== 'CreateStmt' && s.kind !== 'AlterTableStmt' && s.kind !== 'RenameStmt')
            return;
        const rel = (0,ast/* relName */.ve)(s.node.relation);
        if (!rel)
            return;
        if (s.kind === 'CreateStmt') {
            this.tables.set((0,ast/* relKey */.jO)(rel), this.at, true);
            const constraints = (s.node.tableElts ?? []).map((e) => e.Constraint).filter(Boolean);
            const keys = constraints.filter((c) => c.contype === 'CONSTR_PRIMARY').flatMap((c) => (0,ast/* keyNames */.mu)(c.keys));
            for (const col of (0,ast/* columnDefs */.$C)(s))
                this.addColumn((0,ast/* relKey */.jO)(rel), col, keys);
            for (const c of constraints)
                this.addConstraint(rel, c);
        }
        this.recordAlter(rel, (0,ast/* alterCmds */.sy)(s));
        if (s.kind === 'RenameStmt' && s.node.renameType === 'OBJECT_COLUMN') {
            const [from, to] = [columnKey(rel, s.node.subname), columnKey(rel, s.node.newname)];
            const type = this.find((h) => h.types, from, Infinity);
            const notNull = this.find((h) => h.notNull, from, Infinity);
            if (type)
                this.types.set(to, this.at, type);
            if (notNull !== undefined)
                this.notNull.set(to, this.at, notNull);
        }
    }
}
/** A SchemaHistory as of one statement. */
class View {
    h;
    before;
    constructor(h, before) {
        this.h = h;
        this.before = before;
    }
    columnType(rel, column) {
        return this.h.fact('types', columnKey(rel, column), this.before);
    }
    columnNotNull(rel, column) {
        return this.h.fact('notNull', columnKey(rel, column), this.before);
    }
    tableCreated(rel) {
        return this.h.fact('tables', (0,ast/* relKey */.jO)(rel), this.before) === true;
    }
    index(name) {
        return this.h.fact('indexes', name.toLowerCase(), this.before) ?? undefined;
    }
    indexesOn(rel) {
        const table = (0,ast/* relKey */.jO)(rel);
        const names = new Set(this.h.listed('indexNames', table, this.before));
        return [...names].map((n) => this.index(n)).filter((i) => !!i && i.table === table);
    }
    hasPolicy(rel) {
        return this.h.fact('policies', (0,ast/* relKey */.jO)(rel), this.before) === true;
    }
    hasValidNotNullCheck(rel, column) {
        return this.h.listed('checkNames', columnKey(rel, column), this.before).some((key) => this.h.fact('checks', key, this.before)?.valid === true);
    }
}

// EXTERNAL MODULE: ./node_modules/libpg-query/wasm/index.cjs
var wasm = __webpack_require__(2627);
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
        ({ plan: file.exec, divergences: file.divergences } = (0,transaction/* readPlan */.m3)(file.statements, input.noTransactionDirective));
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
        history: SchemaHistory.empty(),
        enabled: registry/* RULES */.y.filter((r) => !options.disabled.has(r.id)),
    };
    const findings = [];
    parsed.forEach(({ file, error }, i) => {
        // The file's own history is built only when a rule asks for it; either way the run's history learns the file.
        let layer;
        const history = () => (layer ??= run.history.layer(file.statements));
        if (inputs[i].inScope)
            findings.push(...(error ? syntaxFindings(error, run) : lintOne(file, run, history)));
        if (layer)
            run.history.absorb(layer);
        else
            run.history.record(file.statements);
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
function lintOne(file, run, history) {
    const suppressions = findSuppressions({ ...file.script, sql: file.sql });
    // Built when a rule first places a finding inside a statement: most findings sit at the statement itself.
    let toChar;
    let lines;
    const ctx = {
        file,
        locate: (b) => {
            if (typeof b !== 'number' || b < 0)
                return undefined;
            toChar ??= (0,parse/* byteToChar */.Ec)(file.script.sql);
            lines ??= new parse/* LineMap */.HU(file.script);
            return lines.at(toChar(b));
        },
        postgresVersion: run.options.postgresVersion,
        folder: run.folder,
        createdBefore: createdBefore(file.statements),
        schemaBefore: (index) => history().view(index),
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

/***/ 41557:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   PP: () => (/* binding */ matchFolderName),
/* harmony export */   XS: () => (/* binding */ matchFileName),
/* harmony export */   j1: () => (/* binding */ isGoMigration),
/* harmony export */   sv: () => (/* binding */ versionFromName)
/* harmony export */ });
/* harmony import */ var _version_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(90233);

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

/***/ 80984:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  n: () => (/* binding */ splitSections)
});

// EXTERNAL MODULE: ./src/foundation/errors.ts
var errors = __webpack_require__(358);
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
// node-pg-migrate accepts any comment line that starts with the direction and "migration"; only the lines its
// `create` writes are taken here, so that a comment like "-- down migration is manual" in another tool's file
// does not cut that file in two.
const NODE_PG_MIGRATE_SECTION = /^\s*--\s*(up|down)\s+migration\s*$/i;
/** node-pg-migrate's SQL migrations: `-- Up Migration` … `-- Down Migration`, each a line of its own. */
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
function splitSections(file, text, elided) {
    const lines = text.split('\n');
    // A large file's text lacks its COPY rows: its line k is the file's line toFile(k), and a section keeps the rows
    // inside it.
    const toFile = (k) => k + (elided ?? []).reduce((n, e) => (e.line < k ? n + e.lines : n), 0);
    const rows = (from, to = Infinity) => {
        const inside = (elided ?? []).filter((e) => e.line >= from && e.line < to).map((e) => ({ ...e, line: e.line - from }));
        return inside.length ? { elided: inside } : {};
    };
    const markers = [...dbmateMarkers(lines), ...gooseMarkers(file, lines), ...nodePgMigrateMarkers(lines), ...sqlxMarkers(lines)];
    const conventions = [...new Set(markers.filter((m) => m.section).map((m) => m.convention))];
    if (conventions.length > 1) {
        throw new errors/* InputError */.dz([`${file}: mixes ${conventions.map((c) => `'${c.up}'`).join(' and ')} section markers; keep one convention`]);
    }
    const noTransaction = markers.some((m) => m.noTransaction);
    const up = only(file, markers, 'up', toFile);
    const down = only(file, markers, 'down', toFile);
    if (down && (!up || up.line > down.line)) {
        const { convention } = down;
        throw new errors/* InputError */.dz([
            `${file}:${toFile(down.line)}: '${convention.down}' needs a '${convention.up}' marker before it; add '${convention.up}' above the up script`,
        ]);
    }
    if (up) {
        refuseSqlAbove(file, lines, up);
        const end = down ? down.line - 1 : lines.length;
        return {
            up: { file, sql: lines.slice(up.line, end).join('\n'), startLine: toFile(up.line + 1), ...rows(up.line, end) },
            down: down && { file, sql: lines.slice(down.line).join('\n'), startLine: toFile(down.line + 1), ...rows(down.line) },
            noTransaction,
        };
    }
    return { up: { file, sql: text, startLine: 1, ...rows(0) }, down: rollbackScript(file, lines, toFile), noTransaction };
}
/** The one marker opening a section, refusing a second. */
function only(file, markers, section, toFile) {
    const found = markers.filter((m) => m.section === section).sort((a, b) => a.line - b.line);
    if (found.length > 1) {
        throw new errors/* InputError */.dz([`${file}:${toFile(found[1].line)}: a second '${found[1].convention[section]}' marker; keep exactly one`]);
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
function rollbackScript(file, lines, toFile) {
    const rollback = lines.flatMap((line, i) => {
        const rb = ROLLBACK_LINE.exec(line);
        return rb && rb[1].trim() ? [{ line: toFile(i + 1), sql: rb[1].replace(/\r$/, '') }] : [];
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
