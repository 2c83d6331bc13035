import type { Location } from '../foundation/errors.js';
import type { Statement } from '../migrations/parse.js';
import type { ColumnDef } from '@pgsql/types';
import type { Divergence } from '../migrations/psql-divergence.js';
import type { ExecutionPlan } from '../migrations/transaction-mode.js';
import type { Script } from '../model/migration.js';
import type { FindingText } from '../model/finding-kind.js';
import { introducedColumns, type RelName } from './ast.js';
import type { SchemaView } from './declared-schema.js';

export type RuleGroup = 'locking' | 'broken' | 'destructive' | 'compatibility' | 'conventions' | 'types';

/** What the folder's own migrations show about its habits, so convention rules follow the team, not us. */
export interface FolderConventions {
  /** Most CREATE/DROP statements in the folder use IF [NOT] EXISTS. */
  idempotent: boolean;
  /** Most files open with a comment describing the migration. */
  headers: boolean;
  /** The version style most files use: `timestamp`, or `number:<width>`. */
  versionStyle?: string;
}

/** One file being linted, as the runner will execute it. */
export interface LintFile {
  /** As shown in findings: relative to the migrations folder, or the path given. */
  file: string;
  statements: Statement[];
  /** How the runner executes it; undefined when its transaction control is broken (another rule says why). */
  exec?: ExecutionPlan;
  /** Where running it would differ from psql, which refuses the file (`differs-from-psql` reports them). */
  divergences?: Divergence[];
  /** The version as written in the name, when it is part of a migrations folder. */
  version?: string;
  hasDown: boolean;
  /** The up script as written. */
  script: Script;
  /** The up script's SQL alone: COPY rows and psql meta-command lines blanked, lines and columns unchanged. */
  sql: string;
  /** False for files given by path: something other than this tool's runner will execute them. */
  runByThisTool: boolean;
}

export interface RuleContext {
  file: LintFile;
  /** The PostgreSQL major version the migrations target. */
  postgresVersion: number;
  folder: FolderConventions;
  /** True when the table is created earlier in the same file (so it is new and empty). */
  createdBefore(rel: RelName | undefined, statementIndex: number): boolean;
  /** Where an AST node's `location` (a byte offset into the script) is in the file. */
  locate(byteOffset: number | undefined): Location | undefined;
  /** What the folder's earlier migrations and this file's earlier statements declared, just before a statement. */
  schemaBefore(statementIndex: number): SchemaView;
}

/** Where a rule fired; message extends the rule's own message with specifics. */
export interface Hit {
  statement?: Statement;
  location?: Location;
  detail?: string;
}

/**
 * One lint rule: data first (id, severity, what happens, what to do), then the check. The id is also the file
 * name under src/lint/rules/, the docs page docs/rules/<id>.md and the fixtures folder __fixtures__/lint/<id>/.
 */
export interface LintRule extends FindingText {
  id: string;
  group: RuleGroup;
  check(ctx: RuleContext): Hit[];
}

/** Hits for every statement (with its index) that matches. */
export function eachStatement(
  ctx: RuleContext,
  match: (s: Statement, index: number) => boolean | string | undefined,
): Hit[] {
  const hits: Hit[] = [];
  const statements = ctx.file.statements;
  for (let i = 0; i < statements.length; i++) {
    const m = match(statements[i], i);
    if (m) hits.push({ statement: statements[i], detail: typeof m === 'string' ? m : undefined });
  }
  return hits;
}

/** One hit per column a statement introduces (CREATE TABLE, ADD COLUMN) that matches, at the column itself. */
export function eachNewColumn(
  ctx: RuleContext,
  match: (col: ColumnDef) => boolean,
  detail: (col: ColumnDef) => string,
): Hit[] {
  const hits: Hit[] = [];
  for (const statement of ctx.file.statements) {
    for (const col of introducedColumns(statement))
      if (match(col)) hits.push({ statement, location: ctx.locate(col.location), detail: detail(col) });
  }
  return hits;
}
