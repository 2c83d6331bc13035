import { MigrationError } from '../foundation/errors.js';
import { parseScript } from './parse.js';
import { executionPlan, type ExecutionPlan } from './transaction-mode.js';
import type { Migration } from '../model/migration.js';

export interface Analysed {
  migration: Migration;
  exec: ExecutionPlan;
}

/**
 * Parses each migration's up script and decides how it runs. All are analysed before any runs, so a syntax
 * error in the fifth pending migration stops the run before the first one is applied.
 */
export async function analyseAll(
  migrations: Migration[],
): Promise<{ analysed: Analysed[]; errors: { migration: Migration; error: MigrationError }[] }> {
  const analysed: Analysed[] = [];
  const errors: { migration: Migration; error: MigrationError }[] = [];
  for (const migration of migrations) {
    try {
      const statements = await parseScript(migration.up);
      analysed.push({ migration, exec: executionPlan(statements, migration.noTransactionDirective) });
    } catch (err) {
      if (!(err instanceof MigrationError)) throw err;
      errors.push({ migration, error: err });
    }
  }
  return { analysed, errors };
}

/** The database and user a run works as, which `\connect` lines in its files must name, if they name any. */
export interface SessionTarget {
  database: string;
  user: string;
}

/**
 * psql's `\connect` opens a new session, on the database and as the user it names. The runner can only give a
 * fresh session on the run's own database as the run's user: a file that connects elsewhere is refused before
 * anything runs, at its `\connect` line.
 */
export function foreignConnects(
  analysed: Analysed[],
  target: SessionTarget,
): { migration: Migration; error: MigrationError }[] {
  const out: { migration: Migration; error: MigrationError }[] = [];
  for (const { migration, exec } of analysed) {
    for (const s of exec.statements.filter((x) => x.kind === 'PsqlConnect')) {
      const { database, user } = s.node as { database?: string; user?: string };
      const elsewhere =
        database && database !== target.database
          ? `database ${database}`
          : user && user !== target.user
            ? `user ${user}`
            : undefined;
      if (!elsewhere) continue;
      out.push({
        migration,
        error: new MigrationError(
          `\\connect to ${elsewhere}: this migration runs on database ${target.database} as ${target.user}, and psql would have switched`,
          {
            location: s.location,
            hint: 'remove the \\connect line (a dump made without --create has none), or run this file by hand where it belongs',
          },
        ),
      });
    }
  }
  return out;
}
