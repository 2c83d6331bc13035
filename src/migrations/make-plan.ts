import type { HistoryRow } from '../model/history.js';
import type { Migration, Version } from '../model/migration.js';
import { compareVersions, parseVersionText, versionId } from './version.js';

/** A reason the plan must not run, in the same shape as a lint finding. */
export interface PlanProblem {
  rule:
    | 'checksum-drift'
    | 'missing-migration'
    | 'dirty-migration'
    | 'out-of-order'
    | 'stale-override'
    | 'unknown-history-row';
  message: string;
  file?: string;
  help: string;
}

export interface Plan {
  applied: { migration: Migration; row: HistoryRow }[];
  /** In the order they will run. */
  pending: Migration[];
  outOfOrder: Migration[];
  /** Edits accepted through accept-edited: their recorded checksum is replaced. */
  accepted: { migration: Migration; row: HistoryRow }[];
  /** Rows adopted without a checksum: the file's checksum is recorded on the next apply. */
  unverified: { migration: Migration; row: HistoryRow }[];
  /** Migrations recorded as applied without running them (baseline). */
  baseline: Migration[];
  /** The dirty row that resolve-dirty settles, and how. */
  resolved?: { row: HistoryRow; as: 'rerun' | 'applied'; migration?: Migration };
  lastApplied?: Version;
  problems: PlanProblem[];
}

export interface PlanOptions {
  allowOutOfOrder: boolean;
  acceptEdited: string[];
  resolveDirty?: { version: string; as: 'rerun' | 'applied' };
  baseline?: string;
  /**
   * The checksums the history may record for a migration, in the history's own form (the first is the one written):
   * this tool's sha256 when absent; null when the history keeps none (dbmate, goose, …), so nothing is verified.
   */
  checksumsOf?: ((m: Migration) => string[]) | null;
}

const idOf = (text: string): string | undefined => {
  const v = parseVersionText(text);
  return v ? versionId(v) : undefined;
};

/**
 * Compares the migrations on disk with the history: what is applied, pending, edited since (drift), recorded but
 * gone (missing), half-applied (dirty) or older than the newest applied (out of order). Pure: no database.
 */
export function makePlan(migrations: Migration[], history: HistoryRow[] | undefined, opts: PlanOptions): Plan {
  const rows = history ?? [];
  const problems: PlanProblem[] = [];
  const plan: Plan = { applied: [], pending: [], outOfOrder: [], accepted: [], unverified: [], baseline: [], problems };
  const files = new Map(migrations.map((m) => [versionId(m.version), m]));
  const accept = new Set(opts.acceptEdited.map((v) => idOf(v) ?? v));
  const acceptedSeen = new Set<string>();
  const applied = new Set<string>();
  const sumOf = opts.checksumsOf === undefined ? (m: Migration) => [m.checksum] : opts.checksumsOf;

  const resolveId = opts.resolveDirty ? (idOf(opts.resolveDirty.version) ?? opts.resolveDirty.version) : undefined;
  for (const row of rows) {
    const id = row.version ? versionId(row.version) : undefined;
    const migration = id ? files.get(id) : undefined;
    if (row.dirty) {
      if (id && id === resolveId) {
        plan.resolved = { row, as: opts.resolveDirty!.as, migration };
        if (opts.resolveDirty!.as === 'rerun') continue;
      } else {
        problems.push({
          rule: 'dirty-migration',
          message: `${row.name} is dirty: it ran outside a transaction and did not finish, so the database may hold part of it`,
          file: migration?.up.file,
          help: `inspect the database, finish or undo the migration by hand, then run again with resolve-dirty: ${row.version?.text ?? row.name}=applied (finished) or =rerun (undone)`,
        });
        continue;
      }
    }
    if (!id) {
      problems.push({
        rule: 'unknown-history-row',
        message: `history row ${row.id} ('${row.name}') carries no version this tool can read`,
        help: "rename the row's migration_name to the migration's file name, or delete the row if it is not a migration",
      });
      continue;
    }
    if (applied.has(id)) continue;
    applied.add(id);
    if (!migration) {
      problems.push({
        rule: 'missing-migration',
        message: `${row.name} is recorded as applied but its file is gone from the folder`,
        help: "restore the file (it is part of the schema's history), or delete its history row if the migration was reverted by hand",
      });
      continue;
    }
    plan.applied.push({ migration, row });
    if (!plan.lastApplied || compareVersions(migration.version, plan.lastApplied) > 0)
      plan.lastApplied = migration.version;
    if (sumOf === null) continue;
    const sums = sumOf(migration);
    if (!row.checksum) plan.unverified.push({ migration, row });
    else if (!sums.includes(row.checksum)) {
      if (accept.has(id)) {
        acceptedSeen.add(id);
        plan.accepted.push({ migration, row });
      } else {
        problems.push({
          rule: 'checksum-drift',
          message: `${migration.up.file} was edited after it was applied (recorded ${row.checksum.slice(0, 19)}…, file ${sums[0].slice(0, 19)}…); the database does not contain the edit`,
          file: migration.up.file,
          help: `revert the edit and put the change in a new migration; if the edit changes nothing in the database (a comment, formatting), accept it with accept-edited: ${migration.version.text}`,
        });
      }
    }
  }

  for (const v of accept) {
    if (!acceptedSeen.has(v)) {
      problems.push({
        rule: 'stale-override',
        message: `accept-edited names ${v}, but ${applied.has(v) ? 'its file matches the recorded checksum' : 'no applied migration has that version'}`,
        help: 'remove it from accept-edited: there is nothing to accept',
      });
    }
  }
  if (opts.resolveDirty && !plan.resolved) {
    problems.push({
      rule: 'stale-override',
      message: `resolve-dirty names ${opts.resolveDirty.version}, but no dirty migration has that version`,
      help: 'remove resolve-dirty',
    });
  }

  let notRun = migrations.filter((m) => !applied.has(versionId(m.version)));
  if (opts.baseline) {
    const base = idOf(opts.baseline);
    const baseVersion = migrations.find((m) => versionId(m.version) === base)?.version;
    if (rows.length) {
      problems.push({
        rule: 'stale-override',
        message: `baseline is set but the history already has ${rows.length} row(s)`,
        help: 'remove baseline: it is only for a database that has schema but no history',
      });
    } else if (!baseVersion) {
      problems.push({
        rule: 'stale-override',
        message: `baseline ${opts.baseline} matches no migration in the folder`,
        help: 'set baseline to the version of the last migration the database already contains',
      });
    } else {
      plan.baseline = notRun.filter((m) => compareVersions(m.version, baseVersion) <= 0);
      notRun = notRun.filter((m) => compareVersions(m.version, baseVersion) > 0);
      plan.lastApplied = baseVersion;
    }
  }
  plan.pending = notRun;
  if (plan.resolved?.as === 'applied' && plan.resolved.migration) {
    plan.pending = plan.pending.filter((m) => m !== plan.resolved!.migration);
  }
  if (plan.lastApplied) {
    plan.outOfOrder = plan.pending.filter((m) => compareVersions(m.version, plan.lastApplied!) < 0);
    if (!opts.allowOutOfOrder) {
      for (const m of plan.outOfOrder) {
        problems.push({
          rule: 'out-of-order',
          message: `${m.up.file} is pending but older than ${plan.lastApplied.text}, the newest applied migration`,
          file: m.up.file,
          help: 'give it a version after the newest applied one (rename the file), or set allow-out-of-order: true if running it out of order is safe',
        });
      }
    }
  }
  return plan;
}
