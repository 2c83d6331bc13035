import type { Config } from '../config/config.js';
import { changedFiles, filesAtBase } from '../git/changed-files.js';
import { lintFiles } from '../lint/lint-files.js';
import { serverMajor } from '../db/session/server-version.js';
import { analyseAll, foreignConnects } from '../migrations/analyse.js';
import { readFolder } from '../migrations/discover.js';
import { matchFileName, matchFolderName } from '../migrations/names.js';
import type { Migration } from '../model/migration.js';
import { compareVersions, versionId } from '../migrations/version.js';
import { addFinding, type Report } from '../model/report.js';
import { runChecks } from '../verify/run-checks.js';
import { mayNotCreateDatabases, ScratchServer } from '../verify/scratch.js';
import { serverObjects, undoServerEffects, type ServerObjects } from '../verify/server-effects.js';
import { ServerWitness } from '../verify/ownership.js';
import { withClient } from '../db/session/connect.js';
import { withOwnClient } from '../db/session/own-session.js';
import { existsSync } from 'node:fs';
import { CancelledError } from '../foundation/errors.js';
import { restoreBackup } from '../backup/restore-backup.js';
import { applyMigrations } from './pipeline.js';
import { reportAnalysisErrors, startReport } from './context.js';
import { locateDump, type RestoreContext } from './restore-database.js';

interface Split {
  deployed: Migration[];
  fresh: Migration[];
  problems: { rule: Report['findings'][number]['rule']; message: string; file?: string; help: string }[];
}

/** Versions named by files at the base: the one-file, pair and Flyway layouts, and migration folders. */
function versionsOf(files: Set<string>): Set<string> {
  const ids = new Set<string>();
  for (const f of files) {
    const [first, ...rest] = f.split('/');
    const v = rest.length
      ? matchFolderName(first)?.version
      : (() => {
          const m = matchFileName(first);
          return m.kind === 'migration' ? m.version : undefined;
        })();
    if (v) ids.add(versionId(v));
  }
  return ids;
}

/**
 * Deployed migrations are those present at base-ref; the rest are new. New ones must sort after every deployed
 * one and must not reuse a deployed version; deployed ones must not have been edited.
 */
async function splitByBase(migrations: Migration[], config: Config): Promise<Split> {
  if (!config.baseRef) return { deployed: [], fresh: migrations, problems: [] };
  const atBase = await filesAtBase(config.baseRef, config.migrationsDir);
  const changed = await changedFiles(config.baseRef, config.migrationsDir);
  const baseVersions = versionsOf(atBase);
  const deployed = migrations.filter((m) => atBase.has(m.up.file));
  const fresh = migrations.filter((m) => !atBase.has(m.up.file));
  const problems: Split['problems'] = [];
  const newest = deployed[deployed.length - 1];
  for (const m of fresh) {
    if (baseVersions.has(versionId(m.version))) {
      problems.push({
        rule: 'version-reused',
        file: m.up.file,
        message: `${m.up.file} reuses version ${m.version.text}, which a deployed migration already has: production would take it as applied and never run it`,
        help: 'Give the migration a new version, later than every deployed one.',
      });
    } else if (newest && compareVersions(m.version, newest.version) < 0) {
      problems.push({
        rule: 'out-of-order',
        file: m.up.file,
        message: `${m.up.file} sorts before ${newest.up.file}, which is deployed: production would run it out of order (or refuse it)`,
        help: 'Rename it to a version after the newest deployed migration.',
      });
    }
  }
  for (const m of deployed.filter((d) => changed.has(d.up.file))) {
    problems.push({
      rule: 'deployed-migration-edited',
      file: m.up.file,
      message: `${m.up.file} is deployed and was edited in this change: databases that ran it will not get the edit, and apply refuses the checksum drift`,
      help: 'Revert the edit and put the change in a new migration.',
    });
  }
  return { deployed, fresh, problems };
}

/**
 * Runs the change's migrations for real on scratch databases of the server in database-url (never on the
 * database it names): apply with observed locks, a second run, the down/up round trip, and lint; reports the
 * schema change the PR makes.
 */
export async function verifyChange(config: Config, ctx: RestoreContext): Promise<Report> {
  const report = startReport('verify', config, ctx.databaseUrl);
  const { migrations } = await readFolder(config.migrationsDir, config.allowEmpty);
  const split = await splitByBase(migrations, config);
  for (const p of split.problems) addFinding(report, { ...p, severity: 'error' });
  // A required check runs on every pull request: one that adds no migration passes here, in a second.
  if (config.baseRef && !split.fresh.length && !config.restoreDrill) {
    report.notes.push(`no migration in ${config.migrationsDir} is new since ${config.baseRef}: nothing to verify`);
    return report;
  }
  const role = await withOwnClient(ctx.databaseUrl, mayNotCreateDatabases);
  if (role) {
    addFinding(report, {
      rule: 'database-error',
      severity: 'error',
      sqlstate: '42501',
      message: `verify creates scratch databases, and the role ${role} may not: it has neither CREATEDB nor superuser (a managed service's migrating role, which owns its database and no more, as a rule); nothing was run`,
      help: `Run verify where it may create databases: on a throwaway server (the pull request check's PostgreSQL service container, or the CLI without database-url, which starts one), or as a role with CREATEDB (ALTER ROLE ${role} CREATEDB, where the service allows it). plan, apply, backup and restore need no more than owning the database.`,
    });
    return report;
  }
  const { analysed, errors } = await analyseAll(split.fresh);
  // `\connect` lines are checked against the database in database-url, which stands for the target here.
  const who = await withClient(
    ctx.databaseUrl,
    async (c) => (await c.query('SELECT pg_catalog.current_database() AS database, session_user AS user')).rows[0],
  );
  errors.push(...foreignConnects(analysed, who));
  reportAnalysisErrors(report, errors);
  // Migrations after one that cannot be parsed cannot be run in order: the chain stops there.
  const firstBroken = Math.min(split.fresh.length, ...errors.map((e) => split.fresh.indexOf(e.migration)));
  const runnable = analysed.filter((a) => split.fresh.indexOf(a.migration) < firstBroken);

  if (config.checks.has('lint')) {
    const inScope = new Set(split.fresh);
    // As the lint command does: the server's own version decides, unless postgres-version names one.
    const postgresVersion = config.postgresVersion ?? (await withClient(ctx.databaseUrl, serverMajor));
    const findings = await ctx.log.group('lint the new migrations', () =>
      lintFiles(
        migrations.map((m) => ({
          script: m.up,
          hasDown: !!m.down,
          version: m.version.text,
          noTransactionDirective: m.noTransactionDirective,
          runByThisTool: true,
          inScope: inScope.has(m),
        })),
        { postgresVersion, disabled: new Set([...config.disabledRules, 'syntax-error']) },
      ),
    );
    for (const f of findings) addFinding(report, f);
  }

  const { before, witness } = await withOwnClient(ctx.databaseUrl, async (c) => {
    const objects = await serverObjects(c);
    return { before: objects, witness: await ServerWitness.open(c, objects) };
  });
  const server = await ScratchServer.open(ctx.databaseUrl);
  const stopCancelling = server.cancelOnAbort(ctx.signal);
  try {
    for (const line of await server.dropLeftovers()) report.notes.push(`verify ${line}`);
    const { result, findings, cancelled } = ctx.signal?.aborted
      ? { result: undefined, findings: [], cancelled: String(ctx.signal.reason) }
      : await ctx.log.group(
          `run ${split.deployed.length} deployed and ${runnable.length} new migration(s) on scratch databases`,
          () => runChecks(server, split.deployed, runnable, { ...config, signal: ctx.signal, witness }, ctx.log),
        );
    report.verify = result;
    for (const f of findings) addFinding(report, f);
    if (cancelled) verifyCancelled(report, cancelled);
  } finally {
    await stopCancelling();
    await server.close();
    await undoOnServer(ctx.databaseUrl, before, witness, [...split.deployed, ...split.fresh], report);
  }
  if (report.cancelled) return report;
  if (config.restoreDrill) await ctx.log.group('restore drill', () => restoreDrill(config, ctx, report));
  ctx.log.info(
    `verified ${report.verify?.migrations.filter((m) => m.apply === 'ok').length ?? 0} of ${split.fresh.length} new migration(s) on top of ${split.deployed.length} deployed`,
  );
  return report;
}

/** The run was cancelled: said as such; its scratch databases are dropped and what it did to the server undone all the same. */
function verifyCancelled(report: Report, reason: string): void {
  report.cancelled = reason;
  const done = report.verify?.migrations.filter((m) => m.apply === 'ok').length ?? 0;
  addFinding(report, {
    rule: 'cancelled',
    severity: 'error',
    message: `verify cancelled (${reason}) after ${done} new migration(s) had applied on the scratch database; the running statement was cancelled and the checks after it were not run`,
    help: 'Run verify again to check every migration; its scratch databases were dropped, and nothing was changed in the database it was given.',
  });
}

/**
 * Puts the server back where verify's own sessions changed more than their scratch databases (roles, ALTER
 * SYSTEM, …); what other sessions did meanwhile stays, and where the migrations name it, the report says so.
 */
async function undoOnServer(
  url: string,
  before: ServerObjects,
  witness: ServerWitness,
  ran: Migration[],
  report: Report,
): Promise<void> {
  const text = ran.map((m) => `${m.up.sql}\n${m.down?.sql ?? ''}`).join('\n');
  const { undone, left, others } = await withOwnClient(url, (c) => undoServerEffects(c, before, witness, text));
  if (undone.length)
    report.notes.push(`verify undid what the migrations changed on the whole server: ${undone.join('; ')}`);
  if (others.length)
    report.notes.push(
      `left alone, created on the server by other sessions while verify ran (not by verify's migrations, though they use the names): ${others.join(', ')}`,
    );
  for (const problem of left) {
    addFinding(report, {
      rule: 'server-side-effect',
      severity: 'warning',
      message: `verify could not undo a server-wide change of the migrations (${problem}); a later verify on this server may fail because of it`,
      help: 'Remove it by hand, or run verify on a throwaway server (a workflow service container).',
    });
  }
}

/**
 * Restores a backup into a scratch database and applies the pending migrations on it with the real apply
 * engine: proof that the backup restores and that the migrations run on the real shape of the data.
 */
async function restoreDrill(config: Config, ctx: RestoreContext, report: Report): Promise<void> {
  const value = config.restoreDrill!;
  const dump = await locateDump(
    existsSync(value) ? { file: value } : { artifact: value, identity: config.backupIdentity },
    ctx,
  );
  const server = await ScratchServer.open(ctx.databaseUrl);
  try {
    const url = server.urlOf(await server.create('drill'));
    const started = performance.now();
    const m = await restoreBackup(url, dump, config.pgDumpPath, { signal: ctx.signal });
    const restoredMs = Math.round(performance.now() - started);
    const applied = await applyMigrations(config, { ...ctx, databaseUrl: url, appliedBy: 'restore drill' });
    for (const f of applied.findings)
      addFinding(report, { ...f, rule: `restore-drill/${f.rule}`, message: `restore drill: ${f.message}` });
    report.notes.push(
      `restore drill: ${m.file} restored in ${restoredMs} ms (sha256 checked), then ${applied.applied.length} of ${applied.pending.length} pending migration(s) applied on it${applied.ok ? '' : ' before a failure'}`,
    );
  } catch (err) {
    // Cancelled: the run's outcome, not the drill's failure (pg_restore was stopped, its scratch database goes below).
    if (err instanceof CancelledError) return verifyCancelled(report, err.reason);
    addFinding(report, {
      rule: 'restore-drill',
      severity: 'error',
      message: `restore drill failed: ${(err as Error).message}`,
      help: 'The backup cannot be restored as it is: check the dump and the pg_restore version.',
    });
  } finally {
    await server.close();
  }
}
