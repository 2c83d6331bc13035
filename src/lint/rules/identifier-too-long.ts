import { scanSync } from 'libpg-query';
import { LineMap } from '../../migrations/parse.js';
import type { Hit, LintRule } from '../rule.js';

/**
 * A cheap first look at the text: a word, or a quoted name, of more than 63 bytes (UTF-8 lengths counted per
 * character). Only then does the scanner run; it alone decides what is an identifier.
 */
function mayHoldLongName(sql: string): boolean {
  let bytes = 0;
  let quoted = false;
  for (let i = 0; i < sql.length; i++) {
    const c = sql.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    const separator = !quoted && (c === 32 || c === 10 || c === 13 || c === 9 || c === 40 || c === 41 || c === 44 || c === 59);
    if (separator) bytes = 0;
    else if ((bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : 3) > 63) return true;
  }
  return false;
}

/**
 * Read from the scanner's tokens, not the AST: the parser has already cut names to 63 bytes there, exactly as
 * the server will, so the AST cannot show what was written.
 */
function longIdentifiers(sql: string): { start: number; text: string }[] {
  const tokens = scanSync(sql).tokens.filter((t) => t.tokenName === 'IDENT');
  const bytes = Buffer.from(sql, 'utf8');
  return tokens
    .map((t) => ({ start: bytes.subarray(0, t.start).toString('utf8').length, text: bytes.subarray(t.start, t.end).toString('utf8').replace(/^"|"$/g, '') }))
    .filter((t) => Buffer.byteLength(t.text) > 63);
}

export const rule: LintRule = {
  id: 'identifier-too-long',
  group: 'broken',
  severity: 'error',
  title: 'Identifier longer than 63 bytes',
  message: 'PostgreSQL silently truncates names to 63 bytes: the object gets another name than the one written, and later migrations that use the full name fail or hit the wrong object.',
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
