import { parseSync, scanSync, type SqlError } from 'libpg-query';
import { MigrationError, type Location } from '../foundation/errors.js';
import type { RowsOnDisk } from '../model/migration.js';
import { nodeAs, type Node } from './ast-node.js';
import { PsqlMetaCommands, type ConnectTarget } from './psql-meta.js';

/**
 * Reads a file as psql does, with PostgreSQL's own parser doing all the SQL: a file that parses is plain SQL.
 * Where the parser stops, the statements complete before that line say what it is: rows of a `COPY … FROM
 * stdin` (up to a line holding only `\.`), a psql meta-command, or a real syntax error. The parser then goes on
 * from the next line. It reads a large file a window at a time, so that a dump with many COPY blocks is not
 * parsed again from its start for each one; every offset it reports, down to those in the AST, is moved back
 * to the file's own.
 */

/** One statement of the file; start and end are byte offsets into the whole file. */
export type Piece = { start: number; end: number } & (
  { stmt: Node; copyData?: string | RowsOnDisk } | { connect: ConnectTarget }
);

export interface Split {
  pieces: Piece[];
  /** Byte ranges that are not SQL: COPY rows with their end line, and meta-commands. */
  blanks: [number, number][];
}

interface Parsed {
  stmt: Node;
  start: number;
  end: number;
  /** Ended by a semicolon; the last statement of a text may not be. */
  terminated: boolean;
}

interface Failed {
  error: SqlError;
  /** Byte offset the parser points to. */
  at: number;
}

const NEWLINE = 10;
/** Operators seen between two operands, whose missing right side is a typo rather than a postfix operator. */
const BINARY_ONLY = new Set([
  '*',
  '=',
  '<',
  '>',
  '<=',
  '>=',
  '<>',
  '!=',
  '+',
  '-',
  '/',
  '%',
  '^',
  '||',
  '&&',
  '~~',
  '!~~',
  '~',
  '!~',
  '~*',
  '!~*',
  '->',
  '->>',
  '#>',
  '#>>',
  '@>',
  '<@',
  '?',
  '?|',
  '?&',
  '&',
  '|',
  '#',
  '<<',
  '>>',
]);
const BACKSLASH = 92;

const isCopyFromStdin = (p: Parsed) => {
  const copy = nodeAs(p.stmt, 'CopyStmt');
  return copy?.is_from === true && !copy.filename;
};
const piece = (p: Parsed): Piece => ({ start: p.start, end: p.end, stmt: p.stmt });

/** Bytes parsed at a time (to the next line end); doubled while a statement runs past the window. */
const WINDOW = 32 * 1024;

/** Moves every parse location in an AST by `by` bytes; -1 stands for "unknown" and stays. */
function shiftLocations(node: unknown, by: number): void {
  if (by === 0 || !node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const n of node) shiftLocations(n, by);
    return;
  }
  const fields = node as Record<string, unknown>;
  for (const [k, v] of Object.entries(fields)) {
    if (typeof v === 'number' && (k === 'location' || k === 'name_location')) fields[k] = v >= 0 ? v + by : v;
    else shiftLocations(v, by);
  }
}

/** libpg-query counts error positions in characters (code points); the rest of this file counts bytes. */
function byteOffset(text: string, codePoints: number): number {
  let i = 0;
  for (let n = 0; n < codePoints && i < text.length; n++) i += text.codePointAt(i)! > 0xffff ? 2 : 1;
  return Buffer.byteLength(text.slice(0, i));
}

class Splitter {
  private readonly bytes: Buffer;
  private readonly meta = new PsqlMetaCommands();
  /** Everything before this byte (a line start, or the end) is read, and no statement is open there. */
  private done = 0;
  readonly pieces: Piece[] = [];
  readonly blanks: [number, number][] = [];

  /** Rows a large file left on disk, by the byte offset of the end-of-data line they preceded. */
  private readonly onDisk: Map<number, RowsOnDisk>;

  constructor(
    private readonly text: string,
    private readonly locate: (byte: number) => Location,
    onDisk?: Map<number, RowsOnDisk>,
  ) {
    this.bytes = Buffer.from(text, 'utf8');
    this.onDisk = new Map(onDisk);
  }

  run(): void {
    this.split();
    // Every block of rows the line reader left on disk must be one the parser found: otherwise the two read the
    // file differently, and it is refused rather than run either way.
    const [left] = this.onDisk.values();
    if (left) {
      throw new MigrationError(
        'this large file was read in pieces, and the COPY … FROM stdin its rows belong to could not be found again',
        {
          location: this.locate(this.bytes.length),
          hint: `check the statement before line ${left.line + 1} of the file's SQL; or split the file into migrations under 64 MiB`,
        },
      );
    }
  }

  private split(): void {
    // The whole file first: plain SQL parses in one go, exactly as it always has.
    for (let size = Infinity; this.done < this.bytes.length;) {
      const end = this.done + size >= this.bytes.length ? this.bytes.length : this.nextLine(this.done + size);
      const r = this.parse(end);
      if (!('error' in r) && this.takeCopy(r)) {
        size = WINDOW;
      } else if (end < this.bytes.length && this.cutShort(r, end)) {
        size *= 2;
      } else if ('error' in r) {
        this.recover(r);
        size = WINDOW;
      } else {
        this.pieces.push(...r.map(piece));
        this.done = end;
      }
    }
  }

  /** True when the end of the window, not the text, stopped the parser: a statement, string or comment goes on. */
  private cutShort(r: Parsed[] | Failed, end: number): boolean {
    if ('error' in r) return r.at >= end || r.error.message.startsWith('unterminated ');
    return r.length > 0 && !r[r.length - 1].terminated;
  }

  /**
   * Parses bytes [done, end). The text starts at the line break before `done`, so that no token sits at offset
   * 0 (libpg-query leaves zero locations out), and every offset is moved back to the file's.
   */
  private parse(end: number): Parsed[] | Failed {
    const base = Math.max(0, this.done - 1);
    const view = base === 0 && end === this.bytes.length ? this.text : this.bytes.toString('utf8', base, end);
    try {
      return (parseSync(view).stmts ?? []).map((s) => {
        const start = base + (s.stmt_location ?? 0);
        shiftLocations(s.stmt, base);
        return { stmt: s.stmt as Node, start, end: s.stmt_len ? start + s.stmt_len : end, terminated: !!s.stmt_len };
      });
    } catch (err) {
      const error = err as SqlError;
      return { error, at: base + byteOffset(view, error.sqlDetails?.cursorPosition ?? 0) };
    }
  }

  private recover({ error, at }: Failed): void {
    const lineStart = this.lineStart(at);
    const command = this.bytes[at] === BACKSLASH ? at : this.commandAtLineStart(lineStart, at);
    const before = this.completeBefore(command ?? lineStart);
    // Rows come first: a data line may itself start with a backslash (\N is NULL).
    if (this.takeCopy(before.statements)) return;
    if (command === undefined) {
      throw new MigrationError(`syntax error: ${error.message}${this.postfixNote(at)}`, {
        location: this.locate(at),
        sqlstate: '42601',
        hint: 'fix the SQL at this position; the file was not run',
        cause: error,
      });
    }
    this.pieces.push(...before.statements.map(piece));
    this.metaCommand(command, before.open);
  }

  /**
   * When the token before the error is an operator (`5 !`): a postfix operator, which PostgreSQL 13 still reads
   * and this parser (PostgreSQL 18's) does not, so the file is refused here where an old server would run it.
   */
  private postfixNote(at: number): string {
    let tokens;
    try {
      tokens = scanSync(this.bytes.toString('utf8', this.done, at)).tokens;
    } catch {
      return '';
    }
    const [operand, last] = tokens.slice(-2);
    const isOperand =
      operand && (/^[IFS]CONST$|^IDENT$/.test(operand.tokenName) || operand.text === ')' || operand.text === ']');
    if (!isOperand || !last || BINARY_ONLY.has(last.text) || !/^[-+*/<>=~!@#%^&|`?]+$/.test(last.text)) return '';
    return ` (after the operator ${last.text} with nothing on its right: a postfix operator, which PostgreSQL 14 removed and the parser pg-migration-gate reads files with does not know; call the operator's function instead, e.g. factorial(n) for n !)`;
  }

  /** The backslash that opens the line holding `at`, after blanks; undefined when the line opens otherwise. */
  private commandAtLineStart(lineStart: number, at: number): number | undefined {
    let i = lineStart;
    while (this.bytes[i] === 32 || this.bytes[i] === 9) i++;
    return this.bytes[i] === BACKSLASH && i <= at ? i : undefined;
  }

  /**
   * The statements complete (ended by a semicolon) before `cut`, and whether one is still open at `cut`. When
   * the text up to `cut` does not parse (the cut fell inside a statement, a string or a function body), the cut
   * moves back to an earlier line until it does.
   */
  private completeBefore(cut: number): { statements: Parsed[]; open: boolean } {
    let open: boolean | undefined;
    for (let c = cut; c > this.done;) {
      const r = this.parse(c);
      if (!('error' in r)) {
        const unfinished = r.length > 0 && !r[r.length - 1].terminated;
        return { statements: unfinished ? r.slice(0, -1) : r, open: open ?? unfinished };
      }
      open ??= true;
      c = this.lineStart(Math.min(r.at, c - 1));
    }
    return { statements: [], open: open ?? false };
  }

  /**
   * Takes the first COPY … FROM stdin among `statements` with its rows: the lines after the one its semicolon
   * ends, up to a line holding only `\.`. The statements before it are taken too. False when there is none.
   */
  private takeCopy(statements: Parsed[]): boolean {
    const i = statements.findIndex(isCopyFromStdin);
    if (i < 0) return false;
    const copy = statements[i];
    const from = this.nextLine(copy.end);
    if (statements[i + 1] && statements[i + 1].start < from) {
      // psql would run it after the rows; no dump writes this, so it is refused rather than reordered
      throw new MigrationError('a statement after COPY … FROM stdin on the same line', {
        location: this.locate(statements[i + 1].start),
        hint: 'put the statement on a line of its own after the end-of-data line (\\.)',
      });
    }
    const to = this.endOfData(from);
    if (to < 0) {
      throw new MigrationError('COPY … FROM stdin has no end-of-data line (a line holding only \\.)', {
        location: this.locate(copy.start),
        hint: 'end the rows with a line holding only \\. as pg_dump writes it',
      });
    }
    // psql sends the lines as read, line ends included: a quoted CSV value keeps its \r\n.
    const onDisk = from === to ? this.onDisk.get(from) : undefined;
    this.onDisk.delete(from);
    const copyData = onDisk ?? this.bytes.toString('utf8', from, to);
    this.pieces.push(...statements.slice(0, i).map(piece), { ...piece(copy), copyData });
    this.skip(from, this.nextLine(to));
    return true;
  }

  /** The offset of the first line from `from` on that holds only `\.` (a \r before its newline allowed), or -1. */
  private endOfData(from: number): number {
    for (let p = from; p < this.bytes.length;) {
      const eol = this.bytes.indexOf(NEWLINE, p);
      const end = eol < 0 ? this.bytes.length : eol;
      const length = end - p - (this.bytes[end - 1] === 13 ? 1 : 0);
      if (length === 2 && this.bytes[p] === BACKSLASH && this.bytes[p + 1] === 46) return p;
      p = end + 1;
    }
    return -1;
  }

  private metaCommand(at: number, midStatement: boolean): void {
    const eol = this.bytes.indexOf(NEWLINE, at);
    const line = this.bytes.toString('utf8', at, eol < 0 ? this.bytes.length : eol).replace(/\r$/, '');
    const connect = this.meta.run(line, this.locate(at), midStatement);
    if (connect) this.pieces.push({ start: at, end: at + Buffer.byteLength(line), connect });
    this.skip(at, this.nextLine(at));
  }

  /** Marks [from, to) as read and not SQL; `to` is a line start (or the end). */
  private skip(from: number, to: number): void {
    this.blanks.push([from, to]);
    this.done = to;
  }

  private lineStart(at: number): number {
    return at <= 0 ? 0 : this.bytes.lastIndexOf(NEWLINE, at - 1) + 1;
  }

  private nextLine(at: number): number {
    const eol = this.bytes.indexOf(NEWLINE, at);
    return eol < 0 ? this.bytes.length : eol + 1;
  }
}

/**
 * Splits a psql script into its statements (COPY … FROM stdin carrying its rows, `\connect` as a statement of
 * its own) and the ranges that are not SQL. Throws a MigrationError at the file's line for a syntax error, a
 * meta-command that is refused, or COPY rows without their end line. `locate` maps a byte offset to the file.
 */
export function splitPsqlScript(
  text: string,
  locate: (byte: number) => Location,
  onDisk?: Map<number, RowsOnDisk>,
): Split {
  const s = new Splitter(text, locate, onDisk);
  s.run();
  return { pieces: s.pieces, blanks: s.blanks };
}
