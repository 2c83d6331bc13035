import { readFileSync } from 'node:fs';
import type { Config } from '../config/config.js';
import { InputError } from '../foundation/errors.js';
import { lintFiles, NEWEST_POSTGRES, type LintInput } from '../lint/lint-files.js';
import { matchFileName } from '../migrations/names.js';
import { splitSections } from '../migrations/sections.js';
import type { Migration } from '../model/migration.js';
import { addFinding, newReport, type Report, type Severity } from '../model/report.js';
import { tableText } from '../db/session/identifiers.js';
import type { CommandContext } from '../engine/context.js';

export interface LintContext extends Omit<CommandContext, 'databaseUrl'> {
  /** A server to read the PostgreSQL version from, when postgres-version is not set. */
  databaseUrl?: string;
  /** Files given by path (CLI): linted as they are, instead of the folder. */
  files?: string[];
}

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

async function serverVersion(url: string): Promise<number> {
  // Loaded only here: linting needs no database client unless it asks a server for its version.
  const { withClient } = await import('../db/session/connect.js');
  return withClient(url, async (c) =>
    Math.floor(Number((await c.query('SHOW server_version_num')).rows[0].server_version_num) / 10000),
  );
}

function fromFolder(migrations: Migration[], scope?: Set<string>): LintInput[] {
  return migrations.map((m) => ({
    script: m.up,
    hasDown: !!m.down,
    version: m.version.text,
    noTransactionDirective: m.noTransactionDirective,
    runByThisTool: true,
    inScope: !scope || scope.has(m.up.file) || (!!m.down && scope.has(m.down.file)),
  }));
}

function fromPaths(paths: string[]): LintInput[] {
  return paths.map((file) => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (cause) {
      throw new InputError([`${file}: cannot be read (${(cause as NodeJS.ErrnoException).code}); check the path`], {
        cause,
      });
    }
    const { up, down, noTransaction } = splitSections(file, text);
    const name = matchFileName(file.split('/').pop()!);
    return {
      script: up,
      hasDown: !!down,
      version: name.kind === 'migration' ? name.version.text : undefined,
      noTransactionDirective: noTransaction,
      runByThisTool: false,
      inScope: true,
    };
  });
}

/**
 * Lints migrations with PostgreSQL's own parser: the discovered folder (on a pull request, only what changed
 * since base-ref), or files given by path. The run fails when a finding reaches fail-on.
 */
export async function lint(config: Config, ctx: LintContext): Promise<Report> {
  const report = newReport('lint', tableText(config.historyTable));
  let inputs: LintInput[];
  if (ctx.files?.length) {
    inputs = fromPaths(ctx.files);
  } else {
    // Loaded here: files given by path need neither the folder's discovery (checksums) nor git.
    const [{ readFolder }, { changedFiles }] = await Promise.all([
      import('../migrations/discover.js'),
      import('../git/changed-files.js'),
    ]);
    const { migrations } = await readFolder(config.migrationsDir, config.allowEmpty);
    report.root = config.migrationsDir;
    const scope = config.baseRef ? await changedFiles(config.baseRef, config.migrationsDir) : undefined;
    inputs = fromFolder(migrations, scope);
    if (scope)
      report.notes.push(
        `linted ${inputs.filter((i) => i.inScope).length} of ${inputs.length} migration(s): those added or changed since ${config.baseRef}`,
      );
  }
  const postgresVersion =
    config.postgresVersion ?? (ctx.databaseUrl ? await serverVersion(ctx.databaseUrl) : NEWEST_POSTGRES);
  const findings = await lintFiles(inputs, { postgresVersion, disabled: new Set(config.disabledRules) });
  const threshold = config.failOn === 'never' ? Infinity : RANK[config.failOn];
  for (const f of findings) addFinding(report, f);
  report.ok = findings.every((f) => RANK[f.severity] < threshold);
  ctx.log.info(
    `linted ${inputs.filter((i) => i.inScope).length} file(s) for PostgreSQL ${postgresVersion}: ${findings.length} finding(s)`,
  );
  return report;
}
