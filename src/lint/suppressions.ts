import { scanSync } from 'libpg-query';
import type { Location } from '../foundation/errors.js';
import { LineMap } from '../migrations/parse.js';
import type { Script } from '../model/migration.js';

/** `-- pg-migration-gate:ignore rule-a, rule-b` (this statement) or `:ignore-file` (the whole file). */
const DIRECTIVE = /pg-migration-gate:(ignore-file|ignore)\s+([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)/;

export interface Suppression {
  scope: 'statement' | 'file';
  rules: string[];
  location: Location;
  /** The rules this directive actually silenced. */
  used: Set<string>;
}

/**
 * Finds suppression comments with PostgreSQL's own scanner, so text that only looks like a comment (inside a
 * string or a function body) is never taken for one.
 */
export function findSuppressions(script: Script): Suppression[] {
  if (!script.sql.includes('pg-migration-gate:')) return [];
  let tokens;
  try {
    tokens = scanSync(script.sql).tokens;
  } catch {
    return []; // text the scanner cannot read (an unterminated string) is already a syntax error
  }
  const bytes = Buffer.from(script.sql, 'utf8');
  const lines = new LineMap(script);
  const out: Suppression[] = [];
  for (const t of tokens) {
    if (t.tokenName !== 'SQL_COMMENT' && t.tokenName !== 'C_COMMENT') continue;
    const m = DIRECTIVE.exec(t.text);
    if (!m) continue;
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
export function suppress(suppressions: Suppression[], rule: string, span?: { first: number; last: number }): boolean {
  for (const s of suppressions) {
    if (!s.rules.includes(rule)) continue;
    const applies = s.scope === 'file' || (span && s.location.line >= span.first - 1 && s.location.line <= span.last);
    if (applies) {
      s.used.add(rule);
      return true;
    }
  }
  return false;
}
