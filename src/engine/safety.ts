import { backupFor } from './backup-run.js';
import { databaseSettings } from './after-restore.js';
import { catalogState } from '../db/catalog/catalog-state.js';
import { CatalogWitness } from '../db/catalog/catalog-witness.js';
import { userObjects } from '../db/catalog/objects.js';
import { serverMajor } from '../db/session/server-version.js';
import {
  blockingSessions,
  describeSession,
  dropInvalidIndex,
  dumpBlockers,
  leftoverInvalidIndexes,
} from '../db/catalog/preflight.js';
import { tableText } from '../db/session/identifiers.js';
import type { DatabaseIdentity } from '../db/session/server-identity.js';
import {
  compareWithApproved,
  parsePlanHash,
  planHashProblem,
  type Approval,
  type PlanTarget,
} from '../migrations/plan-hash.js';
import { CancelledError, InputError } from '../foundation/errors.js';
import { addFinding } from '../model/report.js';
import type { ApplyRun, ProductionContext } from './apply-run.js';

/** The production apply's run: the backup it took, and what existed before (for on-failure: restore). */
export interface ProductionRun extends ApplyRun {
  ctx: ProductionContext;
  /** The user objects right after the backup, each as its DROP statement. */
  objectsBefore?: Set<string>;
  /** Writes of this run since the backup that leave no trace to tell them from others' (for on-failure: restore). */
  untraced?: string[];
  /** The catalog right after the backup, entry key to hash (for on-failure: restore; see backup/catalog-changes.ts). */
  catalogAtStart?: Map<string, string>;
  /** The database's settings right after the backup, which a restore puts back when the run changed them. */
  settingsAtStart?: { text?: string; hash?: string };
}

/** Whether on-failure may restore the pre-apply backup: the run then keeps what it needs to tell its changes from others'. */
export const mayRestore = (run: ApplyRun) => ['restore', 'undo-or-restore'].includes(run.config.onFailure);

/** A backup of the run's target, labelled and uploaded beside the run's other backups. */
export function backupOf(run: ProductionRun, label: 'pre-apply' | 'post-apply') {
  return backupFor(run.config, run.ctx, {
    label,
    planHash: run.report.planHash,
    nameSuffix: label === 'pre-apply' ? '' : '-post',
  });
}

/**
 * The plan is sound, and is the one approved (expected-plan): otherwise nothing is changed. An approval made on
 * another database is said first, whatever else is wrong: re-planning here would not help until the plan job and
 * this one reach the same database.
 */
export async function checkPlan(run: ProductionRun): Promise<boolean> {
  const { config, report } = run;
  const approved = config.expectedPlan ? parsePlanHash(config.expectedPlan) : undefined;
  // The input is checked when read; a value that is not a plan hash must still never let the run through.
  if (config.expectedPlan && !approved)
    throw new InputError([`expected-plan: ${planHashProblem(config.expectedPlan)}`]);
  const approval = approved && compareWithApproved(approved, run.identity, tableText(config.historyTable), run.plan);
  const elsewhere = approved && approval && otherDatabase(approved.target, run.identity, approval);
  if (elsewhere) {
    addFinding(report, {
      rule: 'plan-target-mismatch',
      severity: 'error',
      message: `${elsewhere}; nothing was changed`,
      help: 'Point the plan job and this job at the same database (a replica of it, a pooler or another host name for its server is fine: the plan hash names the database as the server knows it), then run the plan job again and approve that plan.',
    });
    return false;
  }
  if (!report.ok) return false;
  if (approval?.verdict === 'changed') {
    addFinding(report, {
      rule: 'plan-mismatch',
      severity: 'error',
      message: `the plan is ${report.planHash}, not the approved ${config.expectedPlan}: a migration was added or edited after approval, or the database moved on (newest applied now: ${run.plan.lastApplied?.text ?? 'none'}); nothing was changed`,
      help: 'Run the plan job again, review the new plan, and approve that one.',
    });
    return false;
  }
  if (approved && approval?.verdict === 'approved' && !approval.serverChecked) {
    report.notes.push(
      `the approved plan does not name its server (the plan's role may not call pg_control_system()): the database was matched by its name and oid, and the history by when each migration was applied`,
    );
  }
  return true;
}

const named = (t: PlanTarget) => `${t.name} (oid ${t.oid})`;

/** What says the approved plan was made on another database than this one, or undefined when it was not. */
function otherDatabase(approved: PlanTarget, here: DatabaseIdentity, approval: Approval): string | undefined {
  if (approval.verdict === 'server-unchecked') {
    return `the plan was approved on the database ${named(approved)} of the server ${approved.systemIdentifier}, and this role may not call pg_control_system() to show this is that server; GRANT EXECUTE ON FUNCTION pg_catalog.pg_control_system() TO this job's role, or make the plan with a role that cannot read it either`;
  }
  if (approval.verdict === 'other-server') {
    return `the plan was approved on the database ${approved.name} of another server: that server's system identifier is ${approved.systemIdentifier}, this one's is ${here.systemIdentifier}`;
  }
  if (approval.verdict !== 'other-database') return undefined;
  if (approval.sameServer)
    return `the plan was approved on the database ${named(approved)} of this server (system identifier ${here.systemIdentifier}), not on ${named(here)}`;
  const unknown = approved.systemIdentifier
    ? "this role may not read this server's system identifier"
    : 'the approved plan does not name its server';
  return `the plan was approved on the database ${named(approved)}, not on ${named(here)}; ${unknown}, so it may be another server too`;
}

/** Sessions that would block the migrations: reported, and with preflight: strict, the run does not start. */
export async function preflight(run: ProductionRun): Promise<boolean> {
  const { config, report } = run;
  if (!run.analysed.length) return true;
  const sessions = await blockingSessions(run.client, run.analysed);
  for (const s of sessions) {
    addFinding(report, {
      rule: 'blocking-session',
      severity: config.preflight === 'strict' ? 'error' : 'warning',
      message: `${describeSession(s)} holds ${s.mode} on ${s.relation}: a migration locking ${s.relation} would wait behind it, and queries behind the migration${s.query ? `: ${s.query}` : ''}`,
      help: 'Let it finish or end it (SELECT pg_terminate_backend(pid)) before applying; preflight: strict refuses to start while such sessions exist.',
    });
  }
  // The backup taken next waits for every table's ACCESS SHARE lock: a session holding ACCESS EXCLUSIVE on any
  // table would hold it up until backup-lock-timeout.
  const reported = new Set(sessions.map((s) => s.pid));
  const blockingBackup =
    config.backup && !run.ctx.throwaway ? (await dumpBlockers(run.client)).filter((s) => !reported.has(s.pid)) : [];
  for (const s of blockingBackup) {
    addFinding(report, {
      rule: 'blocking-session',
      severity: config.preflight === 'strict' ? 'error' : 'warning',
      message: `${describeSession(s)} holds ACCESS EXCLUSIVE on ${s.relation}: the backup taken before the migrations would wait behind it (up to backup-lock-timeout)${s.query ? `: ${s.query}` : ''}`,
      help: 'Let it finish or end it (SELECT pg_terminate_backend(pid)) before applying; preflight: strict refuses to start while such sessions exist.',
    });
  }
  return !(config.preflight === 'strict' && (sessions.length || blockingBackup.length));
}

/** A verified backup before anything is written; no backup, no apply (unless backup: false). */
export async function backupFirst(run: ProductionRun): Promise<boolean> {
  const { config, ctx, report } = run;
  if (!run.analysed.length) return true;
  if (!config.backup) report.notes.push('backup: false — no backup was taken before applying');
  else if (ctx.throwaway) report.notes.push('no backup: the database is a throwaway server');
  else {
    try {
      report.backup = await backupOf(run, 'pre-apply');
      ctx.log.info(`backup taken: ${report.backup.path} (${report.backup.size} bytes, sha256 ${report.backup.sha256})`);
    } catch (err) {
      // A cancel is the run's outcome, not the backup's failure: the pipeline reports it.
      if (err instanceof CancelledError) throw err;
      addFinding(report, {
        rule: 'backup-failed',
        severity: 'error',
        message: `no migration was applied because the backup failed: ${(err as Error).message}`,
        help: 'Fix the backup (pg_dump version, backup-dir, artifact upload), or set backup: false deliberately.',
      });
      return false;
    }
  }
  if (mayRestore(run) && report.backup) {
    run.objectsBefore = new Set((await userObjects(run.client)).map((o) => o.drop));
    const major = await serverMajor(run.client);
    run.catalogAtStart = new Map((await catalogState(run.client, major)).map((e) => [e.key, e.hash]));
    run.catalogWitness = new CatalogWitness(major);
    run.settingsAtStart = await databaseSettings(run.client);
  }
  return true;
}

/** Invalid indexes an earlier failed CREATE INDEX CONCURRENTLY left: dropped, so they are built again. */
export async function dropLeftoverIndexes(run: ProductionRun): Promise<boolean> {
  for (const index of await leftoverInvalidIndexes(run.client, run.analysed)) {
    const oid = (await run.client.query('SELECT pg_catalog.to_regclass($1)::oid AS oid', [index])).rows[0].oid;
    await dropInvalidIndex(run.client, index);
    // 1259: pg_class, the catalog an index is an object of.
    if (oid) run.catalogWitness?.droppedObject(`1259/${oid}`);
    (run.untraced ??= []).push(`dropping the invalid index ${index}`);
    run.report.notes.push(
      `dropped the invalid index ${index} left by an earlier failed CREATE INDEX CONCURRENTLY, so it is built again`,
    );
  }
  return true;
}
