import type { Statement } from '../migrations/parse.js';
import type { A_Const, AlterTableCmd, ColumnDef, Constraint, FuncCall, RangeVar, TypeName } from '@pgsql/types';
import { nameParts, nodeAs, nodesOf, relationOf, stringOf, type Node } from '../migrations/ast-node.js';
import { transactionControl, type TransactionControl } from '../migrations/transaction-control.js';

/** Helpers that read libpg-query's AST the way the rules need it. */

export interface RelName {
  schema?: string;
  name: string;
}

export function relName(rangeVar: RangeVar | undefined): RelName | undefined {
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

/** Per-statement results of the helpers below: every rule asks the same questions of the same statement. */
interface Answers {
  cmds?: AlterTableCmd[];
  columns?: ColumnDef[];
  introduced?: ColumnDef[];
}
const cache = new WeakMap<object, Answers>();
function cached<K extends keyof Answers>(s: Statement, key: K, make: () => NonNullable<Answers[K]>) {
  let entry = cache.get(s.node);
  if (!entry) cache.set(s.node, (entry = {}));
  return (entry[key] ??= make());
}

/** The sub-commands of an ALTER TABLE, each with its subtype. */
export function alterCmds(s: Statement): readonly AlterTableCmd[] {
  if (s.kind !== 'AlterTableStmt') return [];
  return cached(s, 'cmds', () => nodesOf(s.node.cmds, 'AlterTableCmd'));
}

/** The column an ALTER TABLE sub-command adds (ADD COLUMN), if it adds one. */
export const addedColumn = (cmd: AlterTableCmd): ColumnDef | undefined =>
  cmd.subtype === 'AT_AddColumn' ? nodeAs(cmd.def, 'ColumnDef') : undefined;

/** The constraint an ALTER TABLE sub-command adds (ADD CONSTRAINT), if it adds one. */
export const addedConstraint = (cmd: AlterTableCmd): Constraint | undefined =>
  cmd.subtype === 'AT_AddConstraint' ? nodeAs(cmd.def, 'Constraint') : undefined;

/** The pseudo-types that create a sequence for their column (written as types, they are not types). */
export const SERIAL_TYPES: ReadonlySet<string> = new Set([
  'serial',
  'serial2',
  'serial4',
  'serial8',
  'smallserial',
  'bigserial',
]);

const typeNames = new WeakMap<TypeName, string>();

/** `pg_catalog.int4` -> `int4`; `serial` -> `serial`. */
export function typeNameOf(typeName: TypeName | undefined): string {
  if (!typeName) return '';
  let name = typeNames.get(typeName);
  if (name === undefined) typeNames.set(typeName, (name = (nameParts(typeName.names).at(-1) ?? '').toLowerCase()));
  return name;
}

const control = new WeakMap<readonly Statement[], TransactionControl>();

/** The file's transaction control (see migrations/transaction-control.ts), read once for all the rules. */
export function txControl(statements: Statement[]): TransactionControl {
  let c = control.get(statements);
  if (!c) control.set(statements, (c = transactionControl(statements)));
  return c;
}

export function hasTypmods(typeName: TypeName | undefined): boolean {
  return !!typeName?.typmods?.length;
}

/** A type's modifiers (`varchar(20)` → [20]); NaN for one that is not an integer constant. */
export function typmodValues(typeName: TypeName | undefined): number[] {
  return (typeName?.typmods ?? []).map((m) => Number(nodeAs(m, 'A_Const')?.ival?.ival ?? NaN));
}

export function constraintsOf(colDef: ColumnDef | undefined): Constraint[] {
  return nodesOf(colDef?.constraints, 'Constraint');
}

/** Names of every function called anywhere inside an expression. */
export function functionsCalled(expr: unknown, out: string[] = []): string[] {
  if (Array.isArray(expr)) for (const e of expr) functionsCalled(e, out);
  else if (expr && typeof expr === 'object') {
    for (const [k, v] of Object.entries(expr)) {
      if (k === 'FuncCall') out.push((nameParts((v as FuncCall).funcname).at(-1) ?? '').toLowerCase());
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
      const text = k === 'A_Const' ? (v as A_Const).sval : undefined;
      if (text) out.push(text.sval ?? '');
      else stringConstants(v, out);
    }
  }
  return out;
}

/** Columns of a CREATE TABLE. */
export function columnDefs(s: Statement): readonly ColumnDef[] {
  if (s.kind !== 'CreateStmt') return [];
  return cached(s, 'columns', () => nodesOf(s.node.tableElts, 'ColumnDef'));
}

/** Column definitions a statement introduces: CREATE TABLE columns and ALTER TABLE … ADD COLUMN. */
export function introducedColumns(s: Statement): readonly ColumnDef[] {
  if (s.kind !== 'CreateStmt' && s.kind !== 'AlterTableStmt') return [];
  return cached(s, 'introduced', () => [...columnDefs(s), ...alterCmds(s).flatMap((c) => addedColumn(c) ?? [])]);
}

/** The table constraints of a CREATE TABLE (`PRIMARY KEY (a, b)`, …), not those written on a column. */
export function tableConstraints(s: Statement): Constraint[] {
  return s.kind === 'CreateStmt' ? nodesOf(s.node.tableElts, 'Constraint') : [];
}

/** Column names of a constraint's key list (`keys`, `fk_attrs`, `pk_attrs`), lower-cased. */
export function keyNames(keys: Node[] | undefined): string[] {
  return nameParts(keys).map((k) => k.toLowerCase());
}

/** The column a CHECK expression proves NOT NULL (`col IS NOT NULL`), if that is all it says. */
export function notNullCheckColumn(expr: Node | undefined): string | undefined {
  const t = nodeAs(expr, 'NullTest');
  const fields = nodeAs(t?.arg, 'ColumnRef')?.fields ?? [];
  return t?.nulltesttype === 'IS_NOT_NULL' && fields.length === 1
    ? (stringOf(fields[0]) ?? '').toLowerCase() || undefined
    : undefined;
}

/** A foreign key a statement adds: its constraint, the referencing columns, and where it is written. */
export interface ForeignKey {
  constraint: Constraint;
  columns: string[];
  /** The column definition, for REFERENCES written on a column. */
  column?: ColumnDef;
}

const keysOf = new WeakMap<object, ForeignKey[]>();

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
  const tableLevel = [...tableConstraints(s), ...alterCmds(s).flatMap((c) => addedConstraint(c) ?? [])]
    .filter((c) => c.contype === 'CONSTR_FOREIGN')
    .map((c) => ({ constraint: c, columns: keyNames(c.fk_attrs) }));
  return [...onColumns, ...tableLevel];
}
