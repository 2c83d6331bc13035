import { loadModule } from 'libpg-query';
import type { Location } from '../foundation/errors.js';
import { unwrap, type KindAndNode } from './ast-node.js';
import { splitPsqlScript, type Piece } from './psql-script.js';
import type { RowsOnDisk, Script } from '../model/migration.js';

interface StatementText {
  /** The statement's text as written, without the trailing semicolon; for `PsqlConnect`, its line. */
  sql: string;
  /**
   * On `COPY … FROM STDIN`: the rows that follow it in the file, as psql sends them (line ends as written); a
   * large file's are left on disk.
   */
  copyData?: string | RowsOnDisk;
  /** Where the statement starts in its file. */
  location: Location;
  /** Character offset of the statement in the script. */
  offset: number;
}

/** A statement the parser read: its kind (`IndexStmt`, `TransactionStmt`, …) and its node's fields, typed. */
export type ParsedStatement = StatementText & KindAndNode;

/** psql's `\connect`, which starts a fresh session (undefined meaning "the same"). */
export type PsqlConnect = StatementText & { kind: 'PsqlConnect'; node: { database?: string; user?: string } };

export type Statement = ParsedStatement | PsqlConnect;

/** A statement of one kind: `StatementOf<'IndexStmt'>`. */
export type StatementOf<K extends Statement['kind']> = Extract<Statement, { kind: K }>;

let loading: Promise<void> | undefined;

/** Loads the PostgreSQL parser (WebAssembly) once. */
export function loadParser(): Promise<void> {
  loading ??= loadModule();
  return loading;
}

/**
 * Starts compiling the parser now, off the main thread, so it is ready by the time the files are read and the
 * database answered. A failure surfaces where the parser is first needed.
 */
export function warmParser(): void {
  loadParser().catch(() => undefined);
}

/**
 * Maps character offsets in a script to 1-based lines and columns of its file; the lines of COPY rows a large
 * file left on disk count where they were.
 */
export class LineMap {
  private readonly starts: number[] = [0];
  constructor(private readonly script: Script) {
    const text = script.sql;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }
  at(offset: number): Location {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    const rows = (this.script.elided ?? []).reduce((n, e) => (e.line <= lo ? n + e.lines : n), 0);
    return { file: this.script.file, line: this.script.startLine + lo + rows, column: offset - this.starts[lo] + 1 };
  }
  /** The character offset where 0-based line `line` starts. */
  lineStart(line: number): number {
    return this.starts[line];
  }
}

/**
 * Converts libpg-query's byte offsets to character offsets; identity for ASCII text. Conversions mostly move
 * forward through the text, so each continues from the last one instead of decoding from the start.
 */
export function byteToChar(text: string): (byte: number) => number {
  // eslint-disable-next-line no-control-regex
  if (!/[^\x00-\x7f]/.test(text)) return (b) => b;
  const bytes = Buffer.from(text, 'utf8');
  let byte = 0;
  let char = 0;
  return (b) => {
    if (b < byte) byte = char = 0;
    const to = Math.min(b, bytes.length);
    if (to > byte) char += bytes.toString('utf8', byte, to).length;
    byte = Math.max(byte, to);
    return char;
  };
}

export interface ParsedScript {
  statements: Statement[];
  /** The script with COPY rows and psql meta-command lines blanked out: its SQL alone, at the same lines and columns. */
  sql: string;
}

/**
 * Parses a script as `psql -X -v ON_ERROR_STOP=1 -f` reads it, with the real PostgreSQL parser, into statements
 * located in their file: plain SQL, or a pg_dump plain-format file (COPY … FROM stdin rows, `\restrict`,
 * `\connect`, `\set ON_ERROR_STOP`). A syntax error, or a meta-command that is not run, becomes a MigrationError
 * at its file, line and column.
 */
export async function parsePsqlScript(script: Script): Promise<ParsedScript> {
  const { statements, blanks } = await read(script);
  return { statements, sql: blankOut(script.sql, blanks) };
}

/** The statements of a script; see parsePsqlScript. */
export async function parseScript(script: Script): Promise<Statement[]> {
  return (await read(script)).statements;
}

/** The statements, and the character ranges of the script that are not SQL. */
async function read(script: Script): Promise<{ statements: Statement[]; blanks: [number, number][] }> {
  await loadParser();
  if (!script.sql.trim()) return { statements: [], blanks: [] };
  const toChar = byteToChar(script.sql);
  const lines = new LineMap(script);
  const { pieces, blanks } = splitPsqlScript(script.sql, (b) => lines.at(toChar(b)), rowsOnDisk(script, lines));
  const statements = pieces.map((p) => toStatement(p, script.sql, toChar, lines));
  return { statements, blanks: blanks.map(([from, to]) => [toChar(from), toChar(to)]) };
}

/** Where in the script's bytes each block of rows left on disk was, as the splitter finds them. */
function rowsOnDisk(script: Script, lines: LineMap): Map<number, RowsOnDisk> | undefined {
  if (!script.elided?.length) return undefined;
  // In file order: each offset counted on from the last.
  let char = 0;
  let byte = 0;
  return new Map(
    script.elided.map((e) => {
      const next = lines.lineStart(e.line);
      byte += Buffer.byteLength(script.sql.slice(char, next));
      char = next;
      return [byte, e];
    }),
  );
}

function toStatement(p: Piece, text: string, toChar: (byte: number) => number, lines: LineMap): Statement {
  const start = toChar(p.start);
  const at = { sql: text.slice(start, toChar(p.end)), location: lines.at(start), offset: start };
  if ('connect' in p) return { ...at, kind: 'PsqlConnect', node: p.connect };
  return { ...at, ...unwrap(p.stmt), ...(p.copyData !== undefined && { copyData: p.copyData }) };
}

/** Spaces over every character of the ranges but their line breaks, so lines and columns stay where they were. */
function blankOut(text: string, ranges: [number, number][]): string {
  const parts: string[] = [];
  let at = 0;
  for (const [from, to] of ranges) {
    parts.push(text.slice(at, from));
    for (let i = from; i < to;) {
      const eol = text.indexOf('\n', i);
      const end = eol >= 0 && eol < to ? eol : to;
      parts.push(' '.repeat(end - i), end < to ? '\n' : '');
      i = end + 1;
    }
    at = to;
  }
  parts.push(text.slice(at));
  return parts.join('');
}
