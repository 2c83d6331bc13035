import { nodeAs } from '../../migrations/ast-node.js';
import type { Statement } from '../../migrations/parse.js';
import { alterCmds, txControl } from '../ast.js';
import { idempotencyOf } from '../conventions.js';
import type { Hit, LintRule } from '../rule.js';

/** Statements that change nothing a re-run trips over. */
const HARMLESS = new Set([
  'VariableSetStmt',
  'TransactionStmt',
  'PsqlConnect',
  'SelectStmt',
  'VacuumStmt',
  'CommentStmt',
]);

/** Why running the statement a second time fails, or undefined when it succeeds again. */
function failsOnRerun(s: Statement, droppedBefore: Set<string>): string | undefined {
  if (idempotencyOf(s) === false)
    return s.kind === 'DropStmt' ? 'DROP without IF EXISTS' : 'CREATE without IF NOT EXISTS';
  if (s.kind === 'RenameStmt') return 'RENAME';
  for (const c of alterCmds(s)) {
    if (c.subtype === 'AT_AddColumn' && !c.missing_ok) return 'ADD COLUMN without IF NOT EXISTS';
    if ((c.subtype === 'AT_DropColumn' || c.subtype === 'AT_DropConstraint') && !c.missing_ok)
      return `${c.subtype === 'AT_DropColumn' ? 'DROP COLUMN' : 'DROP CONSTRAINT'} without IF EXISTS`;
    const name = c.subtype === 'AT_AddConstraint' ? nodeAs(c.def, 'Constraint')?.conname : undefined;
    if (name && !droppedBefore.has(name)) return `ADD CONSTRAINT ${name} without DROP CONSTRAINT IF EXISTS before it`;
  }
  return undefined;
}

export const rule: LintRule = {
  id: 'not-rerunnable-without-transaction',
  group: 'broken',
  severity: 'warning',
  title: 'A statement that fails on a re-run, in a migration that runs outside a transaction',
  message:
    'This migration runs outside a transaction: if a later statement fails, this one stays applied, and running the migration again fails here.',
  help: 'Write it to succeed twice (IF NOT EXISTS, IF EXISTS, CREATE OR REPLACE, DROP CONSTRAINT IF EXISTS before ADD CONSTRAINT), or move the statements that cannot run in a transaction into a migration of their own.',
  check: (ctx) => {
    if (ctx.file.exec?.mode !== 'no-transaction') return [];
    const statements = ctx.file.statements;
    // Statements inside the file's own BEGIN … COMMIT blocks are undone together when the block fails.
    const inBlock = new Set(
      txControl(statements)
        .events.filter((e) => e.kind === 'inside')
        .map((e) => e.statement),
    );
    const dropped = new Set<string>();
    const hits: Hit[] = [];
    statements.forEach((s, i) => {
      const why = inBlock.has(s) ? undefined : failsOnRerun(s, dropped);
      for (const c of alterCmds(s))
        if (c.subtype === 'AT_DropConstraint' && c.missing_ok && c.name) dropped.add(c.name);
      const later = statements.slice(i + 1).some((l) => !HARMLESS.has(l.kind));
      if (why && later) hits.push({ statement: s, detail: `${why}.` });
    });
    return hits;
  },
};
