export const id = 793;
export const ids = [793];
export const modules = {

/***/ 99793:
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
// EXTERNAL MODULE: ./src/migrations/transaction-mode.ts + 1 modules
var transaction_mode = __webpack_require__(3971);
// EXTERNAL MODULE: ./src/lint/ast.ts
var ast = __webpack_require__(44001);
// EXTERNAL MODULE: ./src/lint/conventions.ts
var conventions = __webpack_require__(97257);
// EXTERNAL MODULE: ./src/lint/registry.ts + 55 modules
var registry = __webpack_require__(58224);
// EXTERNAL MODULE: ./src/migrations/ast-node.ts
var ast_node = __webpack_require__(7246);
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

;// CONCATENATED MODULE: ./src/lint/declared-schema.ts



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
class DeclaredSchema {
    parent;
    types;
    notNull;
    tables;
    policies;
    policyNames;
    indexes;
    indexNames;
    checks;
    checkNames;
    at = 0;
    constructor(parent) {
        this.parent = parent;
        const versions = !!parent;
        [this.types, this.notNull, this.tables, this.policies, this.indexes, this.checks] = [
            new Facts(versions),
            new Facts(versions),
            new Facts(versions),
            new Facts(versions),
            new Facts(versions),
            new Facts(versions),
        ];
        [this.indexNames, this.checkNames, this.policyNames] = [new Facts(true), new Facts(true), new Facts(true)];
    }
    /** The history of a run, empty until files are recorded into it. */
    static empty() {
        return new DeclaredSchema();
    }
    /** A file's statements on top of this history, to be queried statement by statement. */
    layer(statements) {
        return new DeclaredSchema(this).record(statements);
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
    /** Listed facts for views: the index names of a table, the NOT NULL checks of a column, the policies of a table. */
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
        layer.policyNames.copyTo(this.policyNames, true);
    }
    addIndex(name, info) {
        const key = name ? name.toLowerCase() : `#${unnamedIndexes++}#${info.table}`;
        this.indexes.set(key, this.at, info);
        this.indexNames.add(info.table, this.at, key);
    }
    addColumn(table, col, tableKeys) {
        const name = (col.colname ?? '').toLowerCase();
        const key = keyIn(table, name);
        this.types.set(key, this.at, col.typeName);
        const constraints = (0,ast/* constraintsOf */.Im)(col);
        const kinds = constraints.map((c) => c.contype);
        const primary = kinds.includes('CONSTR_PRIMARY') || tableKeys.includes(name);
        this.notNull.set(key, this.at, primary || kinds.includes('CONSTR_NOTNULL') || kinds.includes('CONSTR_IDENTITY'));
        for (const c of constraints) {
            if (c.contype === 'CONSTR_PRIMARY' || c.contype === 'CONSTR_UNIQUE')
                this.addIndex(c.indexname ?? c.conname, { table, columns: [name], partial: false });
        }
    }
    /** PRIMARY KEY / UNIQUE (col, …) / CHECK (col IS NOT NULL) given as a table constraint. */
    addConstraint(rel, c) {
        const table = (0,ast/* relKey */.jO)(rel);
        if ((c.contype === 'CONSTR_PRIMARY' || c.contype === 'CONSTR_UNIQUE') && !c.indexname)
            this.addIndex(c.conname, { table, columns: (0,ast/* keyNames */.mu)(c.keys), partial: false });
        if (c.contype === 'CONSTR_PRIMARY') {
            // Declared so far: in a file's layer, the statements before this one; in the run's history, everything.
            const columns = c.indexname
                ? (this.find((h) => h.indexes, c.indexname.toLowerCase(), this.parent ? this.at : Infinity)?.columns ?? [])
                : (0,ast/* keyNames */.mu)(c.keys);
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
            const col = (0,ast_node/* nodeAs */.hK)(cmd.def, 'ColumnDef');
            if (cmd.subtype === 'AT_AddColumn' && col)
                this.addColumn(table, col, []);
            if (cmd.subtype === 'AT_AlterColumnType' && col)
                this.types.set(columnKey(rel, cmd.name ?? ''), this.at, col.typeName);
            if (cmd.subtype === 'AT_SetNotNull' || cmd.subtype === 'AT_DropNotNull')
                this.notNull.set(columnKey(rel, cmd.name ?? ''), this.at, cmd.subtype === 'AT_SetNotNull');
            const constraint = (0,ast_node/* nodeAs */.hK)(cmd.def, 'Constraint');
            if (cmd.subtype === 'AT_AddConstraint' && constraint)
                this.addConstraint(rel, constraint);
            const key = cmd.name ? `${table}|${cmd.name.toLowerCase()}` : '';
            if (cmd.subtype === 'AT_ValidateConstraint' && key) {
                const c = this.find((h) => h.checks, key, Infinity);
                if (c)
                    this.checks.set(key, this.at, { ...c, valid: true });
            }
            if (cmd.subtype === 'AT_DropConstraint' && key)
                this.checks.set(key, this.at, null);
        }
    }
    /** The table's policies not dropped since, as declared so far. */
    livePolicies(table) {
        const now = this.parent ? this.at : Infinity;
        return [...new Set(this.listed('policyNames', table, now))].flatMap((key) => {
            const policy = this.fact('policies', key, now);
            return policy ? [[key, policy]] : [];
        });
    }
    setPolicy(table, name, policy) {
        const key = `${table}|${name.toLowerCase()}`;
        this.policies.set(key, this.at, policy);
        if (policy)
            this.policyNames.add(table, this.at, key);
    }
    /** CREATE POLICY and DROP POLICY; a table dropped or created afresh has none, a renamed one keeps its own. */
    recordPolicies(s) {
        if (s.kind === 'CreatePolicyStmt') {
            const rel = (0,ast/* relName */.ve)(s.node.table);
            if (rel && s.node.policy_name)
                this.setPolicy((0,ast/* relKey */.jO)(rel), s.node.policy_name, { permissive: s.node.permissive === true });
        }
        const removeType = s.kind === 'DropStmt' ? s.node.removeType : undefined;
        const dropped = s.kind === 'DropStmt'
            ? (s.node.objects ?? []).map((o) => ((0,ast_node/* nodeAs */.hK)(o, 'List')?.items ?? []).map((i) => String((0,ast_node/* nodeAs */.hK)(i, 'String')?.sval ?? '')))
            : [];
        for (const names of removeType === 'OBJECT_POLICY' ? dropped : []) {
            const policy = names.pop();
            if (policy && names.length)
                this.setPolicy((0,ast/* relKey */.jO)({ schema: names.length > 1 ? names[0] : undefined, name: names[names.length - 1] }), policy, null);
        }
        const gone = removeType === 'OBJECT_TABLE'
            ? dropped.map((n) => (0,ast/* relKey */.jO)({ schema: n.length > 1 ? n[0] : undefined, name: n[n.length - 1] }))
            : [];
        if (s.kind === 'CreateStmt' && !s.node.if_not_exists && s.node.relation)
            gone.push((0,ast/* relKey */.jO)((0,ast/* relName */.ve)(s.node.relation)));
        for (const table of gone)
            for (const [key] of this.livePolicies(table))
                this.policies.set(key, this.at, null);
        if (s.kind === 'RenameStmt' && s.node.renameType === 'OBJECT_TABLE' && s.node.relation && s.node.newname) {
            const from = (0,ast/* relName */.ve)(s.node.relation);
            for (const [key, policy] of this.livePolicies((0,ast/* relKey */.jO)(from)))
                this.setPolicy((0,ast/* relKey */.jO)({ schema: from.schema, name: s.node.newname }), key.split('|')[1], policy);
        }
    }
    recordOne(s) {
        this.recordPolicies(s);
        if (s.kind === 'IndexStmt') {
            const rel = (0,ast/* relName */.ve)(s.node.relation);
            const columns = (s.node.indexParams ?? []).map((p) => ((0,ast_node/* nodeAs */.hK)(p, 'IndexElem')?.name ?? '').toLowerCase());
            if (rel)
                this.addIndex(s.node.idxname, {
                    table: (0,ast/* relKey */.jO)(rel),
                    columns,
                    partial: !!s.node.whereClause || columns.includes(''),
                });
            return;
        }
        if (s.kind === 'DropStmt' && s.node.removeType === 'OBJECT_INDEX') {
            for (const o of s.node.objects ?? []) {
                const items = (0,ast_node/* nodeAs */.hK)(o, 'List')?.items ?? [];
                const name = (0,ast_node/* nodeAs */.hK)(items[items.length - 1], 'String')?.sval;
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
            const constraints = (0,ast/* tableConstraints */.$x)(s);
            const keys = constraints.filter((c) => c.contype === 'CONSTR_PRIMARY').flatMap((c) => (0,ast/* keyNames */.mu)(c.keys));
            for (const col of (0,ast/* columnDefs */.$C)(s))
                this.addColumn((0,ast/* relKey */.jO)(rel), col, keys);
            for (const c of constraints)
                this.addConstraint(rel, c);
        }
        this.recordAlter(rel, (0,ast/* alterCmds */.sy)(s));
        if (s.kind === 'RenameStmt' && s.node.renameType === 'OBJECT_COLUMN' && s.node.subname && s.node.newname) {
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
/** A DeclaredSchema as of one statement. */
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
        return this.h
            .listed('policyNames', (0,ast/* relKey */.jO)(rel), this.before)
            .some((key) => this.h.fact('policies', key, this.before)?.permissive === true);
    }
    hasValidNotNullCheck(rel, column) {
        return this.h
            .listed('checkNames', columnKey(rel, column), this.before)
            .some((key) => this.h.fact('checks', key, this.before)?.valid === true);
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

;// CONCATENATED MODULE: ./src/lint/lint-files.ts








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
        runByThisTool: input.runByThisTool,
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
        ({ plan: file.exec, divergences: file.divergences } = (0,transaction_mode/* readPlan */.m3)(file.statements, input.noTransactionDirective));
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
        folder: options.folder ??
            (0,conventions/* folderConventions */.Hi)(parsed.filter((p) => !p.error).map((p) => ({ ...p.file, text: p.file.script.sql }))),
        history: DeclaredSchema.empty(),
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
    const detail = parser
        ? `PostgreSQL says: ${error.message.slice(parser[0].length)}.`
        : `${error.message}: ${error.details.hint}.`;
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


/***/ })

};
