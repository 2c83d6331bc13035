import { createHash, type Hash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import type { Script } from '../model/migration.js';

/** sha256 of a script with CRLF and CR line endings normalised to LF, so a checkout on Windows matches. */
export function checksum(sql: string): string {
  const normalised = sql.replace(/\r\n?/g, '\n');
  return `sha256:${createHash('sha256').update(normalised, 'utf8').digest('hex')}`;
}

/**
 * The checksum of a script as written: its text, and the COPY rows a large file left on disk put back where they
 * were, read a chunk at a time. Equal to checksum() of the whole text.
 */
export function checksumOf(script: Script): string {
  if (!script.elided?.length) return checksum(script.sql);
  const hash = new LineEndHash();
  let at = 0;
  let line = 0;
  for (const rows of script.elided) {
    let cut = at;
    for (; line < rows.line; line++) cut = script.sql.indexOf('\n', cut) + 1;
    hash.update(Buffer.from(script.sql.slice(at, cut), 'utf8'));
    at = cut;
    fileRange(rows.path, rows.from, rows.to, (bytes) => hash.update(bytes));
  }
  hash.update(Buffer.from(script.sql.slice(at), 'utf8'));
  return hash.checksum();
}

/** Reads bytes [from, to) of a file a chunk at a time. */
function fileRange(path: string, from: number, to: number, each: (bytes: Buffer) => void): void {
  const fd = openSync(path, 'r');
  try {
    const chunk = Buffer.allocUnsafe(1 << 20);
    for (let at = from; at < to;) {
      const n = readSync(fd, chunk, 0, Math.min(chunk.length, to - at), at);
      if (n === 0) throw new Error(`${path} is shorter than when it was read (${at} of ${to} bytes)`);
      each(chunk.subarray(0, n));
      at += n;
    }
  } finally {
    closeSync(fd);
  }
}

/** sha256 of bytes fed in pieces, CR LF and lone CR counted as LF (both are single bytes in UTF-8): checksum(). */
export class LineEndHash {
  private readonly hash: Hash = createHash('sha256');
  /** The last piece ended in CR: a LF opening the next is the same line end. */
  private afterCr = false;
  update(bytes: Buffer): void {
    let start = 0;
    if (this.afterCr && bytes[0] === 10) start = 1;
    this.afterCr = false;
    for (let cr = bytes.indexOf(13, start); cr >= 0; cr = bytes.indexOf(13, start)) {
      this.hash.update(bytes.subarray(start, cr));
      this.hash.update('\n');
      if (cr + 1 === bytes.length) this.afterCr = true;
      start = bytes[cr + 1] === 10 ? cr + 2 : cr + 1;
    }
    if (start < bytes.length) this.hash.update(bytes.subarray(start));
  }
  /** In checksum()'s form. */
  checksum(): string {
    return `sha256:${this.hash.digest('hex')}`;
  }
}
