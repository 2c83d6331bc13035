import type { AlterTableType } from '@pgsql/types';
import { relationOf } from '../../migrations/ast-node.js';
import { alterCmds, tableOf } from '../ast.js';
import { eachStatement, type LintRule } from '../rule.js';

/** ALTER TABLE forms that copy the relation's data file by file. */
const COPIES: Partial<Record<AlterTableType, string>> = {
  AT_SetTableSpace: 'SET TABLESPACE',
  AT_SetLogged: 'SET LOGGED',
  AT_SetUnLogged: 'SET UNLOGGED',
  AT_SetAccessMethod: 'SET ACCESS METHOD',
};

export const rule: LintRule = {
  id: 'rewriting-table-storage',
  group: 'locking',
  severity: 'warning',
  title: 'SET TABLESPACE, SET LOGGED/UNLOGGED or SET ACCESS METHOD on an existing relation',
  message:
    'The table or index is copied in full under an ACCESS EXCLUSIVE lock: every read and write waits until the copy is done.',
  help: 'Do this outside the migration, in a maintenance window, or online with a tool such as pg_repack (which can also move a table to another tablespace).',
  check: (ctx) =>
    eachStatement(ctx, (s, i) => {
      if (s.kind === 'AlterTableMoveAllStmt') return `ALL IN TABLESPACE ${s.node.orig_tablespacename}.`;
      const copy = alterCmds(s)
        .map((c) => c.subtype && COPIES[c.subtype])
        .find(Boolean);
      return !!copy && !ctx.createdBefore(tableOf(s), i) && `${copy} on ${relationOf(s)?.relname}.`;
    }),
};
