import type { ColumnDef } from '@pgsql/types';
import type { Statement } from '../../migrations/parse.js';
import {
  columnDefs,
  constraintsOf,
  foreignKeys,
  functionsCalled,
  introducedColumns,
  keyNames,
  relName,
  SERIAL_TYPES,
  tableConstraints,
  typeNameOf,
} from '../ast.js';
import type { Hit, LintRule, RuleContext } from '../rule.js';

const SMALL = new Set(['int2', 'int4', 'serial', 'serial4', 'smallserial', 'serial2']);

/** Primary-key columns of a CREATE TABLE: inline PRIMARY KEY, or named in a table-level PRIMARY KEY. */
function keyColumns(s: Statement): readonly ColumnDef[] {
  const cols = columnDefs(s);
  if (!cols.length) return cols;
  const tableKeys = tableConstraints(s)
    .filter((c) => c.contype === 'CONSTR_PRIMARY')
    .flatMap((c) => keyNames(c.keys));
  return cols.filter(
    (c) =>
      tableKeys.includes((c.colname ?? '').toLowerCase()) ||
      constraintsOf(c).some((k) => k.contype === 'CONSTR_PRIMARY'),
  );
}

/** Fed by a sequence, so it grows with every insert: serial, identity, or DEFAULT nextval(…). */
const sequenceFed = (c: ColumnDef) =>
  SERIAL_TYPES.has(typeNameOf(c.typeName)) ||
  constraintsOf(c).some(
    (k) =>
      k.contype === 'CONSTR_IDENTITY' ||
      (k.contype === 'CONSTR_DEFAULT' && functionsCalled(k.raw_expr).includes('nextval')),
  );

/** Named as an identifier (`id`, `order_id`, `ids`, `tag_ids`, `"userId"`): it holds keys, wherever they come from. */
const namedAsKey = (c: ColumnDef) =>
  /^(ids?|.+_ids?)$/i.test(c.colname ?? '') || /[a-z0-9](Id|ID)s?$/.test(c.colname ?? '');

/**
 * The small columns of foreign keys whose referenced column the folder declared: a bigint one it cannot hold
 * (the reason), or one as small as itself (null: the key is where the width is decided, and flagged there).
 */
function references(
  ctx: RuleContext,
  s: Statement,
  i: number,
  small: readonly ColumnDef[],
): Map<ColumnDef, string | null> {
  const out = new Map<ColumnDef, string | null>();
  for (const fk of foreignKeys(s).filter((k) => k.column && small.includes(k.column))) {
    const target = relName(fk.constraint.pktable);
    const [pkCol] = keyNames(fk.constraint.pk_attrs);
    if (!fk.column || !target || !pkCol) continue;
    const referenced = typeNameOf(ctx.schemaBefore(i).columnType(target, pkCol));
    if (referenced === 'int8' || referenced === 'bigserial' || referenced === 'serial8')
      out.set(fk.column, `references ${target.name}.${pkCol}, a bigint`);
    else if (SMALL.has(referenced)) out.set(fk.column, null);
  }
  return out;
}

export const rule: LintRule = {
  id: 'prefer-bigint-identity-key',
  group: 'types',
  severity: 'warning',
  title: 'int or smallint key, sequence-fed column, column named as an identifier, or reference to a bigint key',
  message:
    'A 32-bit key runs out at about 2.1 billion values (a 16-bit one at 32,767), and widening it later rewrites the table and every table referencing it.',
  help: 'Use bigint for keys, sequence-fed columns and the columns that hold or reference them, arrays of them included (bigint GENERATED ALWAYS AS IDENTITY for a surrogate key).',
  check: (ctx) =>
    ctx.file.statements.flatMap((statement, i) => {
      const small = introducedColumns(statement).filter((c) => SMALL.has(typeNameOf(c.typeName)));
      if (!small.length) return [];
      const keys = new Set(keyColumns(statement));
      const refs = references(ctx, statement, i, small);
      return small.flatMap((c): Hit[] => {
        const ref = refs.get(c);
        const why = keys.has(c)
          ? 'is a primary key'
          : sequenceFed(c)
            ? 'is fed by a sequence'
            : ref !== undefined
              ? ref
              : namedAsKey(c)
                ? 'is named as an identifier'
                : undefined;
        const type = `${typeNameOf(c.typeName)}${c.typeName?.arrayBounds?.length ? '[]' : ''}`;
        return why
          ? [{ statement, location: ctx.locate(c.location), detail: `Column ${c.colname} is ${type} and ${why}.` }]
          : [];
      });
    }),
};
