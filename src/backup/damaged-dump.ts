import { InputError, ToolError } from '../foundation/errors.js';

/**
 * What pg_restore says when it cannot read an archive (its header, its table of contents or a data block), as
 * opposed to a statement the server refused: a truncated file, bytes changed, or not a custom-format dump at all.
 * Wordings of pg_restore 9.6 to 18 (the compression ones differ by method and version).
 */
const UNREADABLE_ARCHIVE = new RegExp(
  [
    'could not read from input file',
    'input file is too short',
    'input file does not appear to be a valid archive',
    'input file appears to be a text format dump',
    'did not find magic string in file header',
    'unsupported version \\(.*\\) in file header',
    'could not (?:un|de)compress',
    'possibly corrupt',
    'corrupt TOC',
    'unrecognized data block type',
    'found unexpected block ID',
    'could not find block ID',
    'unexpected end of file',
    'unrecognized file format',
    'invalid compression (?:code|method|specification)',
    'has wrong seek position',
  ].join('|'),
);

/**
 * The error to report for a pg_restore that failed reading `dump`: an InputError naming the dump when the archive
 * itself cannot be read, undefined for anything else (a server error, a cancel, a lock wait). Either way nothing
 * was restored: pg_restore reads the table of contents before it connects, and restores in one transaction, which
 * a failure mid-way rolls back.
 */
export function damagedDump(dump: string, err: unknown): InputError | undefined {
  // runTool's error: "pg_restore exited with 1: pg_restore: error: could not read from input file: end of file".
  if (!(err instanceof ToolError) || err.tool !== 'pg_restore') return undefined;
  const line = err.message.split('\n').find((l) => UNREADABLE_ARCHIVE.test(l));
  if (!line) return undefined;
  const said = line.replace(/^.*?pg_restore: (?:error: |\[archiver\] )?/, '').trim();
  return new InputError(
    [
      `${dump}: pg_restore cannot read the dump (${said}): the file is damaged or truncated, though it matches the sha256 its metadata records; nothing was restored. Restore an intact copy of the backup (the one uploaded or kept elsewhere)`,
    ],
    { cause: err },
  );
}
