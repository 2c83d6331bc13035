import { SERIAL_TYPES, typeNameOf } from '../ast.js';
import { eachNewColumn, type LintRule } from '../rule.js';

export const rule: LintRule = {
  id: 'prefer-identity',
  group: 'types',
  severity: 'warning',
  title: 'serial column',
  message:
    "A serial column's sequence is a separate object: it needs grants of its own (inserts by a role without them fail), and CREATE TABLE … LIKE copies share it.",
  help: 'Use bigint GENERATED ALWAYS AS IDENTITY (PostgreSQL 10+): the sequence then belongs to the column.',
  check: (ctx) =>
    ctx.postgresVersion < 10
      ? []
      : eachNewColumn(
          ctx,
          (c) => SERIAL_TYPES.has(typeNameOf(c.typeName)),
          (c) => `Column ${c.colname} is ${typeNameOf(c.typeName)}.`,
        ),
};
