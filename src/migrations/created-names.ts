import type { AstNode } from './ast-node.js';
import type { Statement } from './parse.js';

/**
 * The objects statements create, by name, read from the parser's tree: what a failed run may drop again. Names
 * are as the server stores them (unquoted ones already folded to lower case by the parser); `schema` is absent
 * for an unqualified name, which the server puts in the first schema of the search_path.
 */
export interface CreatedName {
  kind: 'relation' | 'type' | 'function' | 'schema';
  schema?: string;
  name: string;
}

const strings = (list: AstNode[] | undefined): string[] =>
  (list ?? []).map((n: AstNode) => n.String?.sval).filter((s: unknown): s is string => typeof s === 'string');

/** `[schema, name]` or `[name]` (a List of String nodes, as CREATE TYPE and CREATE FUNCTION write names). */
function qualified(kind: CreatedName['kind'], list: AstNode[] | undefined): CreatedName[] {
  const parts = strings(list);
  if (!parts.length) return [];
  return [{ kind, name: parts[parts.length - 1], ...(parts.length > 1 ? { schema: parts[parts.length - 2] } : {}) }];
}

function relation(rangeVar: AstNode | undefined, schema?: string): CreatedName[] {
  if (!rangeVar?.relname || rangeVar.relpersistence === 't') return [];
  const s = rangeVar.schemaname ?? schema;
  return [{ kind: 'relation', name: rangeVar.relname, ...(s ? { schema: s } : {}) }];
}

/** The names one statement (`kind`, `node` as in Statement) creates; `schema` is CREATE SCHEMA's, for its elements. */
function createdBy(kind: string, n: AstNode, schema?: string): CreatedName[] {
  switch (kind) {
    case 'CreateStmt':
    case 'CreateSeqStmt':
    case 'ViewStmt':
    case 'CompositeTypeStmt':
      return relation(n.relation ?? n.sequence ?? n.view ?? n.typevar, schema).map((c) =>
        kind === 'CompositeTypeStmt' ? { ...c, kind: 'type' as const } : c,
      );
    case 'CreateForeignTableStmt':
      return relation(n.base?.relation, schema);
    case 'CreateTableAsStmt':
      return relation(n.into?.rel, schema);
    case 'SelectStmt':
      return relation(n.intoClause?.rel, schema);
    case 'CreateEnumStmt':
    case 'CreateRangeStmt':
      return qualified('type', n.typeName);
    case 'CreateDomainStmt':
      return qualified('type', n.domainname);
    case 'DefineStmt':
      return n.kind === 'OBJECT_TYPE' ? qualified('type', n.defnames) : [];
    case 'CreateFunctionStmt':
      return qualified('function', n.funcname);
    case 'CreateSchemaStmt': {
      const elements = (n.schemaElts ?? []).flatMap((e: AstNode) =>
        Object.entries(e).flatMap(([k, v]) => createdBy(k, v as AstNode, n.schemaname)),
      );
      return n.schemaname ? [{ kind: 'schema', name: n.schemaname }, ...elements] : elements;
    }
    case 'RenameStmt':
      // A renamed object is known by its new name from then on.
      if (n.renameType === 'OBJECT_SCHEMA') return [{ kind: 'schema', name: n.newname }];
      if (n.relation) return relation({ ...n.relation, relname: n.newname });
      if (n.renameType === 'OBJECT_TYPE' || n.renameType === 'OBJECT_DOMAIN')
        return qualified('type', [...(n.object?.List?.items ?? []).slice(0, -1), { String: { sval: n.newname } }]);
      return [];
    case 'AlterObjectSchemaStmt':
      return n.relation ? relation({ ...n.relation, schemaname: n.newschema }) : [];
    default:
      return [];
  }
}

/** Schemas a statement puts on the search_path (SET search_path = a, b), where unqualified names may land. */
function searchPathOf(s: Statement): string[] {
  if (s.kind !== 'VariableSetStmt' || s.node.name !== 'search_path') return [];
  return (s.node.args ?? [])
    .map((a: AstNode) => a.A_Const?.sval?.sval ?? a.String?.sval)
    .filter((v: unknown): v is string => typeof v === 'string' && v !== '$user');
}

/** Every name the statements create, and the schemas their own SET search_path named. */
export function namesCreated(statements: readonly Statement[]): { names: CreatedName[]; searchPath: string[] } {
  return { names: statements.flatMap((s) => createdBy(s.kind, s.node)), searchPath: statements.flatMap(searchPathOf) };
}
