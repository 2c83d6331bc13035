import { InputError } from '../errors.js';
import { parseDuration } from './duration.js';
import { parseTableName } from './history-table.js';
import { COMMANDS, INPUTS } from './inputs-spec.js';
function bool(name, value, problems) {
    const v = value.trim().toLowerCase();
    if (['true', 'yes', '1', 'on'].includes(v))
        return true;
    if (['false', 'no', '0', 'off', ''].includes(v))
        return false;
    problems.push(`${name}: '${value}' is not true or false`);
    return false;
}
function int(name, value, min, max, problems) {
    const n = /^\d+$/.test(value.trim()) ? Number(value) : NaN;
    if (!Number.isInteger(n) || n < min || n > max) {
        problems.push(`${name}: '${value}' must be a whole number from ${min} to ${max}`);
        return min;
    }
    return n;
}
function duration(name, value, problems) {
    const r = parseDuration(name, value);
    if (typeof r === 'string') {
        problems.push(r);
        return 0;
    }
    return r;
}
function list(value) {
    return value.split(/[\s,]+/).filter(Boolean);
}
/** The password of a database URL, if any; it is registered as a secret before anything is printed. */
export function passwordOf(url) {
    try {
        const p = new URL(url).password;
        return p ? decodeURIComponent(p) : undefined;
    }
    catch {
        return undefined;
    }
}
/**
 * Validates raw inputs into a Config. Every problem is collected and thrown together as one InputError,
 * so a user fixes their workflow in one pass.
 */
export function parseConfig(raw) {
    const problems = [];
    const get = (name) => {
        const v = raw[name];
        return v === undefined || v.trim() === '' ? INPUTS[name] : v.trim();
    };
    const command = get('command');
    if (!COMMANDS.includes(command))
        problems.push(`command: '${command}' is not one of ${COMMANDS.join(', ')}`);
    const history = parseTableName(get('history-table'));
    if (typeof history === 'string')
        problems.push(history);
    const databaseUrl = get('database-url') || undefined;
    const secrets = [];
    if (databaseUrl) {
        const password = passwordOf(databaseUrl);
        if (password)
            secrets.push(password, encodeURIComponent(password));
        if (!/^postgres(ql)?:\/\//i.test(databaseUrl)) {
            problems.push('database-url: must be a postgres:// or postgresql:// URL (e.g. postgresql://user@host:5432/db)');
        }
    }
    const resolveRaw = get('resolve-dirty');
    let resolveDirty;
    if (resolveRaw) {
        const m = /^([^=\s]+)=(rerun|applied)$/.exec(resolveRaw);
        if (m)
            resolveDirty = { version: m[1], as: m[2] };
        else
            problems.push(`resolve-dirty: '${resolveRaw}' must be <version>=rerun or <version>=applied`);
    }
    const config = {
        command,
        migrationsDir: get('migrations-dir'),
        databaseUrl,
        historyTable: typeof history === 'string' ? { table: INPUTS['history-table'] } : history,
        lockTimeoutMs: duration('lock-timeout', get('lock-timeout'), problems),
        statementTimeoutMs: duration('statement-timeout', get('statement-timeout'), problems),
        lockRetries: int('lock-retries', get('lock-retries'), 0, 100, problems),
        lockWaitMs: duration('lock-wait', get('lock-wait'), problems),
        allowOutOfOrder: bool('allow-out-of-order', get('allow-out-of-order'), problems),
        baseline: get('baseline') || undefined,
        acceptEdited: list(get('accept-edited')),
        resolveDirty,
        secrets: [...new Set(secrets)],
    };
    if (problems.length)
        throw new InputError(problems);
    return config;
}
