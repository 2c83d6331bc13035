import type { ResTarget, SelectStmt } from '@pgsql/types';
import { nameParts, nodeAs, nodesOf, type Node } from '../../migrations/ast-node.js';
import type { Statement } from '../../migrations/parse.js';
import { columnDefs } from '../ast.js';
import { eachStatement, type LintRule } from '../rule.js';

/**
 * The name PostgreSQL gives a select-list entry's column (its FigureColname): the alias, a column's or function's
 * own name, a cast's inner name or its type's, a few keywords' names, "?column?" for constants and operators;
 * `*` for a star. Undefined where this does not know the name (a subquery, say): such a column is not compared.
 */
function outputName(t: ResTarget): string | undefined {
  return t.name ?? figure(t.val);
}

const UNNAMED = ['A_Const', 'A_Expr', 'BoolExpr', 'NullTest', 'BooleanTest'] as const;

function figure(e: Node | undefined): string | undefined {
  if (!e) return undefined;
  if (UNNAMED.some((kind) => kind in e)) return '?column?';
  const fields = nodeAs(e, 'ColumnRef')?.fields;
  if (fields) return nodeAs(fields.at(-1), 'A_Star') ? '*' : nameParts(fields).at(-1) || undefined;
  const call = nodeAs(e, 'FuncCall');
  if (call) return nameParts(call.funcname).at(-1) || undefined;
  const cast = nodeAs(e, 'TypeCast');
  if (cast) {
    const inner = figure(cast.arg);
    return inner === '?column?' ? nameParts(cast.typeName?.names).at(-1) || undefined : inner;
  }
  if ('CaseExpr' in e) return 'case';
  if ('A_ArrayExpr' in e) return 'array';
  if ('RowExpr' in e) return 'row';
  if ('CoalesceExpr' in e) return 'coalesce';
  if ('NullIfExpr' in e) return 'nullif';
  const minMax = nodeAs(e, 'MinMaxExpr');
  if (minMax) return minMax.op === 'IS_GREATEST' ? 'greatest' : 'least';
  return undefined;
}

/** Assignment targets; `arr[1]` and `rec.f` assign parts of a column and may repeat. */
const wholeColumns = (targets: Node[] | undefined) =>
  nodesOf(targets, 'ResTarget')
    .filter((t) => !t.indirection?.length)
    .map((t) => t.name);

/** The names of a query's result columns, after any column aliases; none when it has a `*` or is a set operation. */
function resultNames(select: SelectStmt | undefined, aliases: Node[] | undefined): string[] {
  const named = nameParts(aliases);
  const listed = select?.op === 'SETOP_NONE' ? nodesOf(select.targetList, 'ResTarget').map((t) => outputName(t)) : [];
  if (listed.includes('*')) return named;
  return listed.length > named.length
    ? [...named, ...listed.slice(named.length).filter((n): n is string => !!n)]
    : named;
}

/** Lists of names a statement defines or assigns, in each of which PostgreSQL refuses a repeat. */
function nameLists(s: Statement): (string | undefined)[][] {
  switch (s.kind) {
    case 'UpdateStmt':
      return [wholeColumns(s.node.targetList)];
    case 'InsertStmt':
      return [wholeColumns(s.node.cols), wholeColumns(s.node.onConflictClause?.targetList)];
    case 'MergeStmt':
      // WHEN MATCHED THEN UPDATE SET …, WHEN NOT MATCHED THEN INSERT (…): each clause its own list.
      return nodesOf(s.node.mergeWhenClauses, 'MergeWhenClause').map((w) => wholeColumns(w.targetList));
    case 'CreateStmt':
      return [columnDefs(s).map((c) => c.colname)];
    case 'CreateForeignTableStmt':
      return [nodesOf(s.node.base?.tableElts, 'ColumnDef').map((c) => c.colname)];
    case 'ViewStmt':
      return [resultNames(nodeAs(s.node.query, 'SelectStmt'), s.node.aliases)];
    case 'CreateTableAsStmt':
      return [resultNames(nodeAs(s.node.query, 'SelectStmt'), s.node.into?.colNames)];
    case 'SelectStmt':
      // SELECT … INTO creates a table of the result's columns.
      return s.node.intoClause ? [resultNames(s.node, s.node.intoClause.colNames)] : [];
    default:
      return [];
  }
}

export const rule: LintRule = {
  id: 'duplicate-column-assignment',
  group: 'broken',
  severity: 'error',
  title: 'A column assigned or defined twice in one statement',
  message:
    'PostgreSQL refuses the statement (a column specified more than once): the migration can never run as written.',
  help: 'Remove the repeated assignment or column, or give the second one its own name.',
  check: (ctx) =>
    eachStatement(ctx, (s) => {
      // Names as the parser gives them: unquoted ones already folded to lower case, quoted ones as written.
      const repeated = nameLists(s)
        .map((names) => {
          const seen = new Set<string>();
          return names.find((name) => !!name && (seen.has(name) || (seen.add(name), false)));
        })
        .find(Boolean);
      return repeated ? `Column ${repeated}.` : false;
    }),
};
