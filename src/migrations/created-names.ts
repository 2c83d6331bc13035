import type { RangeVar } from '@pgsql/types';
import { nodeAs, nodesOf, stringOf, unwrap, type KindAndNode, type Node } from './ast-node.js';
import type { PsqlConnect, Statement } from './parse.js';

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

/** `[schema, name]` or `[name]` (a List of String nodes, as CREATE TYPE and CREATE FUNCTION write names). */
function qualified(kind: CreatedName['kind'], list: Node[] | undefined): CreatedName[] {
  const parts = nodesOf(list, 'String').flatMap((n) => n.sval ?? []);
  if (!parts.length) return [];
  return [{ kind, name: parts[parts.length - 1], ...(parts.length > 1 ? { schema: parts[parts.length - 2] } : {}) }];
}

function relation(rangeVar: RangeVar | undefined, schema?: string): CreatedName[] {
  if (!rangeVar?.relname || rangeVar.relpersistence === 't') return [];
  const s = rangeVar.schemaname ?? schema;
  return [{ kind: 'relation', name: rangeVar.relname, ...(s ? { schema: s } : {}) }];
}

/** The names one statement creates; `schema` is CREATE SCHEMA's, for its elements. */
function createdBy(s: KindAndNode | PsqlConnect, schema?: string): CreatedName[] {
  switch (s.kind) {
    case 'CreateStmt':
      return relation(s.node.relation, schema);
    case 'CreateSeqStmt':
      return relation(s.node.sequence, schema);
    case 'ViewStmt':
      return relation(s.node.view, schema);
    case 'CompositeTypeStmt':
      return relation(s.node.typevar, schema).map((c) => ({ ...c, kind: 'type' as const }));
    case 'CreateForeignTableStmt':
      return relation(s.node.base?.relation, schema);
    case 'CreateTableAsStmt':
      return relation(s.node.into?.rel, schema);
    case 'SelectStmt':
      return relation(s.node.intoClause?.rel, schema);
    case 'CreateEnumStmt':
    case 'CreateRangeStmt':
      return qualified('type', s.node.typeName);
    case 'CreateDomainStmt':
      return qualified('type', s.node.domainname);
    case 'DefineStmt':
      return s.node.kind === 'OBJECT_TYPE' ? qualified('type', s.node.defnames) : [];
    case 'CreateFunctionStmt':
      return qualified('function', s.node.funcname);
    case 'CreateSchemaStmt': {
      const name = s.node.schemaname;
      const elements = (s.node.schemaElts ?? []).flatMap((e) => createdBy(unwrap(e), name));
      return name ? [{ kind: 'schema', name }, ...elements] : elements;
    }
    case 'RenameStmt': {
      // A renamed object is known by its new name from then on.
      const { renameType, relation: rel, newname } = s.node;
      if (!newname) return [];
      if (renameType === 'OBJECT_SCHEMA') return [{ kind: 'schema', name: newname }];
      if (rel) return relation({ ...rel, relname: newname });
      if (renameType === 'OBJECT_TYPE' || renameType === 'OBJECT_DOMAIN')
        return qualified('type', [
          ...(nodeAs(s.node.object, 'List')?.items ?? []).slice(0, -1),
          { String: { sval: newname } },
        ]);
      return [];
    }
    case 'AlterObjectSchemaStmt':
      return s.node.relation ? relation({ ...s.node.relation, schemaname: s.node.newschema }) : [];
    default:
      return [];
  }
}

/** Schemas a statement puts on the search_path (SET search_path = a, b), where unqualified names may land. */
function searchPathOf(s: Statement): string[] {
  if (s.kind !== 'VariableSetStmt' || s.node.name !== 'search_path') return [];
  return (s.node.args ?? [])
    .map((a) => nodeAs(a, 'A_Const')?.sval?.sval ?? stringOf(a))
    .filter((v): v is string => typeof v === 'string' && v !== '$user');
}

/** Every name the statements create, and the schemas their own SET search_path named. */
export function namesCreated(statements: readonly Statement[]): { names: CreatedName[]; searchPath: string[] } {
  return { names: statements.flatMap((s) => createdBy(s)), searchPath: statements.flatMap(searchPathOf) };
}
