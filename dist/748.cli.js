export const id = 748;
export const ids = [748];
export const modules = {

/***/ 1623:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  HG: () => (/* binding */ executeScript),
  EN: () => (/* binding */ rolledBack),
  GD: () => (/* binding */ runMigration),
  XB: () => (/* binding */ undoMigration)
});

// EXTERNAL MODULE: ./src/foundation/errors.ts
var errors = __webpack_require__(358);
// EXTERNAL MODULE: ./src/migrations/psql-divergence.ts
var psql_divergence = __webpack_require__(964);
// EXTERNAL MODULE: ./src/migrations/transaction-mode.ts + 1 modules
var transaction_mode = __webpack_require__(3971);
// EXTERNAL MODULE: ./src/migrations/parse.ts + 2 modules
var parse = __webpack_require__(5493);
;// CONCATENATED MODULE: ./src/db/runner/error-position.ts


function sqlstate(err) {
    return err?.code;
}
/**
 * Turns a server error in a statement into a MigrationError at the file, line and column PostgreSQL points to:
 * its `position` is a 1-based character index into the text we sent, where the statement began at `sentAt`.
 */
function statementError(err, script, statement, sentAt = 0) {
    const e = err;
    const pos = Number(e.position) - sentAt;
    const offset = Number.isFinite(pos) && pos > 0 ? statement.offset + pos - 1 : statement.offset;
    const location = new parse/* LineMap */.HU(script).at(offset);
    const parts = [e.message];
    if (e.detail)
        parts.push(`detail: ${e.detail}`);
    if (e.where)
        parts.push(`where: ${e.where}`);
    return new errors/* MigrationError */.Py(parts.join('; '), {
        location,
        sqlstate: e.code,
        hint: e.hint ?? hintFor(e.code),
        cause: err,
    });
}
/** What to do about the failures migrations hit most. */
function hintFor(code) {
    switch (code) {
        case '55P03':
            return 'another session held a conflicting lock longer than lock-timeout; retry when traffic is lower, or find the blocker in pg_stat_activity';
        case '2D000':
            return "a procedure or DO block that commits or rolls back cannot run inside the migration's transaction: put `-- migrate:no-transaction` on the first line so the file runs statement by statement, as psql runs it";
        case '57014':
            return 'the statement ran longer than statement-timeout; raise it for this migration, or make the change in smaller steps';
        case '42P07':
        case '42701':
        case '42710':
            return 'the object already exists: use IF NOT EXISTS, or check whether this migration already ran outside the history table';
        case '23502':
        case '23505':
        case '23514':
        case '23503':
            return 'existing rows violate the new rule: fix the data first (in an earlier migration) or add the constraint as NOT VALID and validate later';
        default:
            return undefined;
    }
}

// EXTERNAL MODULE: ./src/db/history/table.ts + 12 modules
var table = __webpack_require__(6704);
// EXTERNAL MODULE: ./src/db/session/script-query.ts
var script_query = __webpack_require__(2079);
// EXTERNAL MODULE: ./src/db/session/transaction.ts
var transaction = __webpack_require__(4825);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(7075);
// EXTERNAL MODULE: external "node:stream/promises"
var promises_ = __webpack_require__(6466);
// EXTERNAL MODULE: ./node_modules/pg-copy-streams/index.js
var pg_copy_streams = __webpack_require__(6901);
;// CONCATENATED MODULE: ./src/db/session/copy-in.ts




/**
 * Runs `COPY … FROM STDIN` with the rows that followed it in a psql-format file, streamed as psql sends them:
 * from memory, or from the file for a large one's rows left on disk.
 */
async function copyIn(client, sql, data) {
    const rows = typeof data === 'string'
        ? external_node_stream_.Readable.from([Buffer.from(data, 'utf8')])
        : data.to > data.from
            ? (0,external_node_fs_.createReadStream)(data.path, { start: data.from, end: data.to - 1 })
            : external_node_stream_.Readable.from([]);
    await (0,promises_.pipeline)(rows, client.query(pg_copy_streams.from(sql)));
}

;// CONCATENATED MODULE: ./src/db/runner/steps.ts




/** Our timeouts; validated integers, never user text. LOCAL inside a transaction, for the session otherwise. */
function timeoutSteps(o, local) {
    const scope = local ? 'LOCAL ' : '';
    return [
        `SET ${scope}lock_timeout = ${o.lockTimeoutMs}`,
        `SET ${scope}statement_timeout = ${o.statementTimeoutMs}`,
    ].map((sql) => ({ sql, ours: 'setting the timeouts' }));
}
const resetSteps = (reset, afterCommit = false) => reset.map((sql) => ({ sql, ours: 'resetting the session', afterCommit }));
/** The file's statements as steps; a `\connect` line becomes a session reset, as psql's new connection would be. */
function statementSteps(exec, o, local, reset) {
    const from = exec.separateFrom ?? Infinity;
    return exec.statements.flatMap((s, i) => s.kind === 'PsqlConnect'
        ? [...resetSteps(reset), ...timeoutSteps(o, local)]
        : [{ sql: s.sql, statement: s, ...(i >= from && { alone: true }) }]);
}
/** Where a failure belongs when it is not one of the file's statements: the migration file itself. */
function ownStepError(err, script, what) {
    return new errors/* MigrationError */.Py(`${what} failed: ${err.message}`, {
        location: { file: script.file, line: script.startLine, column: 1 },
        sqlstate: sqlstate(err),
        // The server's hint (our own RAISE gives one: see db/history/table.ts, checkedInsert).
        hint: err.hint,
        cause: err,
    });
}
/**
 * Sends steps in as few round trips as possible: consecutive steps as one simple query (the CommandComplete
 * count names the failing one), a COPY with its data on its own, and a step marked `alone` on its own. With
 * `observe`, the file's statements go one at a time and each is observed after it ran. Returns false when only
 * a step after COMMIT failed.
 */
async function send(client, script, steps, observe) {
    let clean = true;
    const fail = (err, step, sentAt = 0) => {
        if (step?.afterCommit)
            clean = false;
        else if (step?.statement)
            throw statementError(err, script, step.statement, sentAt);
        else
            throw ownStepError(err, script, step?.ours ?? 'the migration');
    };
    let batch = [];
    const flush = async () => {
        if (!batch.length)
            return;
        const steps = batch;
        batch = [];
        let text = '';
        const sentAt = steps.map((s) => {
            const at = text.length;
            // A newline before the semicolon: a statement may end in a -- comment.
            text += `${s.sql}\n;\n`;
            return at;
        });
        try {
            const results = await (0,script_query/* runScript */.j)(client, text);
            // One result per statement, in order. Counted from the end: the steps that capture are ours, and only ours
            // (one statement each, for certain) follow them.
            steps.forEach((s, i) => s.capture?.(results[results.length - (steps.length - i)]?.rows ?? []));
        }
        catch (err) {
            // The server parses the whole batch before running it: a syntax error there has completed nothing but
            // carries a position, which names the step.
            const position = Number(err.position);
            let i = err.completed;
            if (position > 0)
                for (i = sentAt.length - 1; i > 0 && sentAt[i] >= position; i--)
                    ;
            fail(err, steps[i], sentAt[i]);
        }
    };
    for (const step of steps) {
        const s = step.statement;
        if (!s || (!observe && s.copyData === undefined && !step.alone)) {
            batch.push(step);
            continue;
        }
        await flush();
        const started = performance.now();
        if (s.copyData !== undefined)
            await copyIn(client, s.sql, s.copyData).catch((err) => fail(err, step));
        else {
            batch.push(step);
            await flush();
        }
        await observe?.(s, Math.round(performance.now() - started));
    }
    await flush();
    return clean;
}

;// CONCATENATED MODULE: ./src/db/runner/runner.ts








/** The witness's query, as our own steps: the session's role and search_path put back for this transaction first. */
function witnessSteps(w) {
    const ours = 'noting what the transaction created on the server';
    return [
        { sql: 'SET LOCAL SESSION AUTHORIZATION DEFAULT', ours },
        { sql: 'SET LOCAL search_path = pg_catalog, pg_temp', ours },
        { sql: w.inTransaction, ours, capture: (rows) => w.seen(rows) },
    ];
}
/** Jittered exponential backoff: half of 100 ms × 2^attempt (at most 2 s), plus up to as much again at random. */
const defaultBackoff = (attempt) => {
    const cap = Math.min(100 * 2 ** attempt, 2000);
    return Math.round(cap / 2 + (Math.random() * cap) / 2);
};
/** Waits ms, or less if the signal is aborted first. */
const sleep = (ms, signal) => new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
});
/**
 * A transactional migration: its statements, and its history row when recording, in one transaction, followed
 * in the same round trip by the session reset. Returns false when the migration committed but the reset failed.
 */
async function runTransactional(client, reset, script, exec, ours, o) {
    const begin = { sql: exec.begin?.sql ?? 'BEGIN', ours: 'BEGIN' };
    const witnessed = o.witness ? witnessSteps(o.witness) : [];
    const steps = [
        begin,
        ...ours.head,
        ...timeoutSteps(o, true),
        ...statementSteps(exec, o, true, reset),
        ...ours.tail,
        ...witnessed,
        { sql: 'COMMIT', ours: 'COMMIT' },
        ...resetSteps(reset, true),
    ];
    const observer = o.observer;
    let fresh = true;
    const observe = async (s, durationMs) => {
        await observer.statement(client, s, { durationMs, fresh, observable: true });
        fresh = false;
    };
    await observer?.start(client);
    return send(client, script, steps, observer && observe);
}
/**
 * Statement by statement, each in its own transaction unless the file opened one, as psql runs a file. Observed
 * or witnessed, a statement that would autocommit runs in a transaction of its own (which is what autocommit is)
 * so that its locks can be read and what it created noted before it commits; the file's own transactions are
 * witnessed before their COMMIT; a statement that cannot run in a transaction is witnessed around it.
 */
async function runOneByOne(client, reset, script, exec, o) {
    await send(client, script, timeoutSteps(o, false));
    const { observer, witness } = o;
    await observer?.start(client);
    let inFileTransaction = false;
    let fresh = true;
    let ownLockTimeout = false;
    for (const step of statementSteps(exec, o, false, reset)) {
        if (o.signal?.aborted) {
            throw new errors/* MigrationError */.Py(`cancelled (${String(o.signal.reason)}) before the statement at line ${step.statement?.location.line ?? '?'}`, { location: step.statement?.location, sqlstate: '57014' });
        }
        const s = step.statement;
        ownLockTimeout = setsLockTimeout(step, ownLockTimeout);
        // A CONCURRENTLY statement waits for older transactions to end, blocking nobody meanwhile: it gets the
        // patient bound, not lock-timeout, which would fail it (and leave an invalid index) behind any transaction
        // longer than that. A lock_timeout of the file's own is the file's to keep.
        const patient = o.patientLockTimeoutMs !== undefined &&
            s !== undefined &&
            !ownLockTimeout &&
            !inFileTransaction &&
            waitsWithoutBlocking(s);
        if (patient)
            await send(client, script, [
                {
                    sql: `SET lock_timeout = ${o.patientLockTimeoutMs}`,
                    ours: 'letting a CONCURRENTLY statement wait for older transactions',
                },
            ]);
        await runStep(step);
        if (patient)
            await send(client, script, timeoutSteps(o, false).slice(0, 1));
    }
    async function runStep(step) {
        const s = step.statement;
        const control = s?.kind === 'TransactionStmt' ? s.node.kind : undefined;
        if (control) {
            const was = inFileTransaction;
            // An aborted transaction refuses the query, and its COMMIT rolls back: nothing to note then.
            if (was && witness && control === 'TRANS_STMT_COMMIT')
                await send(client, script, witnessSteps(witness)).catch(() => undefined);
            inFileTransaction = fileTransactionOpenAfter(s, inFileTransaction);
            if (inFileTransaction && !was)
                fresh = true;
        }
        if ((!observer && !witness) || !s || control) {
            await send(client, script, [step]);
            return;
        }
        // Observing needs the statement's locks still held, and witnessing its transaction still open: a statement
        // that would autocommit runs in a transaction of its own, unless its meaning depends on the block around it
        // or it may end the transaction itself (a procedure or DO block that commits).
        const outside = !!(0,transaction_mode/* cannotRunInTransaction */.c1)(s) || (0,psql_divergence/* mayEndTransaction */.x)(s);
        const observable = !outside && (inFileTransaction || !MEANING_NEEDS_NO_BLOCK.has(s.kind));
        const wrap = observable && !inFileTransaction;
        const steps = wrap
            ? [
                { sql: 'BEGIN', ours: 'BEGIN' },
                step,
                ...(witness ? witnessSteps(witness) : []),
                { sql: 'COMMIT', ours: 'COMMIT' },
            ]
            : [step];
        if (outside)
            await witness?.before(client, s);
        await send(client, script, steps, observer &&
            ((st, durationMs) => observer.statement(client, st, { durationMs, fresh: wrap || fresh, observable })));
        if (outside)
            await witness?.after(client, s);
        fresh = false;
    }
}
/**
 * Statements that would run differently inside a transaction block of ours than in autocommit: LOCK and a cursor
 * without HOLD fail outside a block, SET LOCAL and savepoints mean nothing there. They run as psql runs them,
 * and show their documented locks only.
 */
const MEANING_NEEDS_NO_BLOCK = new Set(['LockStmt', 'DeclareCursorStmt', 'VariableSetStmt', 'TransactionStmt']);
/**
 * Statements whose waits (for older transactions, at ShareUpdateExclusive) hold up no reads or writes. Not DETACH
 * PARTITION CONCURRENTLY: its second transaction takes ACCESS EXCLUSIVE on the partition.
 */
function waitsWithoutBlocking(s) {
    const what = (0,transaction_mode/* cannotRunInTransaction */.c1)(s);
    return what !== undefined && / CONCURRENTLY$/.test(what) && !what.startsWith('DETACH');
}
/**
 * Whether the session's lock_timeout is the file's own after this step: a plain SET (or set_config) makes it so,
 * RESET and a new session (`\connect`, sent as our reset) give it back to us; SET LOCAL ends with its transaction.
 */
function setsLockTimeout(step, was) {
    const s = step.statement;
    if (!s)
        return step.ours === 'resetting the session' ? false : was;
    if (s.kind === 'VariableSetStmt' && s.node.name === 'lock_timeout')
        return s.node.kind === 'VAR_SET_VALUE' ? (s.node.is_local ? was : true) : false;
    if (s.kind === 'VariableSetStmt' && s.node.kind === 'VAR_RESET_ALL')
        return false;
    return was || /\bset_config\s*\(\s*'lock_timeout'/i.test(s.sql);
}
/** Whether the file's own transaction block is open after a transaction-control statement. */
function fileTransactionOpenAfter(s, open) {
    if (s.kind !== 'TransactionStmt')
        return open;
    const kind = s.node.kind;
    if (kind === 'TRANS_STMT_BEGIN' || kind === 'TRANS_STMT_START')
        return true;
    if (kind === 'TRANS_STMT_COMMIT' || kind === 'TRANS_STMT_ROLLBACK')
        return s.node.chain === true;
    if (kind === 'TRANS_STMT_PREPARE')
        return false;
    return open; // SAVEPOINT, RELEASE, ROLLBACK TO
}
/** Leaves the session as a new connection would find it; a session that cannot be reset is replaced. */
async function runner_reset(session, client, exec) {
    try {
        await (0,script_query/* runScript */.j)(client, session.reset.map((s) => `${s};\n`).join(''));
        if (exec)
            session.finished(exec);
    }
    catch {
        await session.replace();
    }
}
/** After a transactional migration, whose reset travelled with it. */
async function settle(session, exec, clean) {
    if (clean)
        session.finished(exec);
    else
        await session.replace();
}
/**
 * Runs fn in a transaction on the session that is always rolled back (verify's re-run and round trip look at
 * the result, then undo it), and leaves the session fresh again.
 */
async function rolledBack(session, fn) {
    const client = await session.client();
    await client.query('BEGIN');
    try {
        return await fn(client);
    }
    finally {
        await client.query('ROLLBACK').catch(() => { });
        await runner_reset(session, await session.client());
    }
}
/** Runs fn on the session's connection; any failure leaves the connection to be replaced before the next use. */
async function onSession(session, fn) {
    const client = await session.client();
    try {
        return await fn(client);
    }
    catch (err) {
        await session.replace();
        throw err;
    }
}
/**
 * Runs a script on the session and records nothing: verify's re-run and down scripts. With `inOpenTransaction`
 * a transactional script runs inside the caller's open transaction (no BEGIN/COMMIT of its own), after a reset
 * within it, so the caller can look at the result and roll it back; the caller resets the session after.
 */
async function executeScript(session, script, exec, o, inOpenTransaction = false) {
    await onSession(session, async (client) => {
        if (exec.mode === 'transaction' && inOpenTransaction) {
            // What the caller does next in this transaction is ours again: a SET of the file's own (statement_timeout,
            // idle_in_transaction_session_timeout) ends with the file, and the caller's ROLLBACK takes back both.
            const ours = session.settings.map((sql) => ({ sql, ours: 'restoring our own session settings' }));
            await send(client, script, [
                ...resetSteps(session.reset),
                ...timeoutSteps(o, true),
                ...statementSteps(exec, o, true, session.reset),
                ...ours,
            ]);
            return;
        }
        if (exec.mode === 'transaction')
            return settle(session, exec, await runTransactional(client, session.reset, script, exec, { head: [], tail: [] }, o));
        await runOneByOne(client, session.reset, script, exec, o);
        await runner_reset(session, client, exec);
    });
}
/** The lock fence (see lockFence), as the first step inside a transaction of the run's. */
const fenceSteps = (fence) => fence ? [{ sql: fence, ours: 'checking that this run still holds its advisory lock' }] : [];
/**
 * What one transaction writes, so that on-failure: restore can tell it from others' writes: `start` and `end` go
 * first and last inside it, and the counts at its end less those at its start are its own (the session's counts
 * not yet sent to the statistics show in both).
 */
function writeCounter(name) {
    const counts = [];
    const capture = (rows) => void counts.push(Object.fromEntries(rows.map((r) => [r.t, Number(r.n)])));
    return {
        start: { sql: table/* OWN_WRITES_SQL */.XW, ours: 'counting the rows written so far', capture },
        end: { sql: table/* OWN_WRITES_SQL */.XW, ours: `counting the rows ${name} wrote`, capture },
        writes() {
            const [start = {}, end = {}] = counts;
            return Object.fromEntries(Object.entries(end)
                .map(([t, n]) => [t, n - (start[t] ?? 0)])
                .filter(([, n]) => n > 0));
        },
    };
}
/**
 * Applies one migration and records it. A transactional one runs in one transaction together with its history
 * row; a lock timeout (55P03) is retried with jittered backoff, on a new connection, up to lockRetries times
 * within lockBudgetMs, waiting before each retry (beforeRetry) for long transactions on its tables to end. A file whose own
 * wrapper is READ ONLY cannot write a row in its transaction: having changed nothing, it is recorded right after
 * it commits. A non-transactional one is recorded dirty before it starts and clean after it ends, on our own
 * session, so a crash in between leaves a visible mark and no run starts until someone has looked (where the history
 * table has a place for one: another tool's may not, and then the row is written once the migration has finished).
 */
async function runMigration(session, migration, exec, o, log) {
    const { record } = o;
    if (exec.mode === 'no-transaction') {
        await session.client();
        const started = performance.now();
        const mark = await (0,table/* markStarted */.Fm)(record.control, record.table, migration, record.appliedBy);
        // lock-timeout off leaves every wait unbounded, CONCURRENTLY's too.
        const patient = o.lockBudgetMs > 0 && o.lockTimeoutMs > 0 ? { patientLockTimeoutMs: o.lockBudgetMs } : {};
        await onSession(session, (client) => runOneByOne(client, session.reset, migration.up, exec, { ...o, ...patient }));
        const durationMs = Math.round(performance.now() - started);
        if (mark === undefined)
            await (0,table/* recordApplied */.RC)(record.control, record.table, migration, record.appliedBy, durationMs);
        else
            await (0,table/* markFinished */.UI)(record.control, record.table, mark, durationMs, migration);
        await runner_reset(session, await session.client(), exec);
        return { durationMs, attempts: 1, writes: {} };
    }
    const readOnly = exec.begin?.readOnly === true;
    const backoff = o.backoffMs ?? defaultBackoff;
    const first = performance.now();
    // An attempt may be given a longer lock_timeout (beforeRetry: to let PostgreSQL cancel an autovacuum).
    let tries = o;
    for (let attempt = 0;; attempt++) {
        const started = performance.now();
        let began = started;
        const counter = writeCounter(migration.name);
        try {
            const clean = await onSession(session, (client) => {
                began = performance.now();
                const head = fenceSteps(record.fence);
                const tail = readOnly
                    ? []
                    : (0,table/* recordInTransaction */.jH)(client, record.table, migration, record.appliedBy, timeoutSteps(tries, true).map((s) => s.sql)).map((sql) => ({ sql, ours: `recording ${migration.name} in the history table` }));
                if (!readOnly && o.countWrites) {
                    head.push(counter.start);
                    tail.push(counter.end);
                }
                return runTransactional(client, session.reset, migration.up, exec, { head, tail }, tries);
            });
            o.attempted?.(Math.round(performance.now() - began));
            const writes = counter.writes();
            const durationMs = Math.round(performance.now() - started);
            await settle(session, exec, clean);
            if (readOnly)
                await (0,table/* recordApplied */.RC)(record.control, record.table, migration, record.appliedBy, durationMs);
            return { durationMs, attempts: attempt + 1, writes };
        }
        catch (err) {
            o.attempted?.(Math.round(performance.now() - began));
            const code = err instanceof errors/* MigrationError */.Py ? err.details.sqlstate : sqlstate(err);
            const wait = backoff(attempt);
            const leftMs = o.lockBudgetMs - (performance.now() - first) - wait;
            if (code === '55P03' && attempt < o.lockRetries && leftMs > 0) {
                log.warn(`${migration.name}: lock timeout after ${tries.lockTimeoutMs} ms, retry ${attempt + 1} in ${wait} ms (${Math.round(leftMs / 1000)} s of lock-wait left)`);
                await sleep(wait, o.signal);
                const next = await o.beforeRetry?.(leftMs);
                tries = next?.lockTimeoutMs ? { ...o, lockTimeoutMs: next.lockTimeoutMs } : o;
                // A cancel that came while waiting to retry: the migration is not tried again.
                if (o.signal?.aborted)
                    throw new errors/* MigrationError */.Py(`cancelled (${String(o.signal.reason)}) while waiting to retry after a lock timeout`, { location: { file: migration.up.file, line: migration.up.startLine, column: 1 }, sqlstate: '57014' });
                continue;
            }
            if (err instanceof errors/* MigrationError */.Py && code === '55P03' && attempt > 0)
                err.message += ` (after ${attempt + 1} attempts in ${((performance.now() - first) / 1000).toFixed(1)} s: lock-wait is ${o.lockBudgetMs / 1000} s)`;
            throw err;
        }
    }
}
/**
 * Undoes one applied migration with its down script and takes its history row out (`forget`, given the client
 * to do it on). A transactional down script and `forget` share one transaction, after the lock fence and with the
 * session's role and search_path put back for the row as for a migration's own, so that the database and the
 * history agree whether it commits or rolls back (a failure ends the connection, which rolls it back). A READ
 * ONLY wrapper cannot delete the row: having changed nothing, it is forgotten right after it commits. A down
 * script that cannot run in a transaction runs statement by statement, as psql would, and its row goes once it
 * has ended, on our own session: one that fails part-way keeps its row, though part of it ran. Returns the rows
 * the transaction wrote, per table, as runMigration counts them (none outside a transaction).
 */
async function undoMigration(session, migration, down, exec, o, forget) {
    const forgetting = (client) => forget(client).catch((err) => {
        throw new errors/* MigrationError */.Py(`taking ${migration.name}'s row out of the history table failed: ${err.message}`, { location: { file: down.file, line: down.startLine, column: 1 }, sqlstate: sqlstate(err), cause: err });
    });
    if (exec.mode === 'no-transaction') {
        await onSession(session, (client) => runOneByOne(client, session.reset, down, exec, o));
        await (0,transaction/* withTransaction */.r)(o.control, () => forgetting(o.control));
        await runner_reset(session, await session.client(), exec);
        return {};
    }
    const readOnly = exec.begin?.readOnly === true;
    const counter = writeCounter(`the down script of ${migration.name}`);
    const clean = await onSession(session, async (client) => {
        const begin = { sql: exec.begin?.sql ?? 'BEGIN', ours: 'BEGIN' };
        const ours = (sql) => ({ sql, ours: `taking ${migration.name} out of the history table` });
        const asConnected = ['SET LOCAL SESSION AUTHORIZATION DEFAULT', 'SET LOCAL search_path = pg_catalog, pg_temp'].map(ours);
        const counted = readOnly ? [] : [counter.start];
        await send(client, down, [
            begin,
            ...fenceSteps(o.fence),
            ...counted,
            ...timeoutSteps(o, true),
            ...statementSteps(exec, o, true, session.reset),
            ...asConnected,
            ...timeoutSteps(o, true),
        ]);
        if (!readOnly)
            await forgetting(client);
        const witnessed = o.witness ? witnessSteps(o.witness) : [];
        return send(client, down, [
            ...(readOnly ? [] : [counter.end]),
            ...witnessed,
            { sql: 'COMMIT', ours: 'COMMIT' },
            ...resetSteps(session.reset, true),
        ]);
    });
    await settle(session, exec, clean);
    if (readOnly)
        await (0,transaction/* withTransaction */.r)(o.control, () => forgetting(o.control));
    return counter.writes();
}


/***/ }),

/***/ 1332:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Hp: () => (/* binding */ MIGRATING_NAMESPACE),
/* harmony export */   Nt: () => (/* binding */ lockFence),
/* harmony export */   P0: () => (/* binding */ cancelMigrating),
/* harmony export */   TL: () => (/* binding */ lockKey),
/* harmony export */   bL: () => (/* binding */ withAdvisoryLock),
/* harmony export */   wV: () => (/* binding */ lockLost)
/* harmony export */ });
/* unused harmony export LOCK_NAMESPACE */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _foundation_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(358);
/* harmony import */ var _own_session_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8280);



/** First key of every lock this tool takes ("PGMG"), so its locks are recognisable in pg_locks. */
const LOCK_NAMESPACE = 0x50474d47;
/**
 * First key of the lock a run's migrating session holds while it lives ("PGMH"). The run's advisory lock lives
 * on another session; a run that takes it also waits on this one, for a migration a vanished run left running.
 */
const MIGRATING_NAMESPACE = 0x5047_4d48;
/** The second key: derived from the history table, so runs on different history tables do not block each other. */
function lockKey(qualifiedHistoryTable) {
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(qualifiedHistoryTable).digest().readInt32BE(0);
}
/** Who holds one of our locks right now, for the error message. */
async function holder(client, namespace, key) {
    const r = await client.query(`SELECT l.pid, a.application_name, a.client_addr::text AS addr, a.backend_start, a.state
       FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid
      WHERE l.locktype = 'advisory' AND l.granted AND l.classid = $1::bigint::oid AND l.objid = $2::bigint::oid AND l.objsubid = 2
        AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())`, [namespace, key >>> 0]);
    if (!r.rows.length)
        return 'a session that has since ended';
    const h = r.rows[0];
    return `pid ${h.pid} (${h.application_name || 'unknown application'}${h.addr ? ` from ${h.addr}` : ''}, connected since ${new Date(h.backend_start).toISOString()})`;
}
/**
 * Holds a session-level advisory lock while fn runs. It is taken in autocommit mode, never inside an open
 * transaction: a transaction-level lock would make `CREATE INDEX CONCURRENTLY` wait for our own transaction
 * forever. Waits up to waitMs for another run to finish, then fails naming the holder's pid; a cancel (the run's
 * signal) ends the wait at once with a CancelledError.
 */
async function withAdvisoryLock(client, key, waitMs, fn, cancel) {
    await acquire(client, LOCK_NAMESPACE, key, waitMs, (who) => `another migration run holds the lock on this history table: ${who}`, cancel);
    try {
        // A run whose process is gone may have left its last migration executing on the server: wait for it to end.
        await acquire(client, MIGRATING_NAMESPACE, key, waitMs, (who) => `a migration of an earlier run, whose process is gone, is still executing: ${who}`, cancel);
        await client.query('SELECT pg_advisory_unlock($1, $2)', [MIGRATING_NAMESPACE, key]);
        return await fn();
    }
    finally {
        await client.query('SELECT pg_advisory_unlock($1, $2)', [LOCK_NAMESPACE, key]).catch(() => { });
    }
}
/**
 * Takes a session-level advisory lock, waiting up to waitMs; then fails naming the session that holds it. When
 * `cancel.signal` aborts meanwhile, the waiting statement is cancelled from a second session and a CancelledError
 * thrown (a lock granted in that instant is given back).
 */
async function acquire(client, namespace, key, waitMs, what, cancel) {
    const signal = cancel?.signal;
    const cancelled = () => new _foundation_errors_js__WEBPACK_IMPORTED_MODULE_1__.CancelledError(String(signal.reason), 'while waiting for the advisory lock; nothing was changed');
    if (signal?.aborted)
        throw cancelled();
    let stopWatching;
    try {
        // lock_timeout bounds the wait; 0 would mean "wait forever", so a zero wait is a single try.
        if (waitMs === 0) {
            const r = await client.query('SELECT pg_try_advisory_lock($1, $2) AS ok', [namespace, key]);
            if (!r.rows[0].ok)
                throw Object.assign(new Error('lock not available'), { code: '55P03' });
        }
        else {
            await client.query(`SET lock_timeout = ${Math.floor(waitMs)}`);
            if (signal && cancel)
                stopWatching = await cancelWaitOnAbort(signal, cancel.url, client, namespace, key);
            await client.query('SELECT pg_advisory_lock($1, $2)', [namespace, key]);
            await stopWatching?.();
            if (signal?.aborted) {
                await client.query('SELECT pg_advisory_unlock($1, $2)', [namespace, key]).catch(() => { });
                throw cancelled();
            }
        }
    }
    catch (err) {
        await stopWatching?.();
        if (signal?.aborted && err.code === '57014')
            throw cancelled();
        if (err.code === '55P03') {
            throw new _foundation_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .StateError */ .qq([
                `${what(await holder(client, namespace, key))}; waited ${waitMs} ms. Let it finish (or raise lock-wait); if it is stuck, end that session with SELECT pg_terminate_backend(<pid>)`,
            ], { cause: err });
        }
        throw err;
    }
    finally {
        await client.query('RESET lock_timeout').catch(() => { });
    }
}
/**
 * Once `signal` aborts, cancels `client`'s wait for the advisory lock from a session of its own, and keeps asking
 * until the wait has ended (a cancel that arrives before the statement starts cancels nothing). Only a statement
 * still waiting for that lock is cancelled, never the next one. Returns the function that stops and disconnects.
 */
async function cancelWaitOnAbort(signal, url, client, namespace, key) {
    // The server's own pid of the waiting session (behind a pooler the start-up key is the pooler's).
    const pid = (await client.query('SELECT pg_catalog.pg_backend_pid() AS pid')).rows[0].pid;
    let timer;
    let control;
    const cancel = async () => {
        const c = await (control ??= (0,_own_session_js__WEBPACK_IMPORTED_MODULE_2__/* .connectOwn */ .Vp)(url).catch(() => undefined));
        await c?.query(`SELECT pg_catalog.pg_cancel_backend(pid) FROM pg_catalog.pg_locks
        WHERE pid = $1 AND locktype = 'advisory' AND NOT granted AND classid = $2::bigint::oid AND objid = $3::bigint::oid AND objsubid = 2`, [pid, namespace, key >>> 0]);
    };
    const onAbort = () => {
        void cancel().catch(() => undefined);
        timer = setInterval(() => void cancel().catch(() => undefined), 250);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    let stopped;
    return () => (stopped ??= (async () => {
        signal.removeEventListener('abort', onAbort);
        if (timer)
            clearInterval(timer);
        const c = await control;
        await c?.end().catch(() => { });
    })());
}
/**
 * Cancels what the run's migrating session is running, from our own session. The session is found by the
 * "migrating" lock it holds, not by the pid its connection was given at start-up: behind a pooler that is the
 * pooler's own key, not a server process.
 */
async function cancelMigrating(control, key) {
    await control.query(`SELECT pg_catalog.pg_cancel_backend(pid) FROM pg_catalog.pg_locks
      WHERE locktype = 'advisory' AND granted AND classid = $1::bigint::oid AND objid = $2::bigint::oid AND objsubid = 2
        AND database = (SELECT oid FROM pg_catalog.pg_database WHERE datname = pg_catalog.current_database())
        AND pid <> pg_catalog.pg_backend_pid()`, [MIGRATING_NAMESPACE, key >>> 0]);
}
/** How the fence's failure begins, so that lockLost tells it from a migration's own errors. */
const LOCK_LOST = 'this run lost its advisory lock';
/**
 * A statement that fails unless session `pid` still holds the run's lock. Sent first in each migration's
 * transaction, it stops a run whose lock went with its connection (an idle timeout, a dropped network) before
 * the migration changes anything, so a second run that took the lock meanwhile is never raced. It also stops a
 * run behind a pooler in transaction mode, where the lock's server session serves other connections too (the
 * migrations' own, whose session reset releases the lock). Plain SQL: the failing branch is a cast of a value
 * the planner cannot fold, so it is evaluated only when taken; its text says what happened, and lockLost
 * recognises it.
 */
function lockFence(key, pid) {
    const held = `SELECT FROM pg_catalog.pg_locks WHERE locktype = 'advisory' AND granted AND classid = ${LOCK_NAMESPACE}::pg_catalog.oid
      AND objid = ${key >>> 0}::bigint::pg_catalog.oid AND objsubid = 2 AND pid = ${Math.trunc(pid)}
      AND database = (SELECT oid FROM pg_catalog.pg_database WHERE datname = pg_catalog.current_database())`;
    return `SELECT CASE WHEN EXISTS (${held}) THEN 0 ELSE ('${LOCK_LOST}: session pid ${Math.trunc(pid)} no longer holds it; stopped before this migration, on pid ' || pg_catalog.pg_backend_pid())::pg_catalog.int4 END`;
}
/** Whether err is the lock fence's failure (an invalid integer carrying its text), not a migration's own error. */
function lockLost(err) {
    for (let e = err, depth = 0; e && depth < 5; e = e.cause, depth++) {
        if (e.code === '22P02' && e.message?.includes(LOCK_LOST))
            return true;
    }
    return false;
}


/***/ }),

/***/ 2079:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   j: () => (/* binding */ runScript)
/* harmony export */ });
/* harmony import */ var pg__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3849);

/**
 * node-postgres' Query, counting the CommandComplete messages of a multi-statement simple query: when a
 * statement fails, the count says which one it was, without a round trip per statement.
 */
class CountingQuery extends pg__WEBPACK_IMPORTED_MODULE_0__["default"].Query {
    completed = 0;
    handleCommandComplete(msg, connection) {
        this.completed++;
        pg__WEBPACK_IMPORTED_MODULE_0__["default"].Query.prototype.handleCommandComplete.call(this, msg, connection);
    }
}
/**
 * Sends several statements as one simple query (one round trip). Resolves with one result per statement that
 * completed (node-postgres gives a single result for a single statement, an array for several). On failure the
 * error carries `completed`.
 */
function runScript(client, text) {
    return new Promise((resolve, reject) => {
        const query = new CountingQuery(text, undefined, (err, results) => {
            if (err)
                reject(Object.assign(err, { completed: query.completed }));
            else
                resolve(results === undefined ? [] : Array.isArray(results) ? results : [results]);
        });
        client.query(query);
    });
}


/***/ }),

/***/ 237:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   P: () => (/* binding */ MigrationSession)
/* harmony export */ });
/* harmony import */ var _advisory_lock_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1332);
/* harmony import */ var _connect_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4506);
/* harmony import */ var _own_session_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8280);



/**
 * What a new connection starts from, restored on a connection that already ran a migration: the session user
 * and role (SET SESSION AUTHORIZATION DEFAULT also ends SET ROLE), every setting, cursors, prepared statements,
 * LISTEN, session advisory locks, cached plans, sequence caches and temp tables. DISCARD ALL would do the same
 * but may not run inside a transaction block, and these travel in the same simple query as a migration.
 * RESET ALL goes back to the role's and database's settings: our own `settings` follow it at once, so that what
 * comes after runs as ours. The session's own "migrating" lock (see MIGRATING_NAMESPACE) is taken again at once.
 */
function sessionReset(key, settings) {
    return [
        'SET SESSION AUTHORIZATION DEFAULT',
        'RESET ALL',
        ...settings,
        'CLOSE ALL',
        'DEALLOCATE ALL',
        'UNLISTEN *',
        'SELECT pg_catalog.pg_advisory_unlock_all()',
        holdMigratingLock(key),
        'DISCARD SEQUENCES',
        'DISCARD TEMP',
        'DISCARD PLANS',
    ];
}
/**
 * Our own settings of the migrating session, in one statement (see sessionSettings), set when it connects and
 * again after every reset, before any migration runs:
 * - the server's session limits off (see SESSION_LIMITS): the session sits idle between migrations while our own
 *   session writes the history, and inside a transaction while verify looks at what a migration did, and a role's
 *   or database's idle_session_timeout, idle_in_transaction_session_timeout, statement_timeout or
 *   transaction_timeout must not end it then. A migration's own bounds are set with it (lock-timeout,
 *   statement-timeout; see timeoutSteps), and a SET in the file itself governs the rest of that file, as in psql;
 * - if this process vanishes (SIGKILL, a runner that dies) while a migration executes, PostgreSQL 14+ notices the
 *   closed connection within a second (client_connection_check_interval) and aborts the migration instead of
 *   finishing and committing it. Older servers notice only when they next write to the connection, after the
 *   migration's query ends.
 */
const MIGRATING_SESSION_SETTINGS = (0,_own_session_js__WEBPACK_IMPORTED_MODULE_2__/* .sessionSettings */ .MS)({ ..._own_session_js__WEBPACK_IMPORTED_MODULE_2__/* .OWN_SESSION_LIMITS */ .zN, client_connection_check_interval: '1000' });
/** Validated integers, never user text. */
const holdMigratingLock = (key) => `SELECT pg_catalog.pg_advisory_lock(${_advisory_lock_js__WEBPACK_IMPORTED_MODULE_0__/* .MIGRATING_NAMESPACE */ .Hp}, ${Math.trunc(key)})`;
/**
 * Statements that change what new sessions start from. After one, RESET ALL would go back to the defaults this
 * connection started with, not the new ones psql's next session would see: the session is replaced instead.
 */
const CHANGES_SESSION_DEFAULTS = new Set(['AlterDatabaseSetStmt', 'AlterRoleSetStmt']);
/**
 * What a reset leaves behind, as psql's next process would not have it: a module LOADed, a custom setting
 * (`app.tenant`) defined (RESET ALL empties it, and current_setting(…, true) then reads '' instead of NULL), a named
 * dblink connection. Told by the statement and its text (a DO block's body included): a false alarm costs a new
 * connection only.
 */
const LEAVES_SESSION_STATE = /\bset_config\s*\(|\bdblink_connect(_u)?\s*\(|\bSET\s+((SESSION|LOCAL)\s+)?"?[a-z_][a-z0-9_$]*"?\."?[a-z_]/i;
const leavesSessionState = (s) => s.kind === 'LoadStmt' || LEAVES_SESSION_STATE.test(s.sql);
/** Statements whose body may change session defaults where no statement of the file says so (EXECUTE in a DO block). */
const MAY_CHANGE_DEFAULTS = new Set(['DoStmt', 'CallStmt']);
/** What new sessions of this database and user start from (ALTER DATABASE/ROLE … SET), as a hash. */
const SESSION_DEFAULTS = `SELECT pg_catalog.md5(coalesce(pg_catalog.string_agg(s.setdatabase || ':' || s.setrole || ':' || s.setconfig::text, ',' ORDER BY s.setdatabase, s.setrole), '')) AS h
  FROM pg_catalog.pg_db_role_setting s
 WHERE s.setdatabase IN (0, (SELECT oid FROM pg_catalog.pg_database WHERE datname = pg_catalog.current_database()))
   AND s.setrole IN (0, (SELECT oid FROM pg_catalog.pg_roles WHERE rolname = session_user))`;
/**
 * The connection migrations run on, as fresh for each one as psql -f's own process: reset after every
 * migration, replaced after a failure (whatever state the failed attempt left) and after a migration that
 * changed session defaults. A cheap reset per migration instead of a connection per migration keeps a run of
 * hundreds of small migrations close to one psql session.
 */
class MigrationSession {
    url;
    key;
    current;
    settings;
    stale = false;
    /** The last migration ran a DO block or a procedure: whether it changed the session defaults is asked first. */
    unsure = false;
    /** SESSION_DEFAULTS when this connection started. */
    defaults;
    /** The statements that make this session fresh again. */
    reset;
    constructor(url, key, current, 
    /** Our own session settings, set again after every reset. */
    settings) {
        this.url = url;
        this.key = key;
        this.current = current;
        this.settings = settings;
        this.reset = sessionReset(key, settings);
    }
    /**
     * A session for the run that holds the advisory lock `key`. As long as it lives it holds the "migrating" lock
     * too, so a run whose process died while its migration was still executing on the server keeps the next run
     * waiting until that migration has ended, not only until the lock's own session noticed the death.
     */
    static async open(url, key) {
        const client = await (0,_connect_js__WEBPACK_IMPORTED_MODULE_1__.connect)(url);
        const settings = [MIGRATING_SESSION_SETTINGS];
        try {
            await client.query([...settings, holdMigratingLock(key)].join(';\n'));
        }
        catch (err) {
            await client.end().catch(() => { });
            throw err;
        }
        return new MigrationSession(url, key, client, settings);
    }
    /** The connection the next migration runs on: a new one if the last left anything behind. */
    async client() {
        if (this.unsure && !this.stale)
            this.stale = (await this.current.query(SESSION_DEFAULTS)).rows[0].h !== this.defaults;
        this.unsure = false;
        this.defaults ??= (await this.current.query(SESSION_DEFAULTS)).rows[0].h;
        if (this.stale) {
            await this.current.end().catch(() => { });
            this.current = await (0,_connect_js__WEBPACK_IMPORTED_MODULE_1__.connect)(this.url);
            await this.current.query([...this.settings, holdMigratingLock(this.key)].join(';\n'));
            this.stale = false;
            this.defaults = (await this.current.query(SESSION_DEFAULTS)).rows[0].h;
        }
        return this.current;
    }
    /**
     * The connection may carry state a reset does not clear (a failed attempt's aborted transaction, which still
     * holds its locks): it is closed now, and the next migration gets a new one.
     */
    async replace() {
        this.stale = true;
        await this.current.end().catch(() => { });
    }
    /** After a migration ran to its end: replace the connection if the reset cannot make it fresh. */
    finished(exec) {
        if (exec.statements.some((s) => CHANGES_SESSION_DEFAULTS.has(s.kind) || leavesSessionState(s)))
            this.stale = true;
        else if (exec.statements.some((s) => MAY_CHANGE_DEFAULTS.has(s.kind)))
            this.unsure = true;
    }
    async close() {
        await this.current.end().catch(() => { });
    }
}


/***/ }),

/***/ 7765:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  i: () => (/* binding */ backupFor)
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

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/connection/url.ts
var connection_url = __webpack_require__(7277);
// EXTERNAL MODULE: ./src/db/catalog/catalog-state.ts
var catalog_state = __webpack_require__(3049);
// EXTERNAL MODULE: ./src/db/session/connect.ts + 4 modules
var connect = __webpack_require__(4506);
// EXTERNAL MODULE: ./src/db/history/table.ts + 12 modules
var table = __webpack_require__(6704);
// EXTERNAL MODULE: ./src/db/session/identifiers.ts
var identifiers = __webpack_require__(801);
// EXTERNAL MODULE: ./src/db/session/own-session.ts
var own_session = __webpack_require__(8280);
// EXTERNAL MODULE: ./src/db/session/script-query.ts
var script_query = __webpack_require__(2079);
// EXTERNAL MODULE: ./src/db/session/server-version.ts
var server_version = __webpack_require__(871);
// EXTERNAL MODULE: ./src/db/catalog/table-writes.ts
var table_writes = __webpack_require__(8007);
// EXTERNAL MODULE: ./src/db/session/server-identity.ts
var server_identity = __webpack_require__(4297);
// EXTERNAL MODULE: ./src/db/session/xid-snapshot.ts
var xid_snapshot = __webpack_require__(4925);
// EXTERNAL MODULE: ./src/foundation/errors.ts
var errors = __webpack_require__(358);
// EXTERNAL MODULE: ./src/migrations/version.ts
var migrations_version = __webpack_require__(233);
// EXTERNAL MODULE: ./src/backup/catalog-changes.ts
var catalog_changes = __webpack_require__(4861);
// EXTERNAL MODULE: ./src/backup/dump.ts
var dump = __webpack_require__(9794);
// EXTERNAL MODULE: ./src/backup/encryption.ts
var encryption = __webpack_require__(3985);
// EXTERNAL MODULE: ./src/backup/metadata.ts + 1 modules
var backup_metadata = __webpack_require__(5272);
// EXTERNAL MODULE: ./src/backup/pg-tools.ts
var pg_tools = __webpack_require__(179);
;// CONCATENATED MODULE: ./src/backup/take-backup.ts




















/** The version and where the tool came from, e.g. `17.2 (docker postgres:17)` or `17.2 (/usr/bin/pg_dump)`. */
function describeTool(t) {
    return t.source ? `${t.version} (${t.source})` : t.version;
}
/** A dump path no earlier backup uses: two backups never share a file. */
function freshPath(dir, base) {
    for (let n = 0;; n++) {
        const path = (0,external_node_path_.join)(dir, `${base}${n ? `-${n}` : ''}.dump`);
        if (!(0,external_node_fs_.existsSync)(path))
            return path;
    }
}
function writableDir(dir) {
    try {
        (0,external_node_fs_.mkdirSync)(dir, { recursive: true });
        (0,external_node_fs_.accessSync)(dir, external_node_fs_.constants.W_OK);
    }
    catch (cause) {
        throw new errors/* InputError */.dz([
            `backup-dir: '${dir}' cannot be written (${cause.code}); point backup-dir at a writable folder`,
        ], { cause });
    }
}
/**
 * What the backup stands for, read in one REPEATABLE READ transaction whose snapshot pg_dump then uses
 * (pg_dump --snapshot): the recorded snapshot is exactly the dump's. fn runs while that transaction is open.
 */
async function atBackupSnapshot(url, historyTable, fn) {
    return (0,connect.withClient)(url, async (c) => {
        try {
            // The transaction sits idle for as long as pg_dump runs: the server's session limits are turned off on it in
            // the same round trip (see OWN_SESSION_SQL). Its snapshot is taken by the first of these to read.
            const opened = (await (0,script_query/* runScript */.j)(c, `BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY;\n${own_session/* OWN_SESSION_SQL */.t5};\nSELECT pg_catalog.pg_export_snapshot() AS id`)).at(-1);
            const exported = opened.rows[0].id;
            // The next id is a reading of the moment, not part of what the backup stands for.
            const { next: _next, ...snapshot } = await (0,xid_snapshot/* currentSnapshot */.eL)(c);
            const version = (await c.query("SELECT current_setting('server_version') AS v")).rows[0].v;
            const identity = await (0,server_identity/* databaseIdentity */.C)(c);
            const tableWrites = await (0,table_writes/* tableWriteCounts */.e)(c);
            const catalog = (0,catalog_changes/* recordCatalog */.hB)(await (0,catalog_state/* catalogState */.dU)(c, await (0,server_version/* serverMajor */.j)(c), { labels: true }));
            const history = await (0,table/* locateHistoryTable */.Bb)(c, historyTable)
                .then((t) => (0,table/* readHistory */.Lu)(c, t))
                .catch(() => undefined);
            const last = history
                ?.filter((r) => r.version && !r.dirty)
                .sort((a, b) => (0,migrations_version/* compareVersions */.Zy)(a.version, b.version))
                .pop();
            return await fn({ version: version.split(' ')[0], identity, snapshot, tableWrites, catalog, last }, exported);
        }
        finally {
            await c.query('ROLLBACK').catch(() => { });
        }
    });
}
/**
 * A verified backup: pg_dump in custom format (compressed) with a pg_dump at least as new as the server, checked
 * by reading its table of contents back, checksummed, described by a metadata file beside it, and uploaded when
 * a store is given. A pg_dump too old, or an unwritable folder, fails before anything is dumped. The metadata
 * names the database (oid, the server's system identifier) and the transaction snapshot the dump stands for, so a
 * restore can check its target and what was written since.
 */
async function takeBackup(url, o) {
    const major = await (0,connect.withClient)(url, server_version/* serverMajor */.j);
    writableDir(o.dir);
    const docker = o.pgDumpDocker === true ? 'true' : o.pgDumpDocker === false ? 'false' : (o.pgDumpDocker ?? 'auto');
    const pgDump = await (0,pg_tools/* backupTool */.zl)('pg_dump', major, { explicit: o.pgDumpPath, docker, dir: o.dir, signal: o.signal });
    // pg_restore reads the dump back: from the same place as pg_dump when that is Docker.
    const pgRestore = pgDump.path === 'docker'
        ? await (0,pg_tools/* backupTool */.zl)('pg_restore', major, { docker: 'true', dir: o.dir, signal: o.signal })
        : await (0,pg_tools/* backupTool */.zl)('pg_restore', major, { explicit: o.pgDumpPath, docker, dir: o.dir, signal: o.signal });
    const usedDump = describeTool(pgDump);
    const { server, path } = await atBackupSnapshot(url, o.historyTable, async (server, snapshot) => {
        const path = freshPath(o.dir, `${server.identity.name.replace(/[^A-Za-z0-9._-]+/g, '_')}${o.label ? `-${o.label}` : ''}-${new Date().toISOString().replace(/[-:]/g, '')}`);
        await (0,dump/* dumpDatabase */.m3)(pgDump, url, path, o.lockTimeoutMs, snapshot, o.signal);
        return { server, path };
    });
    // Reading the table of contents back and hashing the file are independent reads: done side by side.
    const [entries, sha256] = await Promise.all([(0,dump/* checkDump */.hk)(pgRestore, path, o.signal), (0,dump/* sha256File */.Q3)(path, o.signal)]);
    const size = (0,external_node_fs_.statSync)(path).size;
    const metadata = {
        format: 'pg-migration-gate-backup/1',
        file: path.split('/').pop(),
        sha256,
        size,
        database: (0,connection_url.targetIdentity)(url),
        serverVersion: server.version,
        pgDumpVersion: usedDump,
        createdAt: new Date().toISOString(),
        historyTable: (0,identifiers/* tableText */.qK)(o.historyTable),
        lastApplied: server.last ? { version: server.last.version.text, name: server.last.name } : undefined,
        planHash: o.planHash,
        entries,
        databaseName: server.identity.name,
        databaseOid: server.identity.oid,
        ...(server.identity.systemIdentifier ? { systemIdentifier: server.identity.systemIdentifier } : {}),
        snapshot: server.snapshot,
        tableWrites: server.tableWrites,
        catalog: server.catalog,
    };
    let uploaded = path;
    if (o.recipients?.length) {
        uploaded = `${path}.age`;
        await (0,encryption/* encryptFile */.o)(path, uploaded, o.recipients, o.signal);
        metadata.encryption = {
            format: 'age',
            file: uploaded.split('/').pop(),
            sha256: await (0,dump/* sha256File */.Q3)(uploaded, o.signal),
        };
    }
    const metadataPath = (0,backup_metadata/* writeMetadata */.f5)(path, metadata);
    const info = {
        path,
        metadataPath,
        sha256,
        size,
        serverVersion: server.version,
        pgDumpVersion: usedDump,
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

;// CONCATENATED MODULE: ./src/engine/backup-run.ts



/** The artifact name: given, or unique per database, run and attempt. */
function backupArtifactName(config, url, a) {
    return (config.artifactName ??
        artifactName('pg-backup', (0,connection_url.targetIdentity)(url).split('/').pop(), String(a.runId), String(a.attempt)));
}
/**
 * A verified backup of the context's database, as the config asks for it: the backup command's, and the apply's
 * before and after it runs (`extra` labels them, ties them to the plan and names the artifact apart).
 */
function backupFor(config, ctx, extra = {}) {
    const { nameSuffix = '', ...labels } = extra;
    return takeBackup(ctx.databaseUrl, {
        ...labels,
        dir: config.backupDir ?? ctx.backupDir,
        historyTable: config.historyTable,
        pgDumpPath: config.pgDumpPath,
        pgDumpDocker: config.pgDumpDocker,
        recipients: config.backupRecipients,
        lockTimeoutMs: config.backupLockTimeoutMs,
        signal: ctx.signal,
        artifact: ctx.artifacts && {
            store: ctx.artifacts.store,
            name: `${backupArtifactName(config, ctx.databaseUrl, ctx.artifacts)}${nameSuffix}`,
            retentionDays: config.retentionDays,
        },
    });
}


/***/ }),

/***/ 5748:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  K: () => (/* binding */ applyMigrations),
  w: () => (/* binding */ productionApply)
});

// EXTERNAL MODULE: ./src/model/report.ts
var model_report = __webpack_require__(5235);
// EXTERNAL MODULE: ./src/engine/failure-findings.ts
var failure_findings = __webpack_require__(4255);
// EXTERNAL MODULE: ./src/foundation/errors.ts
var errors = __webpack_require__(358);
// EXTERNAL MODULE: ./src/backup/metadata.ts + 1 modules
var backup_metadata = __webpack_require__(5272);
// EXTERNAL MODULE: ./src/backup/restore-backup.ts + 1 modules
var restore_backup = __webpack_require__(7539);
// EXTERNAL MODULE: ./src/backup/catalog-changes.ts
var catalog_changes = __webpack_require__(4861);
// EXTERNAL MODULE: ./src/db/catalog/catalog-state.ts
var catalog_state = __webpack_require__(3049);
// EXTERNAL MODULE: ./src/db/session/server-version.ts
var server_version = __webpack_require__(871);
;// CONCATENATED MODULE: ./src/engine/after-restore.ts



/** Settings whose value is a list: SET with one quoted string would make them a list of one. */
const LIST_SETTINGS = new Set([
    'search_path',
    'temp_tablespaces',
    'session_preload_libraries',
    'local_preload_libraries',
    'shared_preload_libraries',
]);
/** `name=value` items of a setconfig array, as text. */
async function settingItems(client, array) {
    if (!array)
        return new Map();
    const r = await client.query('SELECT pg_catalog.unnest($1::text[]) AS item', [array]);
    return new Map(r.rows.map((row) => {
        const item = row.item;
        const at = item.indexOf('=');
        return [item.slice(0, at), item.slice(at + 1)];
    }));
}
/** The database's own settings (ALTER DATABASE … SET), as text, and its hash as a catalog entry has it. */
async function databaseSettings(client) {
    const r = await client.query(`SELECT s.setconfig::text AS text, pg_catalog.md5(s.setconfig::text) AS hash FROM pg_catalog.pg_db_role_setting s
      WHERE s.setrole = 0 AND s.setdatabase = (SELECT oid FROM pg_catalog.pg_database WHERE datname = pg_catalog.current_database())`);
    return r.rows[0] ?? {};
}
/**
 * The database's own settings back to `before`: RESET what was not set then, SET again what differed. Values may
 * be secrets: the report names the settings only.
 */
async function putSettingsBack(client, before) {
    const [was, is] = [
        await settingItems(client, before),
        await settingItems(client, (await databaseSettings(client)).text),
    ];
    const out = { undone: [], left: [] };
    const database = (await client.query('SELECT pg_catalog.current_database() AS d')).rows[0].d;
    for (const name of new Set([...was.keys(), ...is.keys()])) {
        if (was.get(name) === is.get(name))
            continue;
        const old = was.get(name);
        if (old !== undefined && LIST_SETTINGS.has(name)) {
            out.left.push(`the database's setting ${name} (a list: set it back with ALTER DATABASE … SET to its value at the backup)`);
            continue;
        }
        const sql = old === undefined ? 'RESET %I' : 'SET %I = %L';
        const statement = (await client.query(`SELECT pg_catalog.format('ALTER DATABASE %I ${sql}', $1::text, $2::text, $3::text) AS s`, [
            database,
            name,
            old,
        ])).rows[0].s;
        try {
            await client.query(statement);
            out.undone.push(old === undefined
                ? `the database's setting ${name} reset`
                : `the database's setting ${name} set back to its value at the backup`);
        }
        catch (err) {
            out.left.push(`the database's setting ${name} (putting it back failed: ${err.message})`);
        }
    }
    return out;
}
/** Drops an extension the run created, unless something depends on it: then it is named instead. */
async function dropExtension(client, e) {
    const oid = e.key.split('/')[1];
    const name = (await client.query('SELECT extname FROM pg_catalog.pg_extension WHERE oid = $1::oid', [oid])).rows[0]
        ?.extname;
    if (!name)
        return undefined;
    const statement = (await client.query("SELECT pg_catalog.format('DROP EXTENSION IF EXISTS %I', $1::text) AS s", [name])).rows[0].s;
    await client.query(statement);
    return `extension ${name} dropped`;
}
/**
 * `settingsAtStart`: the database's settings when the run started (right after its backup); put back only when they
 * were the backup's then (the metadata keeps their hash, never their values).
 */
async function afterRestore(client, recorded, runXids, settingsAtStart) {
    const major = await (0,server_version/* serverMajor */.j)(client);
    const byRun = (e) => e.xmin !== undefined && runXids.has(e.xmin);
    const out = { undone: [], left: [] };
    const first = await (0,catalog_state/* catalogState */.dU)(client, major);
    // 3079: pg_extension. An extension the run created is not in the dump: pg_restore left it.
    for (const e of first.filter((x) => x.key.startsWith('object:3079/') && !recorded[x.key] && byRun(x))) {
        const dropped = await dropExtension(client, e).catch((err) => void out.left.push(`an extension this run created (dropping it failed: ${err.message})`));
        if (dropped)
            out.undone.push(dropped);
    }
    // 2964: pg_db_role_setting; role 0: the database's own settings (ALTER DATABASE … SET).
    const databaseOid = first.find((e) => e.key.startsWith('object:1262/'))?.key.split('/')[1];
    const settings = first.find((e) => e.key === `setting:2964/${databaseOid}/0`);
    if (settings && settings.hash !== recorded[settings.key]?.[0] && byRun(settings)) {
        if (settingsAtStart.hash !== recorded[settings.key]?.[0])
            out.left.push(`the database's settings (changed by this run, and by another session before it started: not put back)`);
        else {
            const put = await putSettingsBack(client, settingsAtStart.text);
            out.undone.push(...put.undone);
            out.left.push(...put.left);
        }
    }
    const now = await (0,catalog_state/* catalogState */.dU)(client, major, { labels: true });
    const seen = new Set();
    for (const e of now) {
        seen.add(e.key);
        const was = recorded[e.key];
        if (was?.[0] === e.hash)
            continue;
        // Restored objects are new rows, written by pg_restore: a row the run wrote and the restore left is the run's.
        if ((0,catalog_changes/* isRestored */.Le)(e.key) || e.key.startsWith('setting:')) {
            if (byRun(e))
                out.left.push(`${e.label} (${was ? 'changed' : 'created'} by this run)`);
        }
        else if (e.key.startsWith('role:')) {
            if (!was)
                out.left.push(`${e.label}, new since the backup (a backup holds no roles: the restore leaves them)`);
        }
        else if (byRun(e))
            out.left.push(`${e.label} (${was ? 'changed' : 'set'} by this run; a backup does not hold it)`);
    }
    for (const [key, [, label]] of Object.entries(recorded)) {
        if (!seen.has(key) && !(0,catalog_changes/* isRestored */.Le)(key) && !key.startsWith('role:'))
            out.left.push(`${label} (removed since the backup; a backup does not hold it)`);
    }
    return out;
}

// EXTERNAL MODULE: ./src/backup/system-privileges.ts
var system_privileges = __webpack_require__(862);
// EXTERNAL MODULE: ./src/backup/restore-guard.ts
var restore_guard = __webpack_require__(740);
// EXTERNAL MODULE: ./src/migrations/ast-node.ts
var ast_node = __webpack_require__(7246);
;// CONCATENATED MODULE: ./src/migrations/created-names.ts

/** `[schema, name]` or `[name]` (a List of String nodes, as CREATE TYPE and CREATE FUNCTION write names). */
function qualified(kind, list) {
    const parts = (0,ast_node/* nodesOf */.Nh)(list, 'String').flatMap((n) => n.sval ?? []);
    if (!parts.length)
        return [];
    return [{ kind, name: parts[parts.length - 1], ...(parts.length > 1 ? { schema: parts[parts.length - 2] } : {}) }];
}
function relation(rangeVar, schema) {
    if (!rangeVar?.relname || rangeVar.relpersistence === 't')
        return [];
    const s = rangeVar.schemaname ?? schema;
    return [{ kind: 'relation', name: rangeVar.relname, ...(s ? { schema: s } : {}) }];
}
/** The names one statement creates; `schema` is CREATE SCHEMA's, for its elements. */
function createdBy(s, schema) {
    switch (s.kind) {
        case 'CreateStmt':
            return relation(s.node.relation, schema);
        case 'CreateSeqStmt':
            return relation(s.node.sequence, schema);
        case 'ViewStmt':
            return relation(s.node.view, schema);
        case 'CompositeTypeStmt':
            return relation(s.node.typevar, schema).map((c) => ({ ...c, kind: 'type' }));
        case 'CreateForeignTableStmt':
            return relation(s.node.base?.relation, schema);
        case 'CreateTableAsStmt':
            return relation(s.node.into?.rel, schema);
        case 'SelectStmt':
            return relation(s.node.intoClause?.rel, schema);
        case 'CreateEnumStmt':
        case 'CreateRangeStmt':
            return qualified('type', s.node.typeName);
        case 'CreateDomainStmt':
            return qualified('type', s.node.domainname);
        case 'DefineStmt':
            return s.node.kind === 'OBJECT_TYPE' ? qualified('type', s.node.defnames) : [];
        case 'CreateFunctionStmt':
            return qualified('function', s.node.funcname);
        case 'CreateSchemaStmt': {
            const name = s.node.schemaname;
            const elements = (s.node.schemaElts ?? []).flatMap((e) => createdBy((0,ast_node/* unwrap */.oA)(e), name));
            return name ? [{ kind: 'schema', name }, ...elements] : elements;
        }
        case 'RenameStmt': {
            // A renamed object is known by its new name from then on.
            const { renameType, relation: rel, newname } = s.node;
            if (!newname)
                return [];
            if (renameType === 'OBJECT_SCHEMA')
                return [{ kind: 'schema', name: newname }];
            if (rel)
                return relation({ ...rel, relname: newname });
            if (renameType === 'OBJECT_TYPE' || renameType === 'OBJECT_DOMAIN')
                return qualified('type', [
                    ...((0,ast_node/* nodeAs */.hK)(s.node.object, 'List')?.items ?? []).slice(0, -1),
                    { String: { sval: newname } },
                ]);
            return [];
        }
        case 'AlterObjectSchemaStmt':
            return s.node.relation ? relation({ ...s.node.relation, schemaname: s.node.newschema }) : [];
        default:
            return [];
    }
}
/** Schemas a statement puts on the search_path (SET search_path = a, b), where unqualified names may land. */
function searchPathOf(s) {
    if (s.kind !== 'VariableSetStmt' || s.node.name !== 'search_path')
        return [];
    return (s.node.args ?? [])
        .map((a) => (0,ast_node/* nodeAs */.hK)(a, 'A_Const')?.sval?.sval ?? (0,ast_node/* stringOf */.Je)(a))
        .filter((v) => typeof v === 'string' && v !== '$user');
}
/** Every name the statements create, and the schemas their own SET search_path named. */
function namesCreated(statements) {
    return { names: statements.flatMap((s) => createdBy(s)), searchPath: statements.flatMap(searchPathOf) };
}

// EXTERNAL MODULE: ./src/db/catalog/objects.ts
var catalog_objects = __webpack_require__(3322);
// EXTERNAL MODULE: ./src/db/session/identifiers.ts
var identifiers = __webpack_require__(801);
// EXTERNAL MODULE: ./src/db/session/xid-snapshot.ts
var xid_snapshot = __webpack_require__(4925);
;// CONCATENATED MODULE: ./src/db/history/own-transactions.ts


/**
 * The transactions a run committed since `since`, as far as their traces tell: every transactional migration
 * writes its history row inside its own transaction, so the row's xmin is that transaction; our own inserts and
 * updates of rows (dirty marks, checksums, baseline rows) leave theirs the same way; creating or adopting the
 * history table leaves its xmin on the table's catalog rows. Returns 32-bit ids (what xmin holds), only those
 * young enough to be since `since`.
 *
 * What leaves no trace is not found: the transactions a migration outside a transaction ran on its own, a
 * history row deleted (resolve-dirty: rerun), the first mark of a row updated since. Their owners count them as
 * someone else's.
 */
async function ownTransactions(client, history, since) {
    const table = (0,identifiers/* quoteTable */.Z8)(history);
    const exists = (await client.query('SELECT pg_catalog.to_regclass($1) IS NOT NULL AS e', [table])).rows[0].e;
    if (!exists)
        return new Set();
    const now = await (0,xid_snapshot/* currentSnapshot */.eL)(client);
    // age(xmin) counts back from the next id: anything at or after since.xmin is at most this old (plus the ids
    // handed out while this runs).
    const maxAge = Math.min(Number(BigInt(now.next ?? now.xmax) - BigInt(since.xmin)) + 10_000, 2 ** 31 - 1);
    const r = await client.query(`SELECT DISTINCT (x::text::int8 % ${xid_snapshot/* XID32 */.pR}) AS x FROM (
       SELECT h.xmin AS x FROM ${table} h
       UNION ALL SELECT c.xmin FROM pg_catalog.pg_class c WHERE c.oid = $1::regclass
       UNION ALL SELECT a.xmin FROM pg_catalog.pg_attribute a WHERE a.attrelid = $1::regclass
       UNION ALL SELECT n.xmin FROM pg_catalog.pg_namespace n WHERE n.nspname = $2
     ) t WHERE pg_catalog.age(x) <= $3`, [table, history.schema, maxAge]);
    return new Set(r.rows.map((row) => Number(row.x)));
}

// EXTERNAL MODULE: ./src/engine/backup-run.ts + 2 modules
var backup_run = __webpack_require__(7765);
;// CONCATENATED MODULE: ./src/db/catalog/catalog-witness.ts

/**
 * What a run's own transactions did to the catalog, learnt from inside them (see witnessSql): their ids, and the
 * entries they removed. With it, on-failure: restore tells the run's changes from others' without reading the
 * migrations' text: a changed or new entry is the run's when one of these transactions wrote it last, a removed
 * one when a transaction of the run held its object locked and left it absent.
 */
class CatalogWitness {
    inTransaction;
    /** The run's transactions (32-bit ids) that reached their COMMIT. */
    xids = new Set();
    /** Per witnessed transaction: the objects it held locked, and their entries as it left them. */
    ends = [];
    /** Objects the run dropped outside a transaction of its own (an invalid index left by a failed build). */
    dropped = new Set();
    constructor(major) {
        this.inTransaction = (0,catalog_state/* witnessSql */.Cc)(major);
    }
    seen(rows) {
        const end = { locked: new Set(), entries: new Set() };
        for (const row of rows) {
            const value = String(row.value);
            if (row.what === 'xid')
                this.xids.add(Number(value));
            else if (row.what === 'locked')
                end.locked.add(value);
            else
                end.entries.add(value);
        }
        this.ends.push(end);
    }
    /** Statements outside a transaction leave no trace to witness: what they change counts as others'. */
    async before() { }
    async after() { }
    /** An object (`classid/objid`) the run dropped itself, on its own session. */
    droppedObject(object) {
        this.dropped.add(object);
    }
    /** Whether the entry `key`, which existed when the run started, was removed by one of the run's transactions. */
    removedByRun(key) {
        const object = (0,catalog_state/* objectOf */.Xy)(key);
        return this.dropped.has(object) || this.ends.some((e) => e.locked.has(object) && !e.entries.has(key));
    }
}

// EXTERNAL MODULE: ./src/db/catalog/preflight.ts
var preflight = __webpack_require__(1341);
// EXTERNAL MODULE: ./src/migrations/plan-hash.ts
var plan_hash = __webpack_require__(7723);
;// CONCATENATED MODULE: ./src/engine/safety.ts











/** Whether on-failure may restore the pre-apply backup: the run then keeps what it needs to tell its changes from others'. */
const mayRestore = (run) => ['restore', 'undo-or-restore'].includes(run.config.onFailure);
/** A backup of the run's target, labelled and uploaded beside the run's other backups. */
function backupOf(run, label) {
    return (0,backup_run/* backupFor */.i)(run.config, run.ctx, {
        label,
        planHash: run.report.planHash,
        nameSuffix: label === 'pre-apply' ? '' : '-post',
    });
}
/**
 * The plan is sound, and is the one approved (expected-plan): otherwise nothing is changed. An approval made on
 * another database is said first, whatever else is wrong: re-planning here would not help until the plan job and
 * this one reach the same database.
 */
async function checkPlan(run) {
    const { config, report } = run;
    const approved = config.expectedPlan ? (0,plan_hash/* parsePlanHash */.bc)(config.expectedPlan) : undefined;
    // The input is checked when read; a value that is not a plan hash must still never let the run through.
    if (config.expectedPlan && !approved)
        throw new errors/* InputError */.dz([`expected-plan: ${(0,plan_hash/* planHashProblem */.pu)(config.expectedPlan)}`]);
    const approval = approved && (0,plan_hash/* compareWithApproved */.DU)(approved, run.identity, (0,identifiers/* tableText */.qK)(config.historyTable), run.plan);
    const elsewhere = approved && approval && otherDatabase(approved.target, run.identity, approval);
    if (elsewhere) {
        (0,model_report/* addFinding */.Xd)(report, {
            rule: 'plan-target-mismatch',
            severity: 'error',
            message: `${elsewhere}; nothing was changed`,
            help: 'Point the plan job and this job at the same database (a replica of it, a pooler or another host name for its server is fine: the plan hash names the database as the server knows it), then run the plan job again and approve that plan.',
        });
        return false;
    }
    if (!report.ok)
        return false;
    if (approval?.verdict === 'changed') {
        (0,model_report/* addFinding */.Xd)(report, {
            rule: 'plan-mismatch',
            severity: 'error',
            message: `the plan is ${report.planHash}, not the approved ${config.expectedPlan}: a migration was added or edited after approval, or the database moved on (newest applied now: ${run.plan.lastApplied?.text ?? 'none'}); nothing was changed`,
            help: 'Run the plan job again, review the new plan, and approve that one.',
        });
        return false;
    }
    if (approved && approval?.verdict === 'approved' && !approval.serverChecked) {
        report.notes.push(`the approved plan does not name its server (the plan's role may not call pg_control_system()): the database was matched by its name and oid, and the history by when each migration was applied`);
    }
    return true;
}
const named = (t) => `${t.name} (oid ${t.oid})`;
/** What says the approved plan was made on another database than this one, or undefined when it was not. */
function otherDatabase(approved, here, approval) {
    if (approval.verdict === 'server-unchecked') {
        return `the plan was approved on the database ${named(approved)} of the server ${approved.systemIdentifier}, and this role may not call pg_control_system() to show this is that server; GRANT EXECUTE ON FUNCTION pg_catalog.pg_control_system() TO this job's role, or make the plan with a role that cannot read it either`;
    }
    if (approval.verdict === 'other-server') {
        return `the plan was approved on the database ${approved.name} of another server: that server's system identifier is ${approved.systemIdentifier}, this one's is ${here.systemIdentifier}`;
    }
    if (approval.verdict !== 'other-database')
        return undefined;
    if (approval.sameServer)
        return `the plan was approved on the database ${named(approved)} of this server (system identifier ${here.systemIdentifier}), not on ${named(here)}`;
    const unknown = approved.systemIdentifier
        ? "this role may not read this server's system identifier"
        : 'the approved plan does not name its server';
    return `the plan was approved on the database ${named(approved)}, not on ${named(here)}; ${unknown}, so it may be another server too`;
}
/** Sessions that would block the migrations: reported, and with preflight: strict, the run does not start. */
async function safety_preflight(run) {
    const { config, report } = run;
    if (!run.analysed.length)
        return true;
    const sessions = await (0,preflight/* blockingSessions */.rm)(run.client, run.analysed);
    for (const s of sessions) {
        (0,model_report/* addFinding */.Xd)(report, {
            rule: 'blocking-session',
            severity: config.preflight === 'strict' ? 'error' : 'warning',
            message: `${(0,preflight/* describeSession */._0)(s)} holds ${s.mode} on ${s.relation}: a migration locking ${s.relation} would wait behind it, and queries behind the migration${s.query ? `: ${s.query}` : ''}`,
            help: 'Let it finish or end it (SELECT pg_terminate_backend(pid)) before applying; preflight: strict refuses to start while such sessions exist.',
        });
    }
    // The backup taken next waits for every table's ACCESS SHARE lock: a session holding ACCESS EXCLUSIVE on any
    // table would hold it up until backup-lock-timeout.
    const reported = new Set(sessions.map((s) => s.pid));
    const blockingBackup = config.backup && !run.ctx.throwaway ? (await (0,preflight/* dumpBlockers */.uK)(run.client)).filter((s) => !reported.has(s.pid)) : [];
    for (const s of blockingBackup) {
        (0,model_report/* addFinding */.Xd)(report, {
            rule: 'blocking-session',
            severity: config.preflight === 'strict' ? 'error' : 'warning',
            message: `${(0,preflight/* describeSession */._0)(s)} holds ACCESS EXCLUSIVE on ${s.relation}: the backup taken before the migrations would wait behind it (up to backup-lock-timeout)${s.query ? `: ${s.query}` : ''}`,
            help: 'Let it finish or end it (SELECT pg_terminate_backend(pid)) before applying; preflight: strict refuses to start while such sessions exist.',
        });
    }
    return !(config.preflight === 'strict' && (sessions.length || blockingBackup.length));
}
/** A verified backup before anything is written; no backup, no apply (unless backup: false). */
async function backupFirst(run) {
    const { config, ctx, report } = run;
    if (!run.analysed.length)
        return true;
    if (!config.backup)
        report.notes.push('backup: false — no backup was taken before applying');
    else if (ctx.throwaway)
        report.notes.push('no backup: the database is a throwaway server');
    else {
        try {
            report.backup = await backupOf(run, 'pre-apply');
            ctx.log.info(`backup taken: ${report.backup.path} (${report.backup.size} bytes, sha256 ${report.backup.sha256})`);
        }
        catch (err) {
            // A cancel is the run's outcome, not the backup's failure: the pipeline reports it.
            if (err instanceof errors.CancelledError)
                throw err;
            (0,model_report/* addFinding */.Xd)(report, {
                rule: 'backup-failed',
                severity: 'error',
                message: `no migration was applied because the backup failed: ${err.message}`,
                help: 'Fix the backup (pg_dump version, backup-dir, artifact upload), or set backup: false deliberately.',
            });
            return false;
        }
    }
    if (mayRestore(run) && report.backup) {
        run.objectsBefore = new Set((await (0,catalog_objects/* userObjects */.Sv)(run.client)).map((o) => o.drop));
        const major = await (0,server_version/* serverMajor */.j)(run.client);
        run.catalogAtStart = new Map((await (0,catalog_state/* catalogState */.dU)(run.client, major)).map((e) => [e.key, e.hash]));
        run.catalogWitness = new CatalogWitness(major);
        run.settingsAtStart = await databaseSettings(run.client);
    }
    return true;
}
/** Invalid indexes an earlier failed CREATE INDEX CONCURRENTLY left: dropped, so they are built again. */
async function dropLeftoverIndexes(run) {
    for (const index of await (0,preflight/* leftoverInvalidIndexes */.lZ)(run.client, run.analysed)) {
        const oid = (await run.client.query('SELECT pg_catalog.to_regclass($1)::oid AS oid', [index])).rows[0].oid;
        await (0,preflight/* dropInvalidIndex */.VW)(run.client, index);
        // 1259: pg_class, the catalog an index is an object of.
        if (oid)
            run.catalogWitness?.droppedObject(`1259/${oid}`);
        (run.untraced ??= []).push(`dropping the invalid index ${index}`);
        run.report.notes.push(`dropped the invalid index ${index} left by an earlier failed CREATE INDEX CONCURRENTLY, so it is built again`);
    }
    return true;
}

// EXTERNAL MODULE: ./src/db/session/advisory-lock.ts
var advisory_lock = __webpack_require__(1332);
// EXTERNAL MODULE: ./src/db/history/table.ts + 12 modules
var history_table = __webpack_require__(6704);
// EXTERNAL MODULE: ./src/db/runner/runner.ts + 3 modules
var runner = __webpack_require__(1623);
// EXTERNAL MODULE: ./src/db/session/session.ts
var session_session = __webpack_require__(237);
// EXTERNAL MODULE: ./src/migrations/parse.ts + 2 modules
var parse = __webpack_require__(5493);
// EXTERNAL MODULE: ./src/migrations/transaction-mode.ts + 1 modules
var transaction_mode = __webpack_require__(3971);
;// CONCATENATED MODULE: ./src/db/history/settle.ts

/**
 * Applies the plan's bookkeeping before any migration runs, in one transaction: accepted edits and adopted
 * rows get the file's checksum, a resolved dirty row is cleared or marked done, baseline rows are recorded.
 * Returns one sentence per change for the report.
 */
async function settleHistory(client, table, plan, appliedBy) {
    const notes = [];
    for (const { migration, row } of plan.accepted) {
        await (0,history_table/* setChecksum */.SA)(client, table, row, migration);
        notes.push(`accepted the edit of ${migration.up.file}: recorded checksum ${row.checksum} replaced by the file's`);
    }
    for (const { migration, row } of plan.unverified)
        await (0,history_table/* setChecksum */.SA)(client, table, row, migration);
    if (plan.unverified.length)
        notes.push(`recorded checksums for ${plan.unverified.length} migration(s) adopted without one`);
    if (plan.resolved) {
        const { row, as } = plan.resolved;
        if (as === 'rerun')
            await (0,history_table/* forgetRow */.gd)(client, table, row, plan.applied.map((a) => a.row));
        else
            await (0,history_table/* markFinished */.UI)(client, table, row.id, row.executionMs ?? 0);
        notes.push(`dirty migration ${row.name} resolved as ${as === 'rerun' ? 'undone: it runs again' : 'finished by hand: marked applied'}`);
    }
    for (const migration of plan.baseline)
        await (0,history_table/* recordApplied */.RC)(client, table, migration, `${appliedBy} (baseline)`);
    if (plan.baseline.length)
        notes.push(`baseline: recorded ${plan.baseline.length} migration(s) as applied without running them`);
    return notes;
}

// EXTERNAL MODULE: ./src/db/session/transaction.ts
var transaction = __webpack_require__(4825);
;// CONCATENATED MODULE: ./src/engine/run-pending.ts












/** Creates or adopts the history table and records the plan's bookkeeping (accepted edits, baseline, …). */
async function prepareHistory(run) {
    const { client, history, report } = run;
    const state = await (0,transaction/* withTransaction */.r)(client, () => (0,history_table/* ensureHistoryTable */.r0)(client, history));
    if (state !== 'ready')
        report.notes.push(`history table ${(0,identifiers/* tableText */.qK)(history)} ${state === 'created' ? 'created' : 'adopted: columns added, rows kept'}`);
    report.notes.push(...(await (0,transaction/* withTransaction */.r)(client, () => settleHistory(client, history, run.plan, run.ctx.appliedBy))));
    return true;
}
/** Who holds the locks a migration waited for, to name in its failure. */
async function blockers(client, a) {
    const sessions = await (0,preflight/* blockingSessions */.rm)(client, [a], 0).catch(() => []);
    if (!sessions.length)
        return '';
    return `; blocked by ${sessions
        .slice(0, 3)
        .map((s) => `${(0,preflight/* describeSession */._0)(s, `${s.mode} on ${s.relation}`)}${s.query ? `: ${s.query}` : ''}`)
        .join('; ')}`;
}
/** A transaction older than this, holding a lock on a migration's table, is waited for before a retry. */
const LONG_TRANSACTION_S = 1;
const POLL_MS = 200;
/**
 * Before a retry after a lock timeout: waits, outside the lock queue (where nothing queues behind us), for the
 * long transactions holding the migration's tables to end, naming them once, for at most `leftMs`. An autovacuum
 * is not waited for: PostgreSQL cancels one for a lock waiter after deadlock_timeout, so the next attempt gets a
 * lock_timeout just longer than that (unless it prevents wraparound, which PostgreSQL does not cancel).
 */
async function waitOutsideTheQueue(run, a, leftMs) {
    const until = performance.now() + leftMs;
    let named = false;
    while (performance.now() < until && !run.ctx.signal?.aborted) {
        const found = await (0,preflight/* blockingSessions */.rm)(run.client, [a], LONG_TRANSACTION_S).catch(() => []);
        const sessions = found.filter((s) => !s.autovacuum);
        if (!sessions.length) {
            if (!found.some((s) => s.autovacuum && !s.autovacuum.wraparound))
                return {};
            const deadlock = await run.client
                .query("SELECT pg_catalog.current_setting('deadlock_timeout') AS v")
                .then((r) => durationSettingMs(r.rows[0].v));
            return { lockTimeoutMs: Math.max(run.config.lockTimeoutMs, deadlock + 500) };
        }
        if (!named) {
            run.ctx.log.info(`${a.migration.name}: waiting outside the lock queue for ${sessions
                .slice(0, 3)
                .map((s) => (0,preflight/* describeSession */._0)(s, `${s.mode} on ${s.relation}`))
                .join('; ')}`);
            named = true;
        }
        await new Promise((resolve) => setTimeout(resolve, Math.min(POLL_MS, Math.max(0, until - performance.now()))));
    }
    return {};
}
/** A duration setting as current_setting() shows it (`1s`, `500ms`, `1min`), in milliseconds. */
function durationSettingMs(v) {
    const m = /^(\d+)\s*(ms|s|min|h)?$/.exec(v.trim());
    if (!m)
        return 1000;
    return Number(m[1]) * { ms: 1, s: 1000, min: 60_000, h: 3_600_000 }[m[2] ?? 'ms'];
}
/**
 * Runs the pending migrations in order, each on a session as fresh as psql -f's, stopping at the first failure:
 * it rolls back (or stays dirty, if it ran outside a transaction); what ran before it stays applied and recorded.
 */
async function runPending(run) {
    if (!run.analysed.length)
        return true;
    const session = await session_session/* MigrationSession */.P.open(run.ctx.databaseUrl, run.lockKey);
    try {
        await run.ctx.log.group(`apply ${run.analysed.length} migration(s)`, () => runEach(run, session));
    }
    finally {
        await session.close();
    }
    if (run.longestStallMs !== undefined) {
        run.report.lockStallMs = run.longestStallMs;
        run.report.notes.push(`application queries on the migrated tables could have waited at most ${run.longestStallMs} ms behind this run's locks (the longest attempt of a transactional migration, from its BEGIN to its end; lock-timeout ${run.config.lockTimeoutMs} ms bounds its wait in the queue)`);
    }
    return run.report.ok;
}
async function runEach(run, session) {
    const { config, ctx, report } = run;
    const record = {
        table: run.history,
        appliedBy: ctx.appliedBy,
        control: run.client,
        fence: (0,advisory_lock/* lockFence */.Nt)(run.lockKey, run.controlPid),
    };
    for (const a of run.analysed) {
        const { migration, exec } = a;
        if (ctx.signal?.aborted)
            return cancelled(run, `before ${migration.name} started`);
        const stopCancelling = ctx.signal && cancelOnAbort(ctx.signal, run.client, run.lockKey);
        run.started += 1;
        try {
            const beforeRetry = (leftMs) => waitOutsideTheQueue(run, a, leftMs);
            const attempted = (ms) => void (run.longestStallMs = Math.max(run.longestStallMs ?? 0, ms));
            const r = await (0,runner/* runMigration */.GD)(session, migration, exec, {
                ...config,
                lockBudgetMs: config.lockWaitMs,
                beforeRetry,
                attempted,
                record,
                signal: ctx.signal,
                witness: run.catalogWitness,
                countWrites: mayRestore(run),
            }, ctx.log);
            for (const [table, rows] of Object.entries(r.writes))
                run.ownWrites.set(table, (run.ownWrites.get(table) ?? 0) + rows);
            report.applied.push({
                version: migration.version.text,
                name: migration.name,
                durationMs: r.durationMs,
                transaction: exec.mode === 'transaction',
                attempts: r.attempts,
            });
            ctx.log.info(`applied ${migration.name} in ${r.durationMs} ms${exec.mode === 'transaction' ? '' : ' (no transaction)'}`);
        }
        catch (err) {
            const e = err instanceof errors/* MigrationError */.Py
                ? err
                : new errors/* MigrationError */.Py((0,failure_findings/* findingsFor */.I)(err, ctx.debug)[0].message, {
                    sqlstate: err.code,
                    cause: err,
                });
            const outcome = exec.mode === 'transaction' ? 'rolled back' : 'it ran outside a transaction and is marked dirty';
            if (ctx.signal?.aborted && e.details.sqlstate === '57014')
                return cancelled(run, `while ${migration.name} ran: ${outcome}`, e, exec.mode === 'transaction' ? undefined : migration);
            if ((0,advisory_lock/* lockLost */.wV)(e))
                return lostLock(run, migration.name, e);
            if (e.details.sqlstate === '55P03')
                e.message += await blockers(run.client, a);
            (0,model_report/* addFinding */.Xd)(report, {
                rule: 'apply-failed',
                severity: 'error',
                message: `${migration.name} failed: ${e.message} — ${outcome}`,
                help: e.details.hint,
                sqlstate: e.details.sqlstate,
                ...(0,model_report/* locationFields */.nQ)(e.details.location),
            });
            return;
        }
        finally {
            stopCancelling?.();
        }
    }
}
/**
 * After a failed run (once on-failure is over, in the production apply): what of this run's migrations stays
 * applied and recorded, as afterFailure and `undone` say. Written once, at the end, so that no note claims
 * migrations stay applied that an undo or a restore took back.
 */
function noteWhatStays(report) {
    if (report.ok || !report.pending.length)
        return;
    const kept = report.applied.map((a) => a.name);
    const undone = (report.undone ?? []).map((u) => u.name);
    const n = kept.length + undone.length;
    const ran = `this run applied ${n} migration(s) before it stopped`;
    if (!n)
        report.notes.push('nothing was applied by this run');
    else if (report.afterFailure === 'restored')
        report.notes.push(`${ran}; on-failure: restore took them back with the pre-apply backup: none stays applied or recorded`);
    else if (!undone.length)
        report.notes.push(`${ran}; they stay applied and recorded`);
    else if (!kept.length)
        report.notes.push(`${ran}; on-failure: undo undid them all with their down scripts (${undone.join(', ')}): none stays applied or recorded`);
    else
        report.notes.push(`${ran}; on-failure: undo undid ${undone.length} with their down scripts (${undone.join(', ')}) before it stopped; ${kept.length} stay applied and recorded (${kept.join(', ')})`);
}
/** The lock fence stopped the run before a migration: said as a lost lock, with its likely cause and the fix. */
function lostLock(run, name, err) {
    (0,model_report/* addFinding */.Xd)(run.report, {
        rule: 'lock-lost',
        severity: 'error',
        message: `this run lost its lock (the session that took it no longer holds its advisory lock), so ${name} was not started; another run may hold the lock now`,
        help: "A likely cause: database-url goes through a pooler in transaction mode (PgBouncer's pool_mode=transaction, Supabase's port 6543, Neon's -pooler hosts), which runs each transaction on whichever server session is free; use the direct URL or the pooler's session-mode URL. Otherwise the lock's connection was lost (an idle timeout, the network): run again.",
        ...(0,model_report/* locationFields */.nQ)(err.details.location),
    });
}
/** The run was cancelled: said as such (noteWhatStays says what it had applied). */
function cancelled(run, when, err, partWay) {
    const reason = String(run.ctx.signal?.reason ?? 'cancelled');
    run.report.cancelled = reason;
    (0,model_report/* addFinding */.Xd)(run.report, {
        rule: 'cancelled',
        severity: 'error',
        message: `cancelled (${reason}) ${when}; the pending migrations after it were not run`,
        help: partWay
            ? stoppedPartWay(run, partWay)
            : 'Run again to apply the rest; each migration either committed with its history row or not at all.',
        ...(0,model_report/* locationFields */.nQ)(err?.details.location),
    });
}
/** What to do after a migration outside a transaction was stopped part-way: the next run cannot know how far it got. */
function stoppedPartWay(run, m) {
    const v = m.version.text;
    if (!run.history.layout.marksDirty) {
        return `${m.name} ran outside a transaction and was stopped part-way, and ${(0,identifiers/* tableText */.qK)(run.config.historyTable)} has no place to mark it: the next run runs it again from the start. Look at what of it ran; make it safe to re-run (IF NOT EXISTS) or finish it by hand, then run again.`;
    }
    return `${m.name} ran outside a transaction and was stopped part-way: it is marked dirty, and the next run refuses until you say how it ended. Look at what of it ran, then run again with resolve-dirty: ${v}=rerun (it runs again from the start) or ${v}=applied (you finished it by hand).`;
}
/**
 * Once the signal is aborted, cancels whatever the migrating session is running, from our own session, and
 * keeps asking until the migration has ended (a cancel that arrives between two queries cancels nothing).
 * Returns the function that stops asking.
 */
function cancelOnAbort(signal, control, key) {
    let timer;
    const cancel = () => void (0,advisory_lock/* cancelMigrating */.P0)(control, key).catch(() => undefined);
    const onAbort = () => {
        cancel();
        timer = setInterval(cancel, 250);
    };
    if (signal.aborted)
        onAbort();
    else
        signal.addEventListener('abort', onAbort, { once: true });
    return () => {
        signal.removeEventListener('abort', onAbort);
        if (timer)
            clearInterval(timer);
    };
}

;// CONCATENATED MODULE: ./src/engine/undo.ts










/**
 * on-failure: undo — the migrations this run applied before it failed are undone with their own down scripts,
 * newest first, each in one transaction with the removal of its history row, so the database and the history agree
 * after every step. Unlike a restore, this takes back only what the migrations did: rows other sessions committed
 * meanwhile, in any table, stay.
 *
 * What a careful user expects, and so what it does:
 * - All or nothing up front: when any of them has no down script, or one that cannot be parsed or could never run,
 *   nothing is undone and the report names each; a half-undone run is worse than either end.
 * - The failed migration itself rolled back, so it needs no undoing. When it ran outside a transaction it stopped
 *   part-way (marked dirty where the history table can say so): what of it ran cannot be known, its down script may
 *   not fit, and undoing the ones before it under a half-applied one may fail or leave a mix. Undo refuses entirely
 *   then; resolve-dirty is the fix, once someone has looked.
 * - The first down script that fails stops it: a transactional one rolled back with its row, so that migration and
 *   those before it stay applied and recorded, and the report says which. One that ran outside a transaction (as
 *   psql would, statement by statement) may have run in part and keeps its row; the report says so.
 * - A down script runs as verify's round trip ran it: in a transaction unless it cannot (CONCURRENTLY, …), without a
 *   lock retry (a lock timeout stops the undo like any failure), the lock fence checked inside its transaction.
 *
 * Returns true when nothing this run applied stays applied (every one undone, or none to undo). With `fallback`
 * (undo-or-restore) a refusal is a note, since the restore that follows reports the outcome; a down script that
 * failed is a finding either way, naming its file and line.
 */
async function undoApplied(run, fallback) {
    const { report } = run;
    const applied = report.applied.map((e) => run.analysed.find((a) => a.migration.name === e.name));
    const failed = halfApplied(run);
    if (failed) {
        const marked = run.history.layout.marksDirty
            ? 'it is marked dirty'
            : `${(0,identifiers/* tableText */.qK)(run.history)} keeps no dirty mark, so it is not recorded at all`;
        refuse(run, fallback, `${failed.migration.name} ran outside a transaction and failed part-way (${marked}): what of it ran cannot be known, and undoing the migrations before it under a half-applied one may fail or leave a mix`, `look at the database, then settle ${failed.migration.name} with resolve-dirty: ${failed.migration.version.text}=rerun (once what it did is undone) or =applied (once it is finished by hand)`);
        return false;
    }
    if (!applied.length)
        return true;
    const plans = await downPlans([...applied].reverse());
    const lacking = plans.filter((p) => 'why' in p);
    if (lacking.length) {
        const why = lacking.map((p) => `${p.migration.name} ${p.why}`).join('; ');
        refuse(run, fallback, why, "add the missing down scripts (up-down-files: NNN_name.down.sql beside NNN_name.up.sql) and check them with verify's round trip, or fix forward with a new migration", lacking.find((p) => p.error)?.error);
        return false;
    }
    // Whatever a failed step left open on our session (a health check's BEGIN, an aborted transaction holding its
    // locks) would hold up the down scripts: it is ended first. Outside a transaction ROLLBACK only warns.
    await run.client.query('ROLLBACK');
    const session = await session_session/* MigrationSession */.P.open(run.ctx.databaseUrl, run.lockKey);
    try {
        for (const plan of plans) {
            if (!(await undoOne(run, session, plan, fallback)))
                return false;
        }
    }
    finally {
        await session.close();
    }
    const undone = report.undone ?? [];
    report.notes.push(`on-failure: undo — undone with their down scripts, newest first, each with its history row: ${undone.map((u) => `${u.name} (${u.downFile}, ${u.durationMs} ms${u.transaction ? '' : ', no transaction'})`).join(', ')}`);
    report.afterFailure = 'undone';
    return true;
}
/**
 * After on-failure: the migrations undone leave `applied`, so that the list, the `applied` output and the
 * renderers name only what stays applied. Run once on-failure is over: the restore that may follow an undo that
 * stopped part-way counts the run's migrations by `applied` as they ran.
 */
function settleUndone(report) {
    const undone = new Set((report.undone ?? []).map((u) => u.name));
    report.applied = report.applied.filter((a) => !undone.has(a.name));
}
/** The migration this run started and did not finish, when it ran outside a transaction: part of it may have run. */
function halfApplied(run) {
    const failed = run.started > run.report.applied.length ? run.analysed[run.report.applied.length] : undefined;
    return failed && failed.exec.mode !== 'transaction' ? failed : undefined;
}
/** Each migration's down script, parsed and planned as verify's round trip runs it, or why it has none that can run. */
async function downPlans(migrations) {
    const out = [];
    for (const { migration } of migrations) {
        const down = migration.down;
        if (!down) {
            out.push({ migration, why: 'has no down script' });
            continue;
        }
        try {
            out.push({ migration, down, exec: (0,transaction_mode/* executionPlan */.WP)(await (0,parse/* parseScript */.tl)(down), false) });
        }
        catch (err) {
            if (!(err instanceof errors/* MigrationError */.Py))
                throw err;
            const at = err.details.location ? `${(0,errors/* formatLocation */.j$)(err.details.location)}: ` : '';
            out.push({ migration, why: `has a down script that cannot run (${at}${err.message})`, error: err });
        }
    }
    return out;
}
/** Nothing was undone, and why (at: the down script that cannot be parsed): a finding, or a note where a restore follows. */
function refuse(run, fallback, why, fix, at) {
    const n = run.report.applied.length;
    if (fallback) {
        run.report.notes.push(`on-failure: undo-or-restore — nothing was undone: ${why}; falling back to restoring the pre-apply backup`);
        return;
    }
    (0,model_report/* addFinding */.Xd)(run.report, {
        rule: 'undo-refused',
        severity: 'error',
        message: `on-failure: undo refused, nothing was undone: ${why}`,
        help: `${n ? `The ${n} migration(s) this run applied stay applied and recorded. ` : ''}To undo next time, ${fix}; on-failure: undo-or-restore restores the pre-apply backup when undo cannot run.`,
        ...(0,model_report/* locationFields */.nQ)(at?.details.location),
    });
}
/**
 * A transactional down script that hit lock-timeout rolled back whole, its history row with it: it is tried
 * again as a migration is, stepping aside for long transactions on its tables, until lock-wait has passed.
 */
async function retryingLockTimeouts(run, a, once) {
    const first = performance.now();
    for (let attempt = 0;; attempt++) {
        try {
            return await once();
        }
        catch (err) {
            const code = err instanceof errors/* MigrationError */.Py ? err.details.sqlstate : err.code;
            const leftMs = run.config.lockWaitMs - (performance.now() - first);
            if (a.exec.mode !== 'transaction' ||
                code !== '55P03' ||
                attempt >= run.config.lockRetries ||
                leftMs <= 0 ||
                run.ctx.signal?.aborted)
                throw err;
            run.ctx.log.warn(`${a.migration.name}: lock timeout while undoing it, retry ${attempt + 1} (${Math.round(leftMs / 1000)} s of lock-wait left)`);
            await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 100));
            await waitOutsideTheQueue(run, a, leftMs);
        }
    }
}
/** Undoes one migration; false, with a finding, when its down script failed and the undo stops there. */
async function undoOne(run, session, { migration, down, exec }, fallback) {
    const { config, ctx, report } = run;
    const started = performance.now();
    try {
        if (ctx.signal?.aborted)
            throw new errors/* MigrationError */.Py(`cancelled (${String(ctx.signal.reason)}) before it ran`, { sqlstate: '57014' });
        const once = () => (0,runner/* undoMigration */.XB)(session, migration, down, exec, {
            ...config,
            signal: ctx.signal,
            witness: run.catalogWitness,
            fence: (0,advisory_lock/* lockFence */.Nt)(run.lockKey, run.controlPid),
            control: run.client,
        }, (c) => forget(run, c, migration));
        const writes = await retryingLockTimeouts(run, { migration, exec }, once);
        // For a restore that may follow: what the down script wrote is this run's own, like what its migration wrote.
        for (const [table, rows] of Object.entries(writes))
            run.ownWrites.set(table, (run.ownWrites.get(table) ?? 0) + rows);
        if (exec.mode !== 'transaction')
            (run.untraced ??= []).push(`the down script of ${migration.name} ran outside a transaction, so what it wrote cannot be told from others’ writes`);
        const durationMs = Math.round(performance.now() - started);
        (report.undone ??= []).push({
            version: migration.version.text,
            name: migration.name,
            downFile: down.file,
            durationMs,
            transaction: exec.mode === 'transaction',
        });
        ctx.log.info(`undone ${migration.name} with ${down.file} in ${durationMs} ms${exec.mode === 'transaction' ? '' : ' (no transaction)'}`);
        return true;
    }
    catch (err) {
        const e = err instanceof errors/* MigrationError */.Py
            ? err
            : new errors/* MigrationError */.Py(err.message, { sqlstate: err.code, cause: err });
        const undone = new Set((report.undone ?? []).map((u) => u.name));
        const stay = report.applied.filter((a) => !undone.has(a.name)).map((a) => a.name);
        const what = (0,advisory_lock/* lockLost */.wV)(e)
            ? `this run lost its advisory lock (another run may hold it now), so the down script of ${migration.name} did not run`
            : `the down script of ${migration.name} failed: ${e.message} — ${exec.mode === 'transaction' ? 'rolled back with its history row' : 'it ran outside a transaction, so what of it ran stays done, and the history still records the migration as applied'}`;
        (0,model_report/* addFinding */.Xd)(report, {
            rule: 'undo-failed',
            severity: 'error',
            message: `on-failure: undo stopped: ${what}`,
            help: `${undone.size ? `Undone: ${[...undone].join(', ')}. ` : 'Nothing was undone. '}${fallback
                ? 'on-failure: undo-or-restore restores the pre-apply backup next: the notes say what stays applied.'
                : `Still applied and recorded: ${stay.join(', ')}.`} Fix the down script at the line given; then fix forward with a new migration, or undo by hand: each down script with its history row in one transaction.`,
            sqlstate: e.details.sqlstate,
            ...(0,model_report/* locationFields */.nQ)(e.details.location ?? { file: down.file, line: down.startLine, column: 1 }),
        });
        return false;
    }
}
/**
 * Takes the migration's row out of the history, on the client given (inside the down script's transaction, or
 * our own session): read there, so the row is the one committed now, and named by the migrations the plan knows.
 */
async function forget(run, client, m) {
    const { plan } = run;
    const known = new Map([...plan.applied.map((a) => a.migration), ...plan.baseline, ...plan.outOfOrder, ...plan.pending].map((x) => [
        x.name,
        x,
    ]));
    const rows = (await (0,history_table/* readHistory */.Lu)(client, run.history, [...known.values()])) ?? [];
    const row = rows.find((r) => r.name === m.name);
    if (!row)
        throw new Error(`${(0,identifiers/* tableText */.qK)(run.history)} has no row for ${m.name}: the history changed during the run`);
    await (0,history_table/* forgetRow */.gd)(client, run.history, row, rows);
}

;// CONCATENATED MODULE: ./src/engine/aftercare.ts












/** The health check: must succeed, and a returned row's first column must be true. */
async function healthCheck(run) {
    const { config, report } = run;
    if (!report.applied.length || !config.healthCheck)
        return true;
    let problem;
    try {
        const r = await run.client.query(config.healthCheck);
        const rows = Array.isArray(r) ? r[r.length - 1].rows : r.rows;
        const first = rows[0] ? Object.values(rows[0])[0] : true;
        if (first !== true)
            problem = `it returned ${JSON.stringify(first)}, not true`;
    }
    catch (err) {
        problem = err.message;
    }
    if (problem)
        (0,model_report/* addFinding */.Xd)(report, {
            rule: 'health-check-failed',
            severity: 'error',
            message: `the health check failed after the migrations: ${problem}`,
            help: 'The migrations are applied; check the application, and restore the backup if the database is not usable.',
        });
    else
        report.notes.push('health check passed');
    return !problem;
}
/** A backup of the migrated database, the new baseline. */
async function postBackup(run) {
    const { config, ctx, report } = run;
    if (!report.applied.length || !config.postBackup || !config.backup || ctx.throwaway)
        return true;
    report.postBackup = await backupOf(run, 'post-apply');
    report.notes.push(`post-migration backup: ${report.postBackup.path} (sha256 ${report.postBackup.sha256})`);
    return true;
}
/**
 * After a failure, as on-failure says. rollback keeps what applied (the failed migration itself rolled back).
 * undo undoes what this run applied with the down scripts, newest first, each with its history row (undo.ts), or
 * nothing when it cannot. restore: the pre-apply backup is restored and the objects this run created are
 * dropped, unless a table of the database shows writes since the backup beyond those this run's transactions
 * counted as their own (restore-discards-writes allows it). undo-or-restore restores when undo cannot run or
 * stopped part-way. report.afterFailure says what became of the run's migrations ('kept' until an undo or a
 * restore succeeds), and the undone ones leave report.applied once it is all over. The report names the backup
 * either way.
 */
async function onFailure(run) {
    const { config, report } = run;
    report.afterFailure = 'kept';
    try {
        const undo = config.onFailure === 'undo' || config.onFailure === 'undo-or-restore';
        const undone = undo && (await undoApplied(run, config.onFailure === 'undo-or-restore'));
        const restore = config.onFailure === 'restore' || (config.onFailure === 'undo-or-restore' && !undone);
        if (restore && report.backup)
            await restoreAfterFailure(run, report.backup.path);
        else if (restore && config.onFailure === 'undo-or-restore')
            report.notes.push('on-failure: undo-or-restore — there is no pre-apply backup to restore (backup: false, or a throwaway server): nothing more was done');
    }
    finally {
        settleUndone(report);
    }
    if (report.backup)
        report.notes.push(`the pre-apply backup is ${report.backup.artifactName ? `artifact ${report.backup.artifactName}, ` : ''}${report.backup.path}: ${report.backup.restore}`);
}
/**
 * The migrations this run started: those applied, and the one after them (it failed, or was cancelled) when it
 * ran at all, as the run itself counted them, not the history table (another tool's may have no dirty mark).
 */
function started(run) {
    return run.analysed.slice(0, run.started);
}
/**
 * Which new objects are this run's: named by a statement of a migration it started, and either created by one of
 * its transactions (the catalog row's xmin), or by a migration outside a transaction, whose own transactions
 * leave no trace (then the name alone); and the history table and its schema when this run created them. An
 * unqualified name may be in any schema of our search_path or of a SET search_path the migrations ran.
 */
async function ownObjects(run, ran, ours) {
    const inside = namesCreated(ran.filter((a) => a.exec.mode === 'transaction').flatMap((a) => a.exec.statements));
    const outside = namesCreated(ran.filter((a) => a.exec.mode !== 'transaction').flatMap((a) => a.exec.statements));
    const history = [
        { kind: 'relation', schema: run.history.schema, name: run.history.table },
        { kind: 'schema', name: run.history.schema },
    ];
    const path = (await run.client.query('SELECT pg_catalog.current_schemas(false)::text[] AS s')).rows[0].s;
    const schemas = new Set([...path, ...inside.searchPath, ...outside.searchPath]);
    const named = (names, o) => names.some((n) => n.kind === o.kind &&
        n.name === o.name &&
        (o.kind === 'schema' || (n.schema ? n.schema === o.schema : schemas.has(o.schema))));
    return (o) => ((named(inside.names, o) || named(history, o)) && ours.has(o.xmin)) || named(outside.names, o);
}
async function restoreAfterFailure(run, dump) {
    const { config, report, client } = run;
    // Our session runs the checks and the drops: whatever a failed step left open on it (a health check's BEGIN,
    // a transaction aborted by an error) is ended first. Outside a transaction ROLLBACK only warns.
    await client.query('ROLLBACK');
    const metadata = (0,backup_metadata/* readMetadata */._6)(dump);
    const witness = run.catalogWitness;
    const ours = new Set([
        ...(metadata.snapshot ? await ownTransactions(client, run.history, metadata.snapshot) : []),
        ...(witness?.xids ?? []),
    ]);
    const catalog = witness &&
        run.catalogAtStart && {
        xids: ours,
        atStart: run.catalogAtStart,
        removedByRun: (key) => witness.removedByRun(key),
    };
    const ran = started(run);
    // What this run wrote that was not measured: counted as others' writes, and named when the restore is refused.
    const failed = run.analysed[run.report.applied.length];
    const untraced = [
        ...(run.untraced ?? []),
        ...ran
            .filter((a) => a.exec.mode !== 'transaction')
            .map((a) => `${a.migration.name} ran outside a transaction, so what it wrote cannot be told from others’ writes`),
        ...(failed?.exec.mode === 'transaction' && ran.includes(failed)
            ? [`${failed.migration.name} failed and rolled back, and the statistics count the rows it wrote before failing`]
            : []),
    ];
    const isOurs = await ownObjects(run, ran, ours);
    const before = run.objectsBefore ?? new Set();
    let verdict;
    let dropFirst = [];
    let leftOut;
    try {
        const restored = await (0,restore_backup/* restoreBackup */.d)(run.ctx.databaseUrl, dump, config.pgDumpPath, {
            lockTimeoutMs: config.backupLockTimeoutMs,
            signal: run.ctx.signal,
            beforeRestore: async (m, at) => {
                verdict = await (0,restore_guard/* checkRestore */.Di)(client, m, {
                    discardWrites: config.restoreDiscardsWrites,
                    historyTable: config.historyTable,
                    ours,
                    own: run.ownWrites,
                    untraced,
                    catalog,
                    quick: !at.locked,
                    restoreSession: at.session,
                    signal: run.ctx.signal,
                });
                if (verdict.refusals.length)
                    throw new restore_guard/* RestoreRefused */.HQ(verdict);
                // pg_restore cannot drop a table of the dump that a new table still references (a foreign key, a view).
                // Another session's such object stops the restore before anything changes; the run's own go first, in the
                // restore's transaction, so that a restore that fails leaves them and their history rows together.
                const created = (await (0,catalog_objects/* userObjects */.Sv)(client)).filter((o) => !before.has(o.drop));
                const theirs = (await (0,catalog_objects/* dependingOnOlder */.en)(client, created)).filter((o) => !isOurs(o));
                if (theirs.length)
                    throw new RestoreBlocked(theirs);
                if (at.locked)
                    dropFirst = created.filter(isOurs).map((o) => o.drop);
                return dropFirst;
            },
        });
        leftOut = (0,system_privileges/* systemPrivilegesNote */.i)(restored.systemPrivilegesLeftOut);
    }
    catch (err) {
        if (err instanceof restore_guard/* RestoreRefused */.HQ)
            return refused(run, dump, err.verdict);
        if (err instanceof errors.CancelledError)
            report.cancelled = err.reason;
        // The drops and pg_restore run in one transaction: a failure leaves the database as it was.
        (0,model_report/* addFinding */.Xd)(report, {
            rule: 'restore-failed',
            severity: 'error',
            message: `on-failure: restore failed, nothing was restored: ${err.message.replace(/[;\s]+$/, '')}`,
            help: `The database is as the failure left it. Remove what stopped the restore, then restore by hand with command: restore, backup-file: ${dump}.`,
        });
        return;
    }
    // The rest once the dump's own objects are back: a new object a table of the dump referenced can go now.
    const after = await (0,catalog_objects/* dropCreatedSince */.gQ)(client, before, isOurs);
    const dropped = [...dropFirst, ...after.dropped];
    report.afterFailure = 'restored';
    const discarded = verdict.allowedBy.includes('restore-discards-writes');
    // What a backup does not hold (the database's settings, roles, an extension the run created): put back, or named.
    const rest = metadata.catalog
        ? await afterRestore(client, metadata.catalog, ours, run.settingsAtStart ?? {})
        : {
            undone: [],
            left: ['the backup records no catalog state, so what the restore left as this run made it cannot be told'],
        };
    const undone = [
        ...(dropped.length
            ? [`the ${dropped.length} object(s) this run had created were dropped (${dropped.join('; ')})`]
            : []),
        ...rest.undone,
    ];
    const state = discarded
        ? 'the database and its history are as they were when the backup was taken: what others wrote since is gone'
        : 'the database and its history are as they were before this run';
    report.notes.push(`on-failure: restore — the pre-apply backup ${dump} was restored${undone.length ? ` and ${undone.join('; ')}` : ''}; ${rest.left.length ? `${state}, except what a backup does not hold and was left: ${rest.left.slice(0, 10).join('; ')}${rest.left.length > 10 ? `; and ${rest.left.length - 10} more` : ''}` : state}`, ...verdict.notes.map((n) => `on-failure: restore — ${n}`), ...(leftOut ? [`on-failure: restore — ${leftOut}`] : []));
    if (after.leftAlone.length) {
        report.notes.push(`on-failure: restore left ${after.leftAlone.length} object(s) created since the backup in place: ${after.leftAlone.map((l) => `${(0,catalog_objects/* objectText */.tq)(l.object)} (${l.why})`).join('; ')}`);
    }
}
/** Objects another session made since the backup stand on the dump's: pg_restore could not replace those. */
class RestoreBlocked extends Error {
    constructor(objects) {
        super(`objects made since the backup by others depend on objects of the backup, which pg_restore would have to drop: ${objects.map(catalog_objects/* objectText */.tq).join(', ')}`);
    }
}
/** The restore would discard others' writes (or could not tell): nothing was restored, and the report says why. */
function refused(run, dump, verdict) {
    (0,model_report/* addFinding */.Xd)(run.report, {
        rule: 'restore-refused',
        severity: 'error',
        message: `on-failure: restore refused, nothing was restored: ${verdict.refusals.join('; ')}`,
        help: `The database is as the failure left it${run.report.applied.length > (run.report.undone?.length ?? 0) ? ' (the migrations applied before the failure stay applied)' : ''}. Fix forward with a new migration, or, once you know what would be lost, restore by hand: command: restore, backup-file: ${dump}, restore-discards-writes: true.`,
    });
}

// EXTERNAL MODULE: ./src/db/session/own-session.ts
var own_session = __webpack_require__(8280);
// EXTERNAL MODULE: ./src/db/session/server-identity.ts
var server_identity = __webpack_require__(4297);
// EXTERNAL MODULE: ./src/migrations/analyse.ts
var analyse = __webpack_require__(7260);
// EXTERNAL MODULE: ./src/migrations/discover.ts
var discover = __webpack_require__(2986);
// EXTERNAL MODULE: ./src/migrations/make-plan.ts
var make_plan = __webpack_require__(8287);
// EXTERNAL MODULE: ./src/engine/context.ts
var context = __webpack_require__(6173);
;// CONCATENATED MODULE: ./src/engine/apply-run.ts










/**
 * Opens a run: connects, finds the history table, takes the session-level advisory lock, and makes the plan from a
 * read-only look at the history, so nothing is written before every file is known to be sound. `steps` runs
 * inside the lock; the lock and the connection are released however it ends.
 */
async function withApplyRun(config, ctx, steps) {
    const { migrations } = await (0,discover.readFolder)(config.migrationsDir, config.allowEmpty);
    const report = (0,context/* startReport */.Fg)('apply', config, ctx.databaseUrl);
    for (const input of config.timeoutsOff)
        report.notes.push(`${input}: off — this run sets no limit there`);
    // Our own session, which the server's session limits leave alone: it sits idle holding the lock while the
    // backup and the migrations run on other sessions.
    return (0,own_session/* withOwnClient */.mG)(ctx.databaseUrl, async (client) => {
        const history = await (0,history_table/* locateHistoryTable */.Bb)(client, config.historyTable);
        const key = (0,advisory_lock/* lockKey */.TL)((0,identifiers/* quoteTable */.Z8)(history));
        return (0,advisory_lock/* withAdvisoryLock */.bL)(client, key, config.lockWaitMs, async () => {
            const plan = (0,make_plan/* makePlan */.C)(migrations, await (0,history_table/* readHistory */.Lu)(client, history, migrations), {
                ...config,
                checksumsOf: (0,history_table/* checksumsOf */.Uw)(history),
            });
            const identity = await (0,server_identity/* databaseIdentity */.C)(client);
            report.planHash = (0,plan_hash/* planHash */.SH)(identity, (0,identifiers/* tableText */.qK)(config.historyTable), plan);
            const { analysed, errors } = await (0,analyse/* analyseAll */.F)(plan.pending);
            // The server's own pid of our session: behind a pooler the start-up key (processID) is the pooler's.
            const who = (await client.query('SELECT pg_catalog.current_database() AS database, session_user AS user, pg_catalog.pg_backend_pid() AS pid')).rows[0];
            errors.push(...(0,analyse/* foreignConnects */.u)(analysed, who));
            (0,context/* reportPlan */._S)(report, history, plan, analysed, errors);
            await steps({
                config,
                ctx,
                client,
                controlPid: Number(who.pid),
                history,
                identity,
                lockKey: key,
                plan,
                analysed,
                report,
                ownWrites: new Map(),
                started: 0,
            });
            return report;
        }, { signal: ctx.signal, url: ctx.databaseUrl });
    });
}

;// CONCATENATED MODULE: ./src/engine/pipeline.ts







/**
 * Runs the steps in order. A step that throws stops the run with the error as a finding named for the step, so
 * the report keeps what was applied (a post-migration backup that fails after the migrations committed, say);
 * a cancelled run stops before its next step.
 */
async function inOrder(run, steps) {
    for (const [name, step] of steps) {
        if (run.ctx.signal?.aborted && !run.report.cancelled) {
            run.report.cancelled = String(run.ctx.signal.reason);
            (0,model_report/* addFinding */.Xd)(run.report, {
                rule: 'cancelled',
                severity: 'error',
                message: `cancelled (${run.report.cancelled}) before the ${name}; nothing after it ran`,
                help: 'Run again when ready.',
            });
        }
        if (run.report.cancelled)
            return;
        try {
            if (!(await step(run)))
                return;
        }
        catch (err) {
            // Cancelled inside the step (the backup's pg_dump stopped, say): reported as the cancel it is.
            if (err instanceof errors.CancelledError)
                run.report.cancelled = err.reason;
            const ofStep = (rule) => rule === 'internal-error' || rule === 'tool-failed' ? `${name.replace(/ /g, '-')}-failed` : rule;
            for (const f of (0,failure_findings/* findingsFor */.I)(err, run.ctx.debug))
                (0,model_report/* addFinding */.Xd)(run.report, {
                    ...f,
                    rule: ofStep(f.rule),
                    message: `${name}: ${f.message}${f.rule === 'cancelled' ? '; nothing after it ran' : ''}`,
                });
            return;
        }
    }
}
/**
 * The engine alone: the plan, then the pending migrations in order under the advisory lock, each recorded in the
 * history table. Any drift, missing, dirty or out-of-order migration, or any pending file that cannot run, stops
 * the run before anything is written. Verify's restore drill, the benchmark and the tests use it.
 */
function applyMigrations(config, ctx) {
    return withApplyRun(config, ctx, async (run) => {
        await inOrder(run, [
            ['plan check', async (r) => r.report.ok],
            ['history table', prepareHistory],
            ['migrations', runPending],
        ]);
        noteWhatStays(run.report);
    });
}
/**
 * The production apply, as the runbooks list it, every step inside the advisory lock so no other run slips in
 * between: plan check (sound, and the approved one) -> pre-flight -> verified backup -> history table ->
 * migrations -> health check -> post-migration backup; after a failure, on-failure (keep what applied, undo it
 * with the down scripts, or restore) and the backup named; then what stays applied. The gate (a protected
 * environment, or the CLI's confirmation) is passed before this starts.
 */
function productionApply(config, ctx) {
    return withApplyRun(config, ctx, async (base) => {
        const run = { ...base, ctx };
        await inOrder(run, [
            ['plan check', checkPlan],
            ['pre-flight', safety_preflight],
            ['backup', backupFirst],
            ['cleanup of invalid indexes', dropLeftoverIndexes],
            ['history table', prepareHistory],
            ['migrations', runPending],
            ['health check', healthCheck],
            ['post-migration backup', postBackup],
        ]);
        if (!run.report.ok)
            await inOrder(run, [['on-failure', async (r) => (await onFailure(r), true)]]);
        // A cancelled run does no restore, but still says where its backup is.
        if (run.report.cancelled && run.report.backup)
            run.report.notes.push(`the pre-apply backup is ${run.report.backup.path}: ${run.report.backup.restore}`);
        // Last: what stays applied is known only once on-failure has undone or restored what it could.
        noteWhatStays(run.report);
    });
}


/***/ })

};
