import type { AlterTableType } from '@pgsql/types';
import type { Statement } from '../../migrations/parse.js';
import { nodeAs } from '../../migrations/ast-node.js';
import { optionOn } from '../../migrations/options.js';
import { alterCmds, relName, relText, txControl, type RelName, tableOf } from '../ast.js';
import type { Hit, LintRule, RuleContext } from '../rule.js';

/** ALTER TABLE sub-commands that take a weaker lock than ACCESS EXCLUSIVE. */
const WEAKER = new Set<AlterTableType | undefined>([
  'AT_ValidateConstraint',
  'AT_SetStatistics',
  'AT_ClusterOn',
  'AT_DropCluster',
  'AT_AttachPartition',
  'AT_SetRelOptions',
  'AT_ResetRelOptions',
  'AT_EnableTrig',
  'AT_DisableTrig',
  'AT_EnableTrigAll',
  'AT_DisableTrigAll',
  'AT_EnableTrigUser',
  'AT_DisableTrigUser',
  'AT_ReplicaIdentity',
]);

/** The table an ACCESS EXCLUSIVE lock is taken on by this statement, when it is one that existed before the file. */
function exclusiveLock(ctx: RuleContext, s: Statement, i: number): RelName | undefined {
  const existing = (r: RelName | undefined) => (r && !ctx.createdBefore(r, i) ? r : undefined);
  switch (s.kind) {
    case 'AlterTableStmt': {
      if (s.node.objtype !== 'OBJECT_TABLE') return undefined;
      const cmds = alterCmds(s);
      const strong = cmds.some(
        (c) =>
          !WEAKER.has(c.subtype) &&
          !(c.subtype === 'AT_AddConstraint' && nodeAs(c.def, 'Constraint')?.contype === 'CONSTR_FOREIGN'),
      );
      return strong ? existing(tableOf(s)) : undefined;
    }
    case 'RenameStmt':
      return existing(tableOf(s));
    case 'TruncateStmt':
      return existing(relName(nodeAs(s.node.relations?.[0], 'RangeVar')));
    case 'LockStmt':
      return s.node.mode === 8 ? existing(relName(nodeAs(s.node.relations?.[0], 'RangeVar'))) : undefined;
    case 'VacuumStmt':
      return optionOn(s.node.options, 'full')
        ? existing(relName(nodeAs(s.node.rels?.[0], 'VacuumRelation')?.relation))
        : undefined;
    case 'ClusterStmt':
      return existing(tableOf(s));
    default:
      return undefined;
  }
}

/** Statements whose run time grows with the data: reading or writing rows, building or checking. */
function slow(ctx: RuleContext, s: Statement, i: number): boolean {
  switch (s.kind) {
    case 'UpdateStmt':
    case 'DeleteStmt':
    case 'MergeStmt':
      return !ctx.createdBefore(tableOf(s), i);
    case 'InsertStmt':
      return !!nodeAs(s.node.selectStmt, 'SelectStmt') && !nodeAs(s.node.selectStmt, 'SelectStmt')?.valuesLists;
    case 'SelectStmt':
      return !!s.node.fromClause?.length;
    case 'IndexStmt':
      return !ctx.createdBefore(tableOf(s), i);
    case 'CreateTableAsStmt':
    case 'RefreshMatViewStmt':
    case 'CopyStmt':
      return true;
    case 'AlterTableStmt':
      return alterCmds(s).some((c) => c.subtype === 'AT_ValidateConstraint');
    default:
      return false;
  }
}

export const rule: LintRule = {
  id: 'statement-after-exclusive-lock',
  group: 'locking',
  severity: 'warning',
  title: 'A slow statement after an ACCESS EXCLUSIVE lock in the same transaction',
  message:
    'A lock is held until the transaction commits: this statement runs while the ACCESS EXCLUSIVE lock taken earlier still blocks every read and write of that table.',
  help: 'Move the slow statement (backfill, index build, validation, query) into a migration of its own, or take the exclusive lock last.',
  check: (ctx) => {
    if (!ctx.file.exec) return [];
    const { events } = txControl(ctx.file.statements);
    // In a transaction-mode file everything shares one transaction; otherwise only statements in one BEGIN block do.
    const blockOf = new Map(events.filter((e) => e.kind === 'inside').map((e) => [e.statement, e.block] as const));
    const whole = ctx.file.exec.mode === 'transaction';
    let held: { rel: RelName; at: Statement; block?: Statement } | undefined;
    const hits: Hit[] = [];
    ctx.file.statements.forEach((s, i) => {
      const block = blockOf.get(s);
      if (!whole && held && held.block !== block) held = undefined;
      if (held && (whole || block) && slow(ctx, s, i)) {
        hits.push({
          statement: s,
          detail: `${relText(held.rel)} has been locked since line ${held.at.location.line}.`,
        });
      }
      const rel = (whole || block) && !held ? exclusiveLock(ctx, s, i) : undefined;
      if (rel) held = { rel, at: s, block };
    });
    return hits;
  },
};
