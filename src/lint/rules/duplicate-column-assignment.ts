import { nodeAs, type AstNode } from '../../migrations/ast-node.js';
import type { Statement } from '../../migrations/parse.js';
import { columnDefs } from '../ast.js';
import { eachStatement, type LintRule } from '../rule.js';

/**
 * The name PostgreSQL gives a select-list entry's column (its FigureColname): the alias, a column's or function's
 * own name, a cast's inner name or its type's, a few keywords' names, "?column?" for constants and operators;
 * `*` for a star. Undefined where this does not know the name (a subquery, say): such a column is not compared.
 */
function outputName(t: AstNode): string | undefined {
  return t.name ?? figure(t.val);
}

function figure(e: AstNode | undefined): string | undefined {
  if (!e) return undefined;
  if (e.A_Const || e.A_Expr || e.BoolExpr || e.NullTest || e.BooleanTest) return '?column?';
  if (e.ColumnRef) {
    const fields: AstNode[] = e.ColumnRef.fields ?? [];
    return fields.at(-1)?.A_Star ? '*' : fields.at(-1)?.String?.sval;
  }
  if (e.FuncCall) return (e.FuncCall.funcname as AstNode[]).at(-1)?.String?.sval;
  if (e.TypeCast) {
    const inner = figure(e.TypeCast.arg);
    return inner === '?column?' ? (e.TypeCast.typeName?.names as AstNode[] | undefined)?.at(-1)?.String?.sval : inner;
  }
  if (e.CaseExpr) return 'case';
  if (e.A_ArrayExpr) return 'array';
  if (e.RowExpr) return 'row';
  if (e.CoalesceExpr) return 'coalesce';
  if (e.NullIfExpr) return 'nullif';
  if (e.MinMaxExpr) return e.MinMaxExpr.op === 'IS_GREATEST' ? 'greatest' : 'least';
  return undefined;
}

/** Assignment targets; `arr[1]` and `rec.f` assign parts of a column and may repeat. */
const wholeColumns = (targets: AstNode[] | undefined) =>
  (targets ?? [])
    .map((t) => t.ResTarget)
    .filter((t) => t && !t.indirection?.length)
    .map((t) => t.name as string);

/** The names of a query's result columns, after any column aliases; none when it has a `*` or is a set operation. */
function resultNames(select: AstNode | undefined, aliases: string[]): string[] {
  const listed: (string | undefined)[] =
    select?.op === 'SETOP_NONE' ? (select.targetList ?? []).map((t: AstNode) => outputName(t.ResTarget ?? {})) : [];
  if (listed.includes('*')) return aliases;
  return listed.length > aliases.length
    ? [...aliases, ...(listed.slice(aliases.length).filter(Boolean) as string[])]
    : aliases;
}

/** Lists of names a statement defines or assigns, in each of which PostgreSQL refuses a repeat. */
function nameLists(s: Statement): string[][] {
  switch (s.kind) {
    case 'UpdateStmt':
      return [wholeColumns(s.node.targetList)];
    case 'InsertStmt':
      return [wholeColumns(s.node.cols), wholeColumns(s.node.onConflictClause?.targetList)];
    case 'MergeStmt':
      // WHEN MATCHED THEN UPDATE SET …, WHEN NOT MATCHED THEN INSERT (…): each clause its own list.
      return (s.node.mergeWhenClauses ?? []).map((w: AstNode) => wholeColumns(w.MergeWhenClause?.targetList));
    case 'CreateStmt':
      return [columnDefs(s).map((c) => c.colname)];
    case 'CreateForeignTableStmt':
      return [(s.node.base?.tableElts ?? []).map((e: AstNode) => e.ColumnDef?.colname).filter(Boolean)];
    case 'ViewStmt':
      return [
        resultNames(
          nodeAs(s.node.query, 'SelectStmt'),
          (s.node.aliases ?? []).map((a: AstNode) => a.String?.sval),
        ),
      ];
    case 'CreateTableAsStmt':
      return [
        resultNames(
          nodeAs(s.node.query, 'SelectStmt'),
          (s.node.into?.colNames ?? []).map((a: AstNode) => a.String?.sval),
        ),
      ];
    case 'SelectStmt':
      // SELECT … INTO creates a table of the result's columns.
      return s.node.intoClause
        ? [
            resultNames(
              s.node,
              (s.node.intoClause.colNames ?? []).map((a: AstNode) => a.String?.sval),
            ),
          ]
        : [];
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
