import type { ColumnDef } from '@pgsql/types';
import { nameParts } from '../../migrations/ast-node.js';
import { hasTypmods, typeNameOf } from '../ast.js';
import { eachNewColumn, type LintRule } from '../rule.js';

/** Why PostgreSQL refuses the column's type as written in quotes, or undefined. */
function refused(c: ColumnDef): string | undefined {
  const names = nameParts(c.typeName?.names);
  // Unquoted, char(n) and character(n) are pg_catalog.bpchar; only a quoted name reaches these.
  const builtIn = names.length === 1 || (names.length === 2 && names[0] === 'pg_catalog');
  const type = typeNameOf(c.typeName);
  if (builtIn && type === 'char' && hasTypmods(c.typeName))
    return 'a length on "char", a one-byte type that takes none';
  if (builtIn && type === 'character') return 'the type "character", which does not exist in quotes';
  return undefined;
}

export const rule: LintRule = {
  id: 'quoted-char-type',
  group: 'broken',
  severity: 'error',
  title: 'Quoted "char"(n) or "character": a type PostgreSQL refuses',
  message:
    'PostgreSQL refuses the column, so the migration fails: in quotes, "char" is a one-byte type that takes no length, and "character" names no type.',
  help: 'Write char(n) without quotes if a fixed length is meant, or better, text (with a CHECK on length if the limit matters).',
  check: (ctx) =>
    eachNewColumn(
      ctx,
      (c) => refused(c) !== undefined,
      (c) => `Column ${c.colname}: ${refused(c)}.`,
    ),
};
