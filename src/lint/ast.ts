import type { Statement } from '../migrations/parse.js';
import { relationOf, type AstNode } from '../migrations/ast-node.js';
import { transactionControl, type TransactionControl } from '../migrations/transaction-control.js';

/** Helpers that read libpg-query's AST the way the rules need it. */

export interface RelName {
  schema?: string;
  name: string;
}

export function relName(rangeVar: AstNode | undefined): RelName | undefined {
  if (!rangeVar?.relname) return undefined;
  return { schema: rangeVar.schemaname, name: rangeVar.relname };
}

/** The table a statement names as its `relation` (ALTER TABLE, CREATE INDEX, …), whatever its kind. */
export const tableOf = (s: Statement): RelName | undefined => relName(relationOf(s));

/** A comparable key; unqualified names and `public.` names are taken as the same table. */
export function relKey(r: RelName): string {
  return `${r.schema && r.schema !== 'public' ? `${r.schema}.` : ''}${r.name}`.toLowerCase();
}

export function relText(r: RelName): string {
  return r.schema ? `${r.schema}.${r.name}` : r.name;
}

const NONE: readonly AstNode[] = Object.freeze([]);

/** Per-statement results of the helpers below: every rule asks the same questions of the same statement. */
const cache = new WeakMap<AstNode, { cmds?: AstNode[]; columns?: AstNode[]; introduced?: AstNode[] }>();
function cached<K extends 'cmds' | 'columns' | 'introduced'>(s: Statement, key: K, make: () => AstNode[]): AstNode[] {
  let entry = cache.get(s.node);
  if (!entry) cache.set(s.node, (entry = {}));
  return (entry[key] ??= make());
}

/** The sub-commands of an ALTER TABLE, each with its subtype. */
export function alterCmds(s: Statement): readonly AstNode[] {
  if (s.kind !== 'AlterTableStmt') return NONE;
  return cached(s, 'cmds', () => (s.node.cmds ?? []).map((c: AstNode) => c.AlterTableCmd).filter(Boolean));
}

/** The pseudo-types that create a sequence for their column (written as types, they are not types). */
export const SERIAL_TYPES: ReadonlySet<string> = new Set([
  'serial',
  'serial2',
  'serial4',
  'serial8',
  'smallserial',
  'bigserial',
]);

const typeNames = new WeakMap<AstNode, string>();

/** `pg_catalog.int4` -> `int4`; `serial` -> `serial`. */
export function typeNameOf(typeName: AstNode | undefined): string {
  if (!typeName) return '';
  let name = typeNames.get(typeName);
  if (name === undefined) {
    const names: AstNode[] = typeName.names ?? [];
    typeNames.set(typeName, (name = String(names[names.length - 1]?.String?.sval ?? '').toLowerCase()));
  }
  return name;
}

const control = new WeakMap<readonly Statement[], TransactionControl>();

/** The file's transaction control (see migrations/transaction-control.ts), read once for all the rules. */
export function txControl(statements: Statement[]): TransactionControl {
  let c = control.get(statements);
  if (!c) control.set(statements, (c = transactionControl(statements)));
  return c;
}

export function hasTypmods(typeName: AstNode | undefined): boolean {
  return Array.isArray(typeName?.typmods) && typeName.typmods.length > 0;
}

export function typmodValues(typeName: AstNode | undefined): number[] {
  return (typeName?.typmods ?? []).map((m: AstNode) => Number(m.A_Const?.ival?.ival ?? NaN));
}

export function constraintsOf(colDef: AstNode | undefined): AstNode[] {
  return (colDef?.constraints ?? []).map((c: AstNode) => c.Constraint).filter(Boolean);
}

/** Names of every function called anywhere inside an expression. */
export function functionsCalled(expr: unknown, out: string[] = []): string[] {
  if (Array.isArray(expr)) for (const e of expr) functionsCalled(e, out);
  else if (expr && typeof expr === 'object') {
    for (const [k, v] of Object.entries(expr)) {
      if (k === 'FuncCall') {
        const names: AstNode[] = (v as AstNode).funcname ?? [];
        out.push(String(names[names.length - 1]?.String?.sval ?? '').toLowerCase());
      }
      functionsCalled(v, out);
    }
  }
  return out;
}

/** Every string constant inside a node. */
export function stringConstants(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const e of node) stringConstants(e, out);
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === 'A_Const' && (v as AstNode).sval) out.push((v as AstNode).sval.sval);
      else stringConstants(v, out);
    }
  }
  return out;
}

/** Columns of a CREATE TABLE. */
export function columnDefs(s: Statement): readonly AstNode[] {
  if (s.kind !== 'CreateStmt') return NONE;
  return cached(s, 'columns', () => (s.node.tableElts ?? []).map((e: AstNode) => e.ColumnDef).filter(Boolean));
}

/** Column definitions a statement introduces: CREATE TABLE columns and ALTER TABLE … ADD COLUMN. */
export function introducedColumns(s: Statement): readonly AstNode[] {
  if (s.kind !== 'CreateStmt' && s.kind !== 'AlterTableStmt') return NONE;
  return cached(s, 'introduced', () => [
    ...columnDefs(s),
    ...alterCmds(s)
      .filter((c) => c.subtype === 'AT_AddColumn')
      .map((c) => c.def?.ColumnDef)
      .filter(Boolean),
  ]);
}

/** Column names of a constraint's key list (`keys`, `fk_attrs`, `pk_attrs`), lower-cased. */
export function keyNames(keys: AstNode[] | undefined): string[] {
  return (keys ?? []).map((k) => String(k.String?.sval ?? '').toLowerCase());
}

/** The column a CHECK expression proves NOT NULL (`col IS NOT NULL`), if that is all it says. */
export function notNullCheckColumn(expr: AstNode | undefined): string | undefined {
  const t = expr?.NullTest;
  const fields: AstNode[] = t?.arg?.ColumnRef?.fields ?? [];
  return t?.nulltesttype === 'IS_NOT_NULL' && fields.length === 1
    ? String(fields[0].String?.sval ?? '').toLowerCase() || undefined
    : undefined;
}

/** A foreign key a statement adds: its constraint, the referencing columns, and where it is written. */
export interface ForeignKey {
  constraint: AstNode;
  columns: string[];
  /** The column definition, for REFERENCES written on a column. */
  column?: AstNode;
}

const keysOf = new WeakMap<AstNode, ForeignKey[]>();

/** Foreign keys a CREATE TABLE or ALTER TABLE adds, written on a column or as a table constraint. */
export function foreignKeys(s: Statement): ForeignKey[] {
  if (s.kind !== 'CreateStmt' && s.kind !== 'AlterTableStmt') return [];
  let keys = keysOf.get(s.node);
  if (!keys) keysOf.set(s.node, (keys = findForeignKeys(s)));
  return keys;
}

function findForeignKeys(s: Statement): ForeignKey[] {
  const onColumns = introducedColumns(s).flatMap((col) =>
    constraintsOf(col)
      .filter((c) => c.contype === 'CONSTR_FOREIGN')
      .map((c) => ({ constraint: c, columns: [String(col.colname).toLowerCase()], column: col })),
  );
  const tableLevel = [
    ...(s.kind === 'CreateStmt' ? (s.node.tableElts ?? []).map((e: AstNode) => e.Constraint) : []),
    ...alterCmds(s)
      .filter((c) => c.subtype === 'AT_AddConstraint')
      .map((c) => c.def?.Constraint),
  ]
    .filter((c: AstNode | undefined) => c?.contype === 'CONSTR_FOREIGN')
    .map((c: AstNode) => ({ constraint: c, columns: keyNames(c.fk_attrs) }));
  return [...onColumns, ...tableLevel];
}
