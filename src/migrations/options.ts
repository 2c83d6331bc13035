import type { AstNode } from './ast-node.js';

/**
 * Whether a parenthesized option list turns an option on, read as PostgreSQL's defGetBoolean reads it:
 * `(CONCURRENTLY)` and `(FULL true)` are on; `(CONCURRENTLY false)`, `(FULL off)` and `(FULL 0)` are off. REINDEX
 * and VACUUM accept an option twice, and the last one counts.
 */
export function optionOn(options: readonly AstNode[] | undefined, name: string): boolean {
  const option = (options ?? [])
    .map((o) => o.DefElem)
    .filter((d) => d?.defname === name)
    .pop();
  if (!option) return false;
  const arg = option.arg;
  if (!arg) return true;
  if (arg.Integer) return (arg.Integer.ival ?? 0) !== 0;
  if (arg.Boolean) return !!arg.Boolean.boolval;
  return ['true', 'on'].includes(String(arg.String?.sval ?? '').toLowerCase());
}
