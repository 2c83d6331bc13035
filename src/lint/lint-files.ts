import { MigrationError } from '../foundation/errors.js';
import { byteToChar, LineMap, loadParser, parsePsqlScript, type Statement } from '../migrations/parse.js';
import { readPlan } from '../migrations/transaction-mode.js';
import type { Script } from '../model/migration.js';
import type { Finding } from '../model/report.js';
import { relKey, relName } from './ast.js';
import { folderConventions } from './conventions.js';
import { RULES, ruleById } from './registry.js';
import type { FolderConventions, LintFile, LintRule, RuleContext } from './rule.js';
import { DeclaredSchema } from './declared-schema.js';
import { findSuppressions, suppress } from './suppressions.js';

/** A file to lint: its up script and what the folder knows about it. */
export interface LintInput {
  script: Script;
  hasDown: boolean;
  version?: string;
  noTransactionDirective: boolean;
  runByThisTool: boolean;
  /** Only files in scope are reported; the others still teach the folder's conventions. */
  inScope: boolean;
}

export interface LintOptions {
  postgresVersion: number;
  disabled: ReadonlySet<string>;
  /** The folder's conventions when known; otherwise they are read from the files. */
  folder?: FolderConventions;
}

export const NEWEST_POSTGRES = 18;

function docsOf(rule: string): string {
  return `docs/rules/${rule}.md`;
}

function finding(
  rule: LintRule,
  detail: string | undefined,
  loc: { file: string; line?: number; column?: number },
): Finding {
  return {
    rule: rule.id as Finding['rule'],
    severity: rule.severity,
    message: detail ? `${rule.message} ${detail}` : rule.message,
    help: rule.help,
    docs: docsOf(rule.id),
    ...loc,
  };
}

function lastLine(s: Statement): number {
  return s.location.line + (s.sql.match(/\n/g)?.length ?? 0);
}

/** Tables created in the file before a statement: new, and so empty. */
function createdBefore(statements: Statement[]) {
  const firstCreate = new Map<string, number>();
  statements.forEach((s, i) => {
    const rel = s.kind === 'CreateStmt' ? relName(s.node.relation) : undefined;
    if (rel && !firstCreate.has(relKey(rel))) firstCreate.set(relKey(rel), i);
  });
  return (rel: ReturnType<typeof relName>, index: number): boolean => {
    const at = rel ? firstCreate.get(relKey(rel)) : undefined;
    return at !== undefined && at < index;
  };
}

async function parseInput(input: LintInput): Promise<{ file: LintFile; error?: MigrationError }> {
  const file: LintFile = {
    file: input.script.file,
    statements: [],
    hasDown: input.hasDown,
    version: input.version,
    script: input.script,
    sql: input.script.sql,
    runByThisTool: input.runByThisTool,
  };
  try {
    ({ statements: file.statements, sql: file.sql } = await parsePsqlScript(input.script));
  } catch (err) {
    if (err instanceof MigrationError) return { file, error: err };
    throw err;
  }
  try {
    ({ plan: file.exec, divergences: file.divergences } = readPlan(file.statements, input.noTransactionDirective));
  } catch (err) {
    if (!(err instanceof MigrationError)) throw err;
  }
  return { file };
}

/** What every file of one run is linted against. */
interface Run {
  options: LintOptions;
  folder: FolderConventions;
  /** What the files before the current one declared. */
  history: DeclaredSchema;
  enabled: readonly LintRule[];
}

/**
 * Lints files with every enabled rule, as the runner will execute them. Findings silenced by a suppression
 * comment are dropped; a suppression that silences nothing is itself reported.
 */
export async function lintFiles(inputs: LintInput[], options: LintOptions): Promise<Finding[]> {
  await loadParser();
  const parsed = await Promise.all(inputs.map(parseInput));
  const run: Run = {
    options,
    folder:
      options.folder ??
      folderConventions(parsed.filter((p) => !p.error).map((p) => ({ ...p.file, text: p.file.script.sql }))),
    history: DeclaredSchema.empty(),
    enabled: RULES.filter((r) => !options.disabled.has(r.id)),
  };
  const findings: Finding[] = [];
  parsed.forEach(({ file, error }, i) => {
    // The file's own history is built only when a rule asks for it; either way the run's history learns the file.
    let layer: DeclaredSchema | undefined;
    const history = () => (layer ??= run.history.layer(file.statements));
    if (inputs[i].inScope) findings.push(...(error ? syntaxFindings(error, run) : lintOne(file, run, history)));
    if (layer) run.history.absorb(layer);
    else run.history.record(file.statements);
  });
  return findings;
}

/** The parser's own words for SQL it rejects; ours, with the way out, for psql lines the runner does not run. */
function syntaxFindings(error: MigrationError, run: Run): Finding[] {
  const rule = run.enabled.find((r) => r.id === 'syntax-error');
  const parser = /^syntax error: /.exec(error.message);
  const detail = parser
    ? `PostgreSQL says: ${error.message.slice(parser[0].length)}.`
    : `${error.message}: ${error.details.hint}.`;
  return rule ? [finding(rule, detail, error.details.location!)] : [];
}

function lintOne(file: LintFile, run: Run, history: () => DeclaredSchema): Finding[] {
  const suppressions = findSuppressions({ ...file.script, sql: file.sql });
  // Built when a rule first places a finding inside a statement: most findings sit at the statement itself.
  let toChar: ((byte: number) => number) | undefined;
  let lines: LineMap | undefined;
  const ctx: RuleContext = {
    file,
    locate: (b) => {
      if (typeof b !== 'number' || b < 0) return undefined;
      toChar ??= byteToChar(file.script.sql);
      lines ??= new LineMap(file.script);
      return lines.at(toChar(b));
    },
    postgresVersion: run.options.postgresVersion,
    folder: run.folder,
    createdBefore: createdBefore(file.statements),
    schemaBefore: (index) => history().view(index),
  };
  const out: Finding[] = [];
  for (const rule of run.enabled) {
    for (const hit of rule.check(ctx)) {
      const s = hit.statement;
      const loc = hit.location ?? s?.location;
      const span = s ? { first: s.location.line, last: lastLine(s) } : undefined;
      if (suppress(suppressions, rule.id, span)) continue;
      out.push(finding(rule, hit.detail, { file: file.file, line: loc?.line, column: loc?.column }));
    }
  }
  const unused = run.enabled.find((r) => r.id === 'unused-suppression');
  for (const s of unused ? suppressions : []) {
    for (const r of s.rules.filter((r) => !s.used.has(r))) {
      out.push(
        finding(unused!, ruleById(r) ? `'${r}' found nothing to silence here.` : `'${r}' is not a rule.`, s.location),
      );
    }
  }
  return out.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}
