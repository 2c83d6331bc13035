import { readFileSync, realpathSync } from 'node:fs';
import { relative, isAbsolute } from 'node:path';
import { InputError } from '../errors.js';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

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
  const bytes = readFileSync(real);
  try {
    // A byte-order mark is dropped: PostgreSQL would read it as part of the first token.
    const source = utf8.decode(bytes);
    return { text: source.replace(/^\uFEFF/, ''), source };
  } catch (cause) {
    throw new InputError([`${shown}: is not valid UTF-8; save it as UTF-8 (PostgreSQL expects it)`], { cause });
  }
}
