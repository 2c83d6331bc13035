const UNITS = { ms: 1, s: 1000, sec: 1000, m: 60_000, min: 60_000, h: 3_600_000 };
/**
 * Parses a duration such as `5s`, `500ms`, `2min`, `1h` or `0` into milliseconds.
 * Returns an error message (naming the input and the fix) instead of throwing, so config can collect them all.
 */
export function parseDuration(input, value) {
    const v = value.trim();
    if (v === '0')
        return 0;
    const m = /^(\d+(?:\.\d+)?)\s*(ms|s|sec|m|min|h)$/i.exec(v);
    if (!m)
        return `${input}: '${value}' is not a duration; write it with a unit, e.g. 5s, 500ms, 2min (0 for none)`;
    const ms = Math.round(Number(m[1]) * UNITS[m[2].toLowerCase()]);
    // PostgreSQL's timeouts are int4 milliseconds.
    if (ms > 2_147_483_647)
        return `${input}: '${value}' is longer than PostgreSQL allows (about 24 days)`;
    return ms;
}
