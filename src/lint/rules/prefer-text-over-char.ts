import type { AstNode } from '../../migrations/ast-node.js';
import { hasTypmods, typeNameOf } from '../ast.js';
import { eachNewColumn, type LintRule } from '../rule.js';

/** How a column's type reads as char(n): char(n) itself, or a quoted "char"(n) or "character"(n), meant as char(n). */
function charKind(c: AstNode): string | undefined {
  const names: AstNode[] = c.typeName?.names ?? [];
  const type = typeNameOf(c.typeName);
  if (type === 'bpchar') return '';
  // Unquoted, char and character are char(n) (pg_catalog.bpchar); quoted, they name other types.
  if (names.length === 1 && type === 'char' && hasTypmods(c.typeName)) return ': PostgreSQL refuses a length on "char", its one-byte internal type (unquoted, char(n) is meant)';
  if (names.length === 1 && type === 'character') return ': "character" in quotes names no built-in type (unquoted, it is char(n))';
  return undefined;
}

export const rule: LintRule = {
  id: 'prefer-text-over-char',
  group: 'types',
  severity: 'warning',
  title: 'char(n), "char" or "character"',
  message: 'char(n) pads values with spaces and compares them in surprising ways; it is no faster than text.',
  help: 'Use text (with a CHECK on length if the limit matters).',
  check: (ctx) =>
    eachNewColumn(
      ctx,
      (c) => charKind(c) !== undefined,
      (c) => `Column ${c.colname}${charKind(c)}.`,
    ),
};
