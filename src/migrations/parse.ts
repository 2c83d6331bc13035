import { loadModule, parseSync, type SqlError } from 'libpg-query';
import { MigrationError, type Location } from '../errors.js';
import type { Script } from './types.js';

/** A node of libpg-query's AST: `{ IndexStmt: {...} }`. */
export type AstNode = Record<string, any>;

export interface Statement {
  /** The statement's text as written, without the trailing semicolon. */
  sql: string;
  /** The AST node kind, e.g. `IndexStmt`, `TransactionStmt`. */
  kind: string;
  /** The node's fields (`stmt[kind]`). */
  node: AstNode;
  /** Where the statement starts in its file. */
  location: Location;
  /** Character offset of the statement in the script. */
  offset: number;
}

let loading: Promise<void> | undefined;

/** Loads the PostgreSQL parser (WebAssembly) once. */
export function loadParser(): Promise<void> {
  loading ??= loadModule();
  return loading;
}

/** Maps character offsets in a script to 1-based lines and columns of its file. */
export class LineMap {
  private readonly starts: number[] = [0];
  constructor(
    private readonly script: Script,
  ) {
    const text = script.sql;
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }
  at(offset: number): Location {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { file: this.script.file, line: this.script.startLine + lo, column: offset - this.starts[lo] + 1 };
  }
}

/** Converts libpg-query's byte offsets to character offsets; identity for ASCII text. */
export function byteToChar(text: string): (byte: number) => number {
  // eslint-disable-next-line no-control-regex
  if (!/[^\x00-\x7f]/.test(text)) return (b) => b;
  const bytes = Buffer.from(text, 'utf8');
  return (b) => bytes.subarray(0, b).toString('utf8').length;
}

/**
 * Parses a script with the real PostgreSQL parser into statements located in their file. A syntax error
 * becomes a MigrationError at the file, line and column PostgreSQL points to.
 */
export async function parseScript(script: Script): Promise<Statement[]> {
  await loadParser();
  if (!script.sql.trim()) return [];
  let result;
  try {
    result = parseSync(script.sql);
  } catch (err) {
    const e = err as SqlError;
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
  return (result.stmts ?? []).map((s: AstNode) => {
    const startByte = s.stmt_location ?? 0;
    const endByte = s.stmt_len ? startByte + s.stmt_len : bytes;
    const start = toChar(startByte);
    const end = toChar(endByte);
    const kind = Object.keys(s.stmt)[0];
    return { sql: script.sql.slice(start, end), kind, node: s.stmt[kind], location: lines.at(start), offset: start };
  });
}
