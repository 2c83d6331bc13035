import { foreignKeys, relText, tableOf } from '../ast.js';
import type { IndexInfo } from '../declared-schema.js';
import type { Hit, LintRule } from '../rule.js';

/** An index serves the key's lookups when its leading columns are exactly the key's columns, in any order. */
function covers(index: IndexInfo, columns: string[]): boolean {
  if (index.partial || index.columns.length < columns.length) return false;
  const lead = new Set(index.columns.slice(0, columns.length));
  return columns.every((c) => lead.has(c));
}

export const rule: LintRule = {
  id: 'foreign-key-without-index',
  group: 'locking',
  severity: 'warning',
  title: 'Foreign key without an index on its columns',
  message:
    'Every delete or key update on the referenced table scans this table for references while holding its locks; with ON DELETE CASCADE each such delete becomes a scan of this table.',
  help: "Create an index whose leading columns are the foreign key's columns, in the same migration as a new table, or with CREATE INDEX CONCURRENTLY for an existing one.",
  check: (ctx) => {
    const statements = ctx.file.statements;
    return statements.flatMap((statement, i): Hit[] => {
      const keys = foreignKeys(statement).filter((fk) => fk.columns.length > 0);
      const rel = keys.length ? tableOf(statement) : undefined;
      // Only tables whose every index is known here: created in this file, or earlier in the folder.
      if (!rel || !(statement.kind === 'CreateStmt' || ctx.schemaBefore(i).tableCreated(rel))) return [];
      // Indexes created anywhere in the file count, also after the key (the usual order for a new table).
      const indexes = ctx.schemaBefore(statements.length).indexesOn(rel);
      return keys
        .filter((fk) => !indexes.some((ix) => covers(ix, fk.columns)))
        .map((fk) => ({
          statement,
          location: ctx.locate(fk.constraint.location),
          detail: `${relText(rel)} (${fk.columns.join(', ')}).`,
        }));
    });
  },
};
