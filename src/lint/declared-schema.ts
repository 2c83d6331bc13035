import type { Statement } from '../migrations/parse.js';
import type { ColumnDef, Constraint, TypeName, AlterTableCmd } from '@pgsql/types';
import { nodeAs } from '../migrations/ast-node.js';
import {
  alterCmds,
  columnDefs,
  constraintsOf,
  keyNames,
  tableConstraints,
  notNullCheckColumn,
  relKey,
  relName,
  type RelName,
} from './ast.js';
import { Facts } from './facts.js';

export interface IndexInfo {
  /** relKey() of the table. */
  table: string;
  columns: string[];
  /** A partial index (WHERE …) or one on expressions: it does not cover its columns for every row. */
  partial: boolean;
}

/** What the migrations declared, as seen just before one statement. Unknown means declared outside the folder. */
export interface SchemaView {
  columnType(rel: RelName, column: string): TypeName | undefined;
  /** True or false when the folder says whether the column is NOT NULL; undefined when it cannot tell. */
  columnNotNull(rel: RelName, column: string): boolean | undefined;
  /** The table was created by these migrations, so every index on it is known here. */
  tableCreated(rel: RelName): boolean;
  index(name: string): IndexInfo | undefined;
  /** Every index known on the table, constraint indexes included. */
  indexesOn(rel: RelName): IndexInfo[];
  /** A validated CHECK (col IS NOT NULL), which lets SET NOT NULL skip its scan (PostgreSQL 12+). */
  hasValidNotNullCheck(rel: RelName, column: string): boolean;
  /** A permissive policy on the table is declared and not dropped since (policies follow a renamed table). */
  hasPolicy(rel: RelName): boolean;
}

const columnKey = (rel: RelName, column: string) => `${relKey(rel)}|${column.toLowerCase()}`;
const keyIn = (table: string, column: string) => `${table}|${column.toLowerCase()}`;

/** Keys for unnamed constraint indexes, unique across the files of a run. */
let unnamedIndexes = 0;

/**
 * What the folder's migrations declared, statement after statement: column types and nullability, tables created,
 * indexes, NOT NULL checks and the tables given a policy. The run keeps one history of the files linted so far
 * (`record`); each file gets a layer on top (`layer`) whose `view(i)` answers as of its statement i, without
 * copying the folder's history.
 * Unknown means undeclared here (created outside the folder): rules treat it as "cannot tell", never as "absent".
 */
export class DeclaredSchema {
  private readonly types: Facts<TypeName | undefined>;
  private readonly notNull: Facts<boolean>;
  private readonly tables: Facts<boolean>;
  private readonly policies: Facts<{ permissive: boolean } | null>;
  private readonly policyNames: Facts<string>;
  private readonly indexes: Facts<IndexInfo | null>;
  private readonly indexNames: Facts<string>;
  private readonly checks: Facts<{ column: string; valid: boolean } | null>;
  private readonly checkNames: Facts<string>;
  private at = 0;

  private constructor(private readonly parent?: DeclaredSchema) {
    const versions = !!parent;
    [this.types, this.notNull, this.tables, this.policies, this.indexes, this.checks] = [
      new Facts(versions),
      new Facts(versions),
      new Facts(versions),
      new Facts(versions),
      new Facts(versions),
      new Facts(versions),
    ];
    [this.indexNames, this.checkNames, this.policyNames] = [new Facts(true), new Facts(true), new Facts(true)];
  }

  /** The history of a run, empty until files are recorded into it. */
  static empty(): DeclaredSchema {
    return new DeclaredSchema();
  }

  /** A file's statements on top of this history, to be queried statement by statement. */
  layer(statements: readonly Statement[]): DeclaredSchema {
    return new DeclaredSchema(this).record(statements);
  }

  /** Adds a linted file's statements. */
  record(statements: readonly Statement[]): this {
    for (const s of statements) {
      this.recordOne(s);
      if (this.parent) this.at++;
    }
    return this;
  }

  private find<V>(pick: (h: DeclaredSchema) => Facts<V>, key: string, before: number): V | undefined {
    return (
      pick(this).latest(key, before) ?? (this.parent ? { value: this.parent.find(pick, key, Infinity) } : undefined)
    )?.value;
  }

  private every(pick: (h: DeclaredSchema) => Facts<string>, key: string, before: number): string[] {
    return [...(this.parent?.every(pick, key, Infinity) ?? []), ...pick(this).all(key, before)];
  }

  /** The history as it was just before statement `before` of the layer's file (all of it by default). */
  view(before = Infinity): SchemaView {
    return new View(this, before);
  }

  /** Single facts for views: a column's type or nullability, a table, an index or a check, by key. */
  fact(kind: 'types', key: string, before: number): TypeName | undefined;
  fact(kind: 'notNull' | 'tables', key: string, before: number): boolean | undefined;
  fact(kind: 'policies', key: string, before: number): { permissive: boolean } | null | undefined;
  fact(kind: 'indexes', key: string, before: number): IndexInfo | null | undefined;
  fact(kind: 'checks', key: string, before: number): { column: string; valid: boolean } | null | undefined;
  fact(kind: 'types' | 'notNull' | 'tables' | 'policies' | 'indexes' | 'checks', key: string, before: number): unknown {
    return this.find((h) => h[kind] as Facts<unknown>, key, before);
  }

  /** Listed facts for views: the index names of a table, the NOT NULL checks of a column, the policies of a table. */
  listed(kind: 'indexNames' | 'checkNames' | 'policyNames', key: string, before: number): string[] {
    return this.every((h) => h[kind], key, before);
  }

  /** Merges a file's layer into this (the run's) history once the file is linted. */
  absorb(layer: DeclaredSchema): void {
    layer.types.copyTo(this.types, false);
    layer.notNull.copyTo(this.notNull, false);
    layer.tables.copyTo(this.tables, false);
    layer.policies.copyTo(this.policies, false);
    layer.indexes.copyTo(this.indexes, false);
    layer.checks.copyTo(this.checks, false);
    layer.indexNames.copyTo(this.indexNames, true);
    layer.checkNames.copyTo(this.checkNames, true);
    layer.policyNames.copyTo(this.policyNames, true);
  }

  private addIndex(name: string | undefined, info: IndexInfo): void {
    const key = name ? name.toLowerCase() : `#${unnamedIndexes++}#${info.table}`;
    this.indexes.set(key, this.at, info);
    this.indexNames.add(info.table, this.at, key);
  }

  private addColumn(table: string, col: ColumnDef, tableKeys: string[]): void {
    const name = (col.colname ?? '').toLowerCase();
    const key = keyIn(table, name);
    this.types.set(key, this.at, col.typeName);
    const constraints = constraintsOf(col);
    const kinds = constraints.map((c) => c.contype);
    const primary = kinds.includes('CONSTR_PRIMARY') || tableKeys.includes(name);
    this.notNull.set(key, this.at, primary || kinds.includes('CONSTR_NOTNULL') || kinds.includes('CONSTR_IDENTITY'));
    for (const c of constraints) {
      if (c.contype === 'CONSTR_PRIMARY' || c.contype === 'CONSTR_UNIQUE')
        this.addIndex(c.indexname ?? c.conname, { table, columns: [name], partial: false });
    }
  }

  /** PRIMARY KEY / UNIQUE (col, …) / CHECK (col IS NOT NULL) given as a table constraint. */
  private addConstraint(rel: RelName, c: Constraint): void {
    const table = relKey(rel);
    if ((c.contype === 'CONSTR_PRIMARY' || c.contype === 'CONSTR_UNIQUE') && !c.indexname)
      this.addIndex(c.conname, { table, columns: keyNames(c.keys), partial: false });
    if (c.contype === 'CONSTR_PRIMARY') {
      // Declared so far: in a file's layer, the statements before this one; in the run's history, everything.
      const columns = c.indexname
        ? (this.find((h) => h.indexes, c.indexname.toLowerCase(), this.parent ? this.at : Infinity)?.columns ?? [])
        : keyNames(c.keys);
      for (const col of columns) this.notNull.set(columnKey(rel, col), this.at, true);
    }
    const column = c.contype === 'CONSTR_CHECK' ? notNullCheckColumn(c.raw_expr) : undefined;
    if (column && c.conname) {
      const key = `${table}|${c.conname.toLowerCase()}`;
      this.checks.set(key, this.at, { column, valid: !c.skip_validation });
      this.checkNames.add(columnKey(rel, column), this.at, key);
    }
  }

  private recordAlter(rel: RelName, cmds: readonly AlterTableCmd[]): void {
    const table = relKey(rel);
    for (const cmd of cmds) {
      const col = nodeAs(cmd.def, 'ColumnDef');
      if (cmd.subtype === 'AT_AddColumn' && col) this.addColumn(table, col, []);
      if (cmd.subtype === 'AT_AlterColumnType' && col)
        this.types.set(columnKey(rel, cmd.name ?? ''), this.at, col.typeName);
      if (cmd.subtype === 'AT_SetNotNull' || cmd.subtype === 'AT_DropNotNull')
        this.notNull.set(columnKey(rel, cmd.name ?? ''), this.at, cmd.subtype === 'AT_SetNotNull');
      const constraint = nodeAs(cmd.def, 'Constraint');
      if (cmd.subtype === 'AT_AddConstraint' && constraint) this.addConstraint(rel, constraint);
      const key = cmd.name ? `${table}|${cmd.name.toLowerCase()}` : '';
      if (cmd.subtype === 'AT_ValidateConstraint' && key) {
        const c = this.find((h) => h.checks, key, Infinity);
        if (c) this.checks.set(key, this.at, { ...c, valid: true });
      }
      if (cmd.subtype === 'AT_DropConstraint' && key) this.checks.set(key, this.at, null);
    }
  }

  /** The table's policies not dropped since, as declared so far. */
  private livePolicies(table: string): [key: string, policy: { permissive: boolean }][] {
    const now = this.parent ? this.at : Infinity;
    return [...new Set(this.listed('policyNames', table, now))].flatMap((key) => {
      const policy = this.fact('policies', key, now);
      return policy ? [[key, policy] as [string, { permissive: boolean }]] : [];
    });
  }

  private setPolicy(table: string, name: string, policy: { permissive: boolean } | null): void {
    const key = `${table}|${name.toLowerCase()}`;
    this.policies.set(key, this.at, policy);
    if (policy) this.policyNames.add(table, this.at, key);
  }

  /** CREATE POLICY and DROP POLICY; a table dropped or created afresh has none, a renamed one keeps its own. */
  private recordPolicies(s: Statement): void {
    if (s.kind === 'CreatePolicyStmt') {
      const rel = relName(s.node.table);
      if (rel && s.node.policy_name)
        this.setPolicy(relKey(rel), s.node.policy_name, { permissive: s.node.permissive === true });
    }
    const removeType = s.kind === 'DropStmt' ? s.node.removeType : undefined;
    const dropped =
      s.kind === 'DropStmt'
        ? (s.node.objects ?? []).map((o) =>
            (nodeAs(o, 'List')?.items ?? []).map((i) => String(nodeAs(i, 'String')?.sval ?? '')),
          )
        : [];
    for (const names of removeType === 'OBJECT_POLICY' ? dropped : []) {
      const policy = names.pop();
      if (policy && names.length)
        this.setPolicy(
          relKey({ schema: names.length > 1 ? names[0] : undefined, name: names[names.length - 1] }),
          policy,
          null,
        );
    }
    const gone: string[] =
      removeType === 'OBJECT_TABLE'
        ? dropped.map((n: string[]) => relKey({ schema: n.length > 1 ? n[0] : undefined, name: n[n.length - 1] }))
        : [];
    if (s.kind === 'CreateStmt' && !s.node.if_not_exists && s.node.relation)
      gone.push(relKey(relName(s.node.relation)!));
    for (const table of gone) for (const [key] of this.livePolicies(table)) this.policies.set(key, this.at, null);
    if (s.kind === 'RenameStmt' && s.node.renameType === 'OBJECT_TABLE' && s.node.relation && s.node.newname) {
      const from = relName(s.node.relation)!;
      for (const [key, policy] of this.livePolicies(relKey(from)))
        this.setPolicy(relKey({ schema: from.schema, name: s.node.newname }), key.split('|')[1], policy);
    }
  }

  private recordOne(s: Statement): void {
    this.recordPolicies(s);
    if (s.kind === 'IndexStmt') {
      const rel = relName(s.node.relation);
      const columns = (s.node.indexParams ?? []).map((p) => (nodeAs(p, 'IndexElem')?.name ?? '').toLowerCase());
      if (rel)
        this.addIndex(s.node.idxname, {
          table: relKey(rel),
          columns,
          partial: !!s.node.whereClause || columns.includes(''),
        });
      return;
    }
    if (s.kind === 'DropStmt' && s.node.removeType === 'OBJECT_INDEX') {
      for (const o of s.node.objects ?? []) {
        const items = nodeAs(o, 'List')?.items ?? [];
        const name = nodeAs(items[items.length - 1], 'String')?.sval;
        if (name) this.indexes.set(name.toLowerCase(), this.at, null);
      }
      return;
    }
    if (s.kind !== 'CreateStmt' && s.kind !== 'AlterTableStmt' && s.kind !== 'RenameStmt') return;
    const rel = relName(s.node.relation);
    if (!rel) return;
    if (s.kind === 'CreateStmt') {
      this.tables.set(relKey(rel), this.at, true);
      const constraints = tableConstraints(s);
      const keys = constraints.filter((c) => c.contype === 'CONSTR_PRIMARY').flatMap((c) => keyNames(c.keys));
      for (const col of columnDefs(s)) this.addColumn(relKey(rel), col, keys);
      for (const c of constraints) this.addConstraint(rel, c);
    }
    this.recordAlter(rel, alterCmds(s));
    if (s.kind === 'RenameStmt' && s.node.renameType === 'OBJECT_COLUMN' && s.node.subname && s.node.newname) {
      const [from, to] = [columnKey(rel, s.node.subname), columnKey(rel, s.node.newname)];
      const type = this.find((h) => h.types, from, Infinity);
      const notNull = this.find((h) => h.notNull, from, Infinity);
      if (type) this.types.set(to, this.at, type);
      if (notNull !== undefined) this.notNull.set(to, this.at, notNull);
    }
  }
}

/** A DeclaredSchema as of one statement. */
class View implements SchemaView {
  constructor(
    private readonly h: DeclaredSchema,
    private readonly before: number,
  ) {}

  columnType(rel: RelName, column: string): TypeName | undefined {
    return this.h.fact('types', columnKey(rel, column), this.before);
  }

  columnNotNull(rel: RelName, column: string): boolean | undefined {
    return this.h.fact('notNull', columnKey(rel, column), this.before);
  }

  tableCreated(rel: RelName): boolean {
    return this.h.fact('tables', relKey(rel), this.before) === true;
  }

  index(name: string): IndexInfo | undefined {
    return this.h.fact('indexes', name.toLowerCase(), this.before) ?? undefined;
  }

  indexesOn(rel: RelName): IndexInfo[] {
    const table = relKey(rel);
    const names = new Set(this.h.listed('indexNames', table, this.before));
    return [...names].map((n) => this.index(n)).filter((i): i is IndexInfo => !!i && i.table === table);
  }

  hasPolicy(rel: RelName): boolean {
    return this.h
      .listed('policyNames', relKey(rel), this.before)
      .some((key) => this.h.fact('policies', key, this.before)?.permissive === true);
  }

  hasValidNotNullCheck(rel: RelName, column: string): boolean {
    return this.h
      .listed('checkNames', columnKey(rel, column), this.before)
      .some((key) => this.h.fact('checks', key, this.before)?.valid === true);
  }
}
