import { loadModule, parseSync } from 'libpg-query';
import { MigrationError } from '../errors.js';
let loading;
/** Loads the PostgreSQL parser (WebAssembly) once. */
export function loadParser() {
    loading ??= loadModule();
    return loading;
}
/** Maps character offsets in a script to 1-based lines and columns of its file. */
export class LineMap {
    script;
    starts = [0];
    constructor(script) {
        this.script = script;
        const text = script.sql;
        for (let i = 0; i < text.length; i++)
            if (text.charCodeAt(i) === 10)
                this.starts.push(i + 1);
    }
    at(offset) {
        let lo = 0;
        let hi = this.starts.length - 1;
        while (lo < hi) {
            const mid = (lo + hi + 1) >> 1;
            if (this.starts[mid] <= offset)
                lo = mid;
            else
                hi = mid - 1;
        }
        return { file: this.script.file, line: this.script.startLine + lo, column: offset - this.starts[lo] + 1 };
    }
}
/** Converts libpg-query's byte offsets to character offsets; identity for ASCII text. */
function byteToChar(text) {
    // eslint-disable-next-line no-control-regex
    if (!/[^\x00-\x7f]/.test(text))
        return (b) => b;
    const bytes = Buffer.from(text, 'utf8');
    return (b) => bytes.subarray(0, b).toString('utf8').length;
}
/**
 * Parses a script with the real PostgreSQL parser into statements located in their file. A syntax error
 * becomes a MigrationError at the file, line and column PostgreSQL points to.
 */
export async function parseScript(script) {
    await loadParser();
    if (!script.sql.trim())
        return [];
    let result;
    try {
        result = parseSync(script.sql);
    }
    catch (err) {
        const e = err;
        const lines = new LineMap(script);
        const location = lines.at(Math.max(0, e.sqlDetails?.cursorPosition ?? 0));
        throw new MigrationError(`syntax error: ${e.message}`, {
            location,
            sqlstate: '42601',
            hint: 'fix the SQL at this position; the file was not run',
            cause: err,
        });
    }
    const toChar = byteToChar(script.sql);
    const lines = new LineMap(script);
    const bytes = Buffer.byteLength(script.sql, 'utf8');
    return (result.stmts ?? []).map((s) => {
        const startByte = s.stmt_location ?? 0;
        const endByte = s.stmt_len ? startByte + s.stmt_len : bytes;
        const start = toChar(startByte);
        const end = toChar(endByte);
        const kind = Object.keys(s.stmt)[0];
        return { sql: script.sql.slice(start, end), kind, node: s.stmt[kind], location: lines.at(start), offset: start };
    });
}
