const UNITS: Record<string, number> = { ms: 1, s: 1000, sec: 1000, m: 60_000, min: 60_000, h: 3_600_000 };

/**
 * What a zero means for an input. A `timeout` becomes a PostgreSQL timeout, where 0 means "no limit": turning it
 * off takes the word `off`, so that a zero typed by mistake never waits forever. A `wait` is ours, and 0 means
 * "do not wait".
 */
export type DurationKind = 'timeout' | 'wait';

/**
 * Parses a duration such as `5s`, `500ms`, `2min` or `1h` into milliseconds, rounded to the nearest whole one
 * (1.4ms is 1 ms, 1.5ms is 2 ms): PostgreSQL's timeouts count whole milliseconds. A timeout's `off` is 0. Below
 * 1 ms is refused, as PostgreSQL would round it to 0 and so turn the limit off. Returns an error message (naming
 * the input and the fix) instead of throwing, so config can collect them all.
 */
export function parseDuration(input: string, value: string, kind: DurationKind): number | string {
  const v = value.trim();
  const zero = kind === 'timeout' ? 'off to turn the limit off' : '0 not to wait';
  if (kind === 'timeout' && v.toLowerCase() === 'off') return 0;
  // A zero needs no unit; anything else does.
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|sec|m|min|h)?$/i.exec(v);
  if (!m || (!m[2] && Number(m[1]) !== 0))
    return `${input}: '${value}' is not a duration; write it with a unit, e.g. 5s, 500ms, 2min (${zero})`;
  const exact = m[2] ? Number(m[1]) * UNITS[m[2].toLowerCase()] : 0;
  if (exact === 0) {
    if (kind === 'wait') return 0;
    return `${input}: '${value}' would turn the limit off (PostgreSQL reads 0 as no limit); write off if that is meant, or a duration such as 5s`;
  }
  if (exact < 1)
    return `${input}: '${value}' is shorter than 1 ms, the least PostgreSQL counts; write 1ms or more (or ${zero})`;
  const ms = Math.round(exact);
  // PostgreSQL's timeouts are int4 milliseconds.
  if (ms > 2_147_483_647) return `${input}: '${value}' is longer than PostgreSQL allows (about 24 days)`;
  return ms;
}
