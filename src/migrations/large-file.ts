import { constants } from 'node:buffer';
import { closeSync, openSync, readSync } from 'node:fs';
import { parseSync, SqlError } from 'libpg-query';
import { InputError } from '../foundation/errors.js';
import type { RowsOnDisk } from '../model/migration.js';
import { LineEndHash } from './checksum.js';

/**
 * Reads a large migration file as psql does, a line at a time, keeping its SQL and leaving the rows of each
 * `COPY … FROM stdin` on disk: the rows are sent from the file when the statement runs, so a 1 GB data load
 * takes the memory of its SQL, not of its rows. The text returned is the file without those rows (each block's
 * end-of-data line stays right after its COPY); `elided` says where each block was and where its rows are.
 *
 * Which statement is a COPY … FROM stdin is the real parser's call, asked when a line ends a statement that may
 * be one; the splitter (psql-script.ts) reads the text again and must find every block here, or the file is
 * refused. Bytes are checked to be UTF-8, rows included.
 */

const CHUNK = 1 << 20;
const NEWLINE = 10;

export interface ReadInPieces {
  text: string;
  elided: RowsOnDisk[];
  /** checksum() of the whole text, rows included, taken as it was read. */
  checksum: string;
}

/**
 * The lines of a file with their byte offsets, read a chunk at a time; each line keeps its line break. A line
 * longer than a string can hold is refused as it grows, before it is held whole.
 */
function* linesOf(path: string, shown: string): Generator<{ bytes: Buffer; at: number }> {
  const fd = openSync(path, 'r');
  try {
    let open: Buffer[] = [];
    let openLength = 0;
    let at = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(CHUNK);
      const n = readSync(fd, chunk, 0, CHUNK, null);
      if (n === 0) break;
      const data = chunk.subarray(0, n);
      let start = 0;
      for (let eol = data.indexOf(NEWLINE); eol >= 0; eol = data.indexOf(NEWLINE, start)) {
        const piece = data.subarray(start, eol + 1);
        const bytes = open.length ? Buffer.concat([...open, piece]) : piece;
        open = [];
        openLength = 0;
        yield { bytes, at };
        at += bytes.length;
        start = eol + 1;
      }
      if (start < n) {
        open.push(data.subarray(start));
        openLength += n - start;
        if (openLength > constants.MAX_STRING_LENGTH)
          throw new InputError([
            `${shown}: has a line of more than ${constants.MAX_STRING_LENGTH.toLocaleString('en')} bytes, more than a JavaScript string can hold; break it into lines, or run this one file with psql`,
          ]);
      }
    }
    if (open.length) yield { bytes: Buffer.concat(open), at };
  } finally {
    closeSync(fd);
  }
}

/** `\.` alone on its line, a CR before the line break allowed (as the splitter's endOfData reads it). */
const isEndOfData = (line: Buffer) => {
  const end = line.length - (line[line.length - 1] === NEWLINE ? 1 : 0);
  const length = end - (line[end - 1] === 13 ? 1 : 0);
  return length === 2 && line[0] === 92 && line[1] === 46;
};

/**
 * Whether `sql` ends with a COPY … FROM stdin ended by its semicolon, so that the next line starts its rows;
 * `open` when a statement, string or comment is still open there, so that reading must go on; `closed` when
 * every statement is complete; `broken` at a syntax error (the splitter reports it, and nothing runs).
 */
function endsWithCopy(sql: string): 'copy' | 'open' | 'closed' | 'broken' {
  try {
    const stmts = parseSync(sql).stmts ?? [];
    const last = stmts[stmts.length - 1];
    if (!last) return 'closed';
    if (!last.stmt_len) return 'open';
    const copy = (last.stmt as { CopyStmt?: { is_from?: boolean; filename?: string } }).CopyStmt;
    return copy?.is_from === true && !copy.filename ? 'copy' : 'closed';
  } catch (err) {
    if (!(err instanceof SqlError)) throw err;
    return err.message.startsWith('unterminated ') || err.message.includes('at end of input') ? 'open' : 'broken';
  }
}

/**
 * See the module comment. `decode` checks and decodes UTF-8 as a stream (it throws on bytes that are not).
 * Throws an InputError naming the line of a COPY whose rows have no end-of-data line.
 */
export function readInPieces(
  path: string,
  shown: string,
  decode: (bytes: Buffer, stream: boolean) => string,
): ReadInPieces {
  const parts: string[] = [];
  const elided: RowsOnDisk[] = [];
  let line = 0;
  /** SQL since the last point where no statement was open, as far as the parser could tell. */
  let pending = '';
  let maybeCopy = false;
  let rows: { from: number; lines: number } | undefined;
  const hash = new LineEndHash();
  for (const { bytes, at } of linesOf(path, shown)) {
    hash.update(at === 0 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes);
    if (rows) {
      decode(bytes, true);
      if (!isEndOfData(bytes)) {
        rows.lines++;
        continue;
      }
      elided.push({ path, line, lines: rows.lines, from: rows.from, to: at });
      rows = undefined;
    }
    // A byte-order mark is dropped: PostgreSQL would read it as part of the first token.
    const text = at === 0 ? decode(bytes, true).replace(/^\uFEFF/, '') : decode(bytes, true);
    parts.push(text);
    line++;
    if (/^\s*\\/.test(text) && pending.trim() !== '' && endsWithCopy(pending) !== 'open') pending = '';
    if (/^\s*\\/.test(text) && pending.trim() === '') continue; // a psql meta-command between statements
    pending += text;
    maybeCopy ||= /stdin/i.test(text);
    if (!maybeCopy || !text.includes(';')) continue;
    // After a syntax error, the line on its own: the rows of a COPY after the error stay on disk all the same.
    let state = endsWithCopy(pending);
    if (state === 'broken' && pending !== text) state = endsWithCopy(text);
    if (state === 'open') continue;
    if (state === 'copy') rows = { from: at + bytes.length, lines: 0 };
    pending = '';
    maybeCopy = false;
  }
  decode(Buffer.alloc(0), false);
  if (rows)
    throw new InputError([
      `${shown}:${line}: COPY … FROM stdin has no end-of-data line (a line holding only \\.); end the rows with one, as pg_dump writes it`,
    ]);
  return { text: parts.join(''), elided, checksum: hash.checksum() };
}
