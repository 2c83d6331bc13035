import type { Node, RangeVar } from '@pgsql/types';

/**
 * A node read loosely: the walks over any kind of node (expressions, constants, a column's constraints) that
 * the statement types below do not reach yet. A statement's own node is typed by its kind (parse.ts).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AstNode = Record<string, any>;

/** Every kind of node the parser makes (`IndexStmt`, `ColumnDef`, …), as its own types (@pgsql/types) name them. */
export type NodeKind = Node extends infer N ? (N extends unknown ? keyof N : never) : never;

/** The fields of a node of one kind. */
export type NodeOf<K extends NodeKind> =
  Extract<Node, { [P in K]: unknown }> extends infer W ? (W extends { [P in K]: infer F } ? F : never) : never;

/** The fields of `node` when it is a node of `kind` (`nodeAs(e, 'Constraint')?.contype`), else undefined. */
export function nodeAs<K extends NodeKind>(node: Node | AstNode | undefined, kind: K): NodeOf<K> | undefined {
  return typeof node === 'object' && node !== null && kind in node ? (node as Record<K, NodeOf<K>>)[kind] : undefined;
}

/** The table a statement names as its `relation` (ALTER TABLE, CREATE INDEX, …), whatever its kind. */
export function relationOf(s: { node: object }): RangeVar | undefined {
  return 'relation' in s.node ? (s.node.relation as RangeVar | undefined) : undefined;
}
