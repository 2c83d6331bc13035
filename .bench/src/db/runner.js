import { MigrationError } from '../errors.js';
import { sqlstate, statementError } from './errors.js';
import { insertRow, markClean } from './history.js';
import { quoteTable } from './identifiers.js';
import { runScript } from './script-query.js';
const defaultBackoff = (attempt) => Math.min(500 * 2 ** attempt, 10_000);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/**
 * Settings every migration starts from. RESET ALL first, so a `SET` left by the previous migration on this
 * connection does not leak into the next one (as if each file ran in its own psql session). The values are
 * validated integers, never user text.
 */
function settings(o, local) {
    const scope = local ? 'LOCAL ' : '';
    return [`SET ${scope}lock_timeout = ${o.lockTimeoutMs}`, `SET ${scope}statement_timeout = ${o.statementTimeoutMs}`];
}
/**
 * The whole transactional migration as one simple query: settings, BEGIN, the statements, the history row,
 * COMMIT. One round trip per migration; the history row commits with the migration or not at all. Its values
 * are escaped with node-postgres' escapeLiteral; execution_ms is measured by the server itself.
 */
function transactionScript(client, migration, exec, o) {
    const prefix = ['RESET ALL', 'BEGIN', ...settings(o, true)];
    let text = prefix.map((s) => `${s};\n`).join('');
    const sentAt = [];
    for (const s of exec.statements) {
        sentAt.push(text.length);
        text += `${s.sql};\n`;
    }
    const lit = (v) => client.escapeLiteral(v);
    text += `INSERT INTO ${quoteTable(o.historyTable)} (migration_name, version, checksum, execution_ms, applied_by, dirty) VALUES (${lit(migration.name)}, ${lit(migration.version.text)}, ${lit(migration.checksum)}, (extract(epoch FROM clock_timestamp() - statement_timestamp()) * 1000)::int, ${lit(o.appliedBy)}, false);\nCOMMIT;`;
    return { text, sentAt, prefix: prefix.length };
}
async function runTransactional(client, migration, exec, o) {
    const script = transactionScript(client, migration, exec, o);
    try {
        await runScript(client, script.text);
    }
    catch (err) {
        await client.query('ROLLBACK').catch(() => { });
        const index = err.completed - script.prefix;
        const statement = exec.statements[index];
        if (statement)
            throw statementError(err, migration.up, statement, script.sentAt[index]);
        throw err;
    }
}
async function runOneByOne(client, migration, exec) {
    for (const s of exec.statements) {
        try {
            await client.query(s.sql);
        }
        catch (err) {
            throw statementError(err, migration.up, s);
        }
    }
}
/**
 * Applies one migration. A transactional one runs in one transaction together with its history row, and a
 * lock timeout (55P03) is retried with backoff up to lockRetries. A non-transactional one is recorded dirty
 * before it starts and clean after it ends, so a crash in between leaves a visible mark and no run starts
 * until someone has looked.
 */
export async function runMigration(client, migration, exec, o, log) {
    if (exec.mode === 'no-transaction') {
        await client.query(['RESET ALL', ...settings(o, false)].join('; '));
        const started = performance.now();
        const id = await insertRow(client, o.historyTable, { migration, appliedBy: o.appliedBy, dirty: true });
        await runOneByOne(client, migration, exec);
        const durationMs = Math.round(performance.now() - started);
        await markClean(client, o.historyTable, id, durationMs);
        await client.query('RESET ALL');
        return { durationMs, attempts: 1 };
    }
    const backoff = o.backoffMs ?? defaultBackoff;
    for (let attempt = 0;; attempt++) {
        const started = performance.now();
        try {
            await runTransactional(client, migration, exec, o);
            return { durationMs: Math.round(performance.now() - started), attempts: attempt + 1 };
        }
        catch (err) {
            const code = err instanceof MigrationError ? err.details.sqlstate : sqlstate(err);
            if (code === '55P03' && attempt < o.lockRetries) {
                const wait = backoff(attempt);
                log.warn(`${migration.name}: lock timeout after ${o.lockTimeoutMs} ms, retry ${attempt + 1} of ${o.lockRetries} in ${wait} ms`);
                await sleep(wait);
                continue;
            }
            if (err instanceof MigrationError && code === '55P03' && o.lockRetries > 0) {
                err.message += ` (after ${attempt + 1} attempts)`;
            }
            throw err;
        }
    }
}
