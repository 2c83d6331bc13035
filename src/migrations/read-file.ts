import { constants } from 'node:buffer';
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { relative, isAbsolute } from 'node:path';
import { InputError } from '../errors.js';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

const tooLarge = (shown: string, size: number) =>
  `${shown}: is ${size.toLocaleString('en')} bytes, more than the ${constants.MAX_STRING_LENGTH.toLocaleString('en')} characters a JavaScript string can hold, and pg-migration-gate reads a migration whole; split it into migrations under that size (a large COPY block into several), or run this one file with psql`;

/**
 * Reads a migration file as UTF-8, refusing a symlink that leads outside the migrations folder and bytes that
 * are not UTF-8 (PostgreSQL would reject or mangle them). `root` must already be a real path. Returns the text
 * to run, and the file as written (its byte-order mark kept), which other tools hash.
 */
export function readMigrationFile(root: string, path: string, shown: string): { text: string; source: string } {
  const real = realpathSync(path);
  const rel = relative(root, real);
  if (rel.startsWith('..') || isAbsolute(rel)) {
    throw new InputError([
      `${shown}: is a link to ${real}, outside the migrations folder; copy the file into the folder instead`,
    ]);
  }
  const size = statSync(real).size;
  if (size > constants.MAX_STRING_LENGTH) throw new InputError([tooLarge(shown, size)]);
  const bytes = readFileSync(real);
  try {
    // A byte-order mark is dropped: PostgreSQL would read it as part of the first token.
    const source = utf8.decode(bytes);
    return { text: source.replace(/^\uFEFF/, ''), source };
  } catch (cause) {
    throw new InputError([`${shown}: is not valid UTF-8; save it as UTF-8 (PostgreSQL expects it)`], { cause });
  }
}
