import type { Statement } from '../../migrations/parse.js';
import type { AstNode } from '../../migrations/ast-node.js';
import { columnDefs, constraintsOf, typeNameOf } from '../ast.js';
import type { LintRule } from '../rule.js';

const SMALL = new Set(['int2', 'int4', 'serial', 'serial4', 'smallserial', 'serial2']);

/** Primary-key columns of a CREATE TABLE: inline PRIMARY KEY, or named in a table-level PRIMARY KEY. */
function keyColumns(s: Statement): readonly AstNode[] {
  const cols = columnDefs(s);
  if (!cols.length) return cols;
  const tableKeys: string[] = (s.node.tableElts ?? [])
    .map((e: AstNode) => e.Constraint)
    .filter((c: AstNode | undefined) => c?.contype === 'CONSTR_PRIMARY')
    .flatMap((c: AstNode) => (c.keys ?? []).map((k: AstNode) => k.String?.sval));
  return cols.filter((c) => tableKeys.includes(c.colname) || constraintsOf(c).some((k) => k.contype === 'CONSTR_PRIMARY'));
}

export const rule: LintRule = {
  id: 'prefer-bigint-identity-key',
  group: 'types',
  severity: 'warning',
  title: 'int or serial primary key',
  message: 'A 32-bit key runs out at about 2.1 billion rows, and widening it later rewrites the table and every referencing one.',
  help: 'Use bigint GENERATED ALWAYS AS IDENTITY (or bigserial) for surrogate keys.',
  check: (ctx) =>
    ctx.file.statements.flatMap((statement) =>
      keyColumns(statement)
        .filter((c) => SMALL.has(typeNameOf(c.typeName)))
        .map((c) => ({ statement, location: ctx.locate(c.location), detail: `Column ${c.colname} is ${typeNameOf(c.typeName)}.` })),
    ),
};
