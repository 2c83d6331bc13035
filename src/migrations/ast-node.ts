import type { Node, RangeVar } from '@pgsql/types';

/**
 * libpg-query's nodes, typed by the parser's own types (@pgsql/types). A `Node` is a wrapper naming its kind
 * (`{ ColumnDef: {…} }`); a statement's own node is unwrapped and typed by its kind (parse.ts), and `nodeAs`
 * unwraps any other.
 */
export type { Node };

/** Every kind of node the parser makes (`IndexStmt`, `ColumnDef`, …), as its own types (@pgsql/types) name them. */
export type NodeKind = Node extends infer N ? (N extends unknown ? keyof N : never) : never;

/** The fields of a node of one kind. */
export type NodeOf<K extends NodeKind> =
  Extract<Node, { [P in K]: unknown }> extends infer W ? (W extends { [P in K]: infer F } ? F : never) : never;

/** A node unwrapped: its kind and its fields, typed by the kind (`{ kind: 'ColumnDef', node: ColumnDef }`). */
export type KindAndNode = { [K in NodeKind]: { kind: K; node: NodeOf<K> } }[NodeKind];

/** `{ ColumnDef: {…} }` → `{ kind: 'ColumnDef', node: {…} }`. */
export function unwrap(wrapped: Node): KindAndNode {
  const kind = Object.keys(wrapped)[0] as NodeKind;
  return { kind, node: (wrapped as Record<NodeKind, unknown>)[kind] } as KindAndNode;
}

/** The fields of `node` when it is a node of `kind` (`nodeAs(e, 'Constraint')?.contype`), else undefined. */
export function nodeAs<K extends NodeKind>(node: Node | undefined, kind: K): NodeOf<K> | undefined {
  return typeof node === 'object' && node !== null && kind in node ? (node as Record<K, NodeOf<K>>)[kind] : undefined;
}

/** The table a statement names as its `relation` (ALTER TABLE, CREATE INDEX, …), whatever its kind. */
export function relationOf(s: { node: object }): RangeVar | undefined {
  return 'relation' in s.node ? (s.node.relation as RangeVar | undefined) : undefined;
}

/** The text of a `String` node: a part of a name, a keyword given as a name. */
export const stringOf = (node: Node | undefined): string | undefined => nodeAs(node, 'String')?.sval;

/** The parts of a qualified name as written (`names`, `funcname`, `fields`): `['pg_catalog', 'int4']`. */
export const nameParts = (list: readonly Node[] | undefined): string[] => (list ?? []).map((n) => stringOf(n) ?? '');

/** The nodes of one kind in a list (`tableElts` → its `Constraint`s). */
export function nodesOf<K extends NodeKind>(list: readonly (Node | undefined)[] | undefined, kind: K): NodeOf<K>[] {
  return (list ?? []).flatMap((n) => {
    const node = nodeAs(n, kind);
    return node ? [node] : [];
  });
}
