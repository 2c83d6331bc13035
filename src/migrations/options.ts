import { nodeAs, nodesOf, stringOf, type Node } from './ast-node.js';

/**
 * Whether a parenthesized option list turns an option on, read as PostgreSQL's defGetBoolean reads it:
 * `(CONCURRENTLY)` and `(FULL true)` are on; `(CONCURRENTLY false)`, `(FULL off)` and `(FULL 0)` are off. REINDEX
 * and VACUUM accept an option twice, and the last one counts.
 */
export function optionOn(options: readonly Node[] | undefined, name: string): boolean {
  const option = nodesOf(options, 'DefElem')
    .filter((d) => d.defname === name)
    .pop();
  if (!option) return false;
  const arg = option.arg;
  if (!arg) return true;
  const number = nodeAs(arg, 'Integer');
  if (number) return (number.ival ?? 0) !== 0;
  const bool = nodeAs(arg, 'Boolean');
  if (bool) return !!bool.boolval;
  return ['true', 'on'].includes((stringOf(arg) ?? '').toLowerCase());
}
