/** A node of libpg-query's AST: `{ IndexStmt: {...} }`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AstNode = Record<string, any>;
