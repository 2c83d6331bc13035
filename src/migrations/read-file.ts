import { constants } from 'node:buffer';
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { relative, isAbsolute } from 'node:path';
import { InputError } from '../foundation/errors.js';
import type { RowsOnDisk } from '../model/migration.js';
import { readInPieces } from './large-file.js';

/** Files larger than this are read in pieces, their COPY rows left on disk (large-file.ts). */
export const LARGE_FILE = 64 * 1024 * 1024;

const tooLarge = (shown: string) =>
  `${shown}: holds more SQL outside its COPY rows than the ${constants.MAX_STRING_LENGTH.toLocaleString('en')} characters a JavaScript string can hold, and pg-migration-gate holds that SQL whole; split it into several migrations, or run this one file with psql`;

export interface FileText {
  /** The text to run, byte-order mark dropped: PostgreSQL would read one as part of the first token. */
  text: string;
  /** The file as written, which other tools hash; absent for a large file. */
  source?: string;
  /** A large file's COPY rows, left on disk, and the checksum of its whole text, taken as it was read. */
  elided?: RowsOnDisk[];
  checksum?: string;
}

/**
 * Reads a migration file as UTF-8, refusing a symlink that leads outside the migrations folder and bytes that
 * are not UTF-8 (PostgreSQL would reject or mangle them). `root` must already be a real path. A file over
 * `largeAbove` bytes is read a line at a time, its COPY rows left on disk.
 */
export function readMigrationFile(root: string, path: string, shown: string, largeAbove = LARGE_FILE): FileText {
  const real = realpathSync(path);
  const rel = relative(root, real);
  if (rel.startsWith('..') || isAbsolute(rel)) {
    throw new InputError([
      `${shown}: is a link to ${real}, outside the migrations folder; copy the file into the folder instead`,
    ]);
  }
  const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  try {
    if (statSync(real).size > largeAbove) {
      return readInPieces(real, shown, (bytes, stream) => utf8.decode(bytes, { stream }));
    }
    const source = utf8.decode(readFileSync(real));
    return { text: source.replace(/^\uFEFF/, ''), source };
  } catch (cause) {
    if (cause instanceof InputError) throw cause;
    const code = (cause as { code?: string }).code;
    if (code === 'ERR_STRING_TOO_LONG' || (cause instanceof RangeError && /string length/i.test(cause.message)))
      throw new InputError([tooLarge(shown)], { cause });
    if (code === 'ERR_ENCODING_INVALID_ENCODED_DATA')
      throw new InputError([`${shown}: is not valid UTF-8; save it as UTF-8 (PostgreSQL expects it)`], { cause });
    throw cause;
  }
}
