import type { AstNode } from '../../migrations/ast-node.js';
import type { Statement } from '../../migrations/parse.js';
import { columnDefs } from '../ast.js';
import { eachStatement, type LintRule } from '../rule.js';

/** The name a select-list entry gives its column: its alias, else a column's or function's own name. */
function outputName(t: AstNode): string | undefined {
  if (t.name) return t.name;
  const fields: AstNode[] = t.val?.ColumnRef?.fields ?? [];
  const last = fields[fields.length - 1]?.String?.sval;
  if (last) return last;
  const fn: AstNode[] = t.val?.FuncCall?.funcname ?? [];
  return fn[fn.length - 1]?.String?.sval;
}

/** Assignment targets; `arr[1]` and `rec.f` assign parts of a column and may repeat. */
const wholeColumns = (targets: AstNode[] | undefined) => (targets ?? []).map((t) => t.ResTarget).filter((t) => t && !t.indirection?.length).map((t) => t.name as string);

/** Names a statement defines or assigns, where PostgreSQL refuses a repeat. */
function names(s: Statement): string[] {
  const n = s.node;
  switch (s.kind) {
    case 'UpdateStmt':
      return wholeColumns(n.targetList);
    case 'InsertStmt':
      return wholeColumns(n.cols);
    case 'CreateStmt':
      return columnDefs(s).map((c) => c.colname);
    case 'ViewStmt':
    case 'CreateTableAsStmt': {
      // Column aliases name the first columns; the select list names the rest.
      const aliases: string[] = ((s.kind === 'ViewStmt' ? n.aliases : n.into?.colNames) ?? []).map((a: AstNode) => a.String?.sval);
      const select = n.query?.SelectStmt;
      const listed: string[] = select?.op === 'SETOP_NONE' ? (select.targetList ?? []).map((t: AstNode) => outputName(t.ResTarget ?? {})) : [];
      return listed.length > aliases.length ? [...aliases, ...listed.slice(aliases.length)] : aliases;
    }
    default:
      return [];
  }
}

export const rule: LintRule = {
  id: 'duplicate-column-assignment',
  group: 'broken',
  severity: 'error',
  title: 'A column assigned or defined twice in one statement',
  message: 'PostgreSQL refuses the statement (a column specified more than once): the migration can never run as written.',
  help: 'Remove the repeated assignment or column, or give the second one its own name.',
  check: (ctx) =>
    eachStatement(ctx, (s) => {
      const seen = new Set<string>();
      // Names as the parser gives them: unquoted ones already folded to lower case, quoted ones as written.
      const repeated = names(s).find((name) => !!name && (seen.has(name) || (seen.add(name), false)));
      return repeated ? `Column ${repeated}.` : false;
    }),
};
