import type { Statement } from '../migrations/parse.js';
import type { FolderConventions } from './rule.js';

/** CREATE/DROP statements that can say IF [NOT] EXISTS (or OR REPLACE), and whether they do. */
export function idempotencyOf(s: Statement): boolean | undefined {
  switch (s.kind) {
    case 'CreateStmt':
    case 'IndexStmt':
    case 'CreateSeqStmt':
    case 'CreateSchemaStmt':
    case 'CreateExtensionStmt':
      return s.node.if_not_exists === true;
    case 'ViewStmt':
      return s.node.replace === true;
    case 'CreateFunctionStmt':
      return s.node.replace === true;
    case 'DropStmt':
      return s.node.missing_ok === true;
    default:
      return undefined;
  }
}

/** `20240119_143000` and `20240119143000` are timestamps; `001` is a number of width 3. */
export function versionStyle(version: string): string {
  if (/^\d{8}_?\d{6}$/.test(version)) return 'timestamp';
  if (/^\d{4}-\d{2}-\d{2}-\d{6}$/.test(version)) return 'timestamp';
  return /^\d+$/.test(version) ? `number:${version.length}` : 'other';
}

function majority<T>(values: T[]): T | undefined {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: T | undefined;
  let n = 0;
  for (const [v, c] of counts) if (c > n) [best, n] = [v, c];
  return n * 2 > values.length ? best : undefined;
}

/** Reads the habits of a folder from all its migrations: idempotent DDL, header comments, version style. */
export function folderConventions(
  files: { text: string; statements: Statement[]; version?: string }[],
): FolderConventions {
  const flags = files.flatMap((f) => f.statements.map(idempotencyOf).filter((x): x is boolean => x !== undefined));
  const headed = files.filter((f) => /^\s*(--|\/\*)/.test(f.text)).length;
  const styles = files
    .map((f) => f.version)
    .filter((v): v is string => !!v)
    .map(versionStyle);
  return {
    idempotent: flags.length >= 2 && flags.filter(Boolean).length * 2 > flags.length,
    headers: files.length >= 2 && headed * 2 > files.length,
    versionStyle: styles.length >= 2 ? majority(styles) : undefined,
  };
}
