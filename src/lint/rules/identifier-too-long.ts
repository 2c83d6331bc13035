import { scanSync } from 'libpg-query';
import { LineMap } from '../../migrations/parse.js';
import type { Hit, LintRule } from '../rule.js';

/**
 * A cheap first look at the text: a run of name characters, or a quoted name, of more than 63 bytes (a line of
 * dashes or a URL is no name). Only then does the scanner run; it alone decides what is an identifier.
 */
function mayHoldLongName(sql: string): boolean {
  // eslint-disable-next-line no-control-regex
  if (!/[^\x00-\x7f]/.test(sql)) return /[\w$]{64}|"(?:[^"]|""){64}/.test(sql);
  // Beyond ASCII a character takes up to 3 bytes: runs from 22 characters on may pass 63 bytes.
  for (const m of sql.matchAll(/[\w$\u0080-\uffff]{22,}|"(?:[^"]|""){22,}"/g))
    if (Buffer.byteLength(m[0]) > 63) return true;
  return false;
}

/**
 * Read from the scanner's tokens, not the AST: the parser has already cut names to 63 bytes there, exactly as
 * the server will, so the AST cannot show what was written.
 */
function longIdentifiers(sql: string): { start: number; text: string }[] {
  const bytes = Buffer.from(sql, 'utf8');
  return scanSync(sql)
    .tokens.filter((t) => t.tokenName === 'IDENT' && t.end - t.start > 63)
    .map((t) => ({
      start: bytes.subarray(0, t.start).toString('utf8').length,
      text: bytes.subarray(t.start, t.end).toString('utf8').replace(/^"|"$/g, ''),
    }))
    .filter((t) => Buffer.byteLength(t.text) > 63);
}

export const rule: LintRule = {
  id: 'identifier-too-long',
  group: 'broken',
  severity: 'error',
  title: 'Identifier longer than 63 bytes',
  message:
    'PostgreSQL silently truncates names to 63 bytes: the object gets another name than the one written, and later migrations that use the full name fail or hit the wrong object.',
  help: 'Shorten the name to 63 bytes or fewer.',
  check: (ctx) => {
    if (!mayHoldLongName(ctx.file.sql)) return [];
    const lines = new LineMap(ctx.file.script);
    return longIdentifiers(ctx.file.sql).map((t): Hit => ({
      location: lines.at(t.start),
      detail: `'${t.text}' is ${Buffer.byteLength(t.text)} bytes; PostgreSQL keeps '${Buffer.from(t.text).subarray(0, 63).toString('utf8')}'.`,
    }));
  },
};
