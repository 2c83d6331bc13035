import { MigrationError } from '../errors.js';
import { parseScript } from './parse.js';
import { executionPlan, type ExecutionPlan } from './transaction.js';
import type { Migration } from '../model/migration.js';

export interface Analysed {
  migration: Migration;
  exec: ExecutionPlan;
}

/**
 * Parses each migration's up script and decides how it runs. All are analysed before any runs, so a syntax
 * error in the fifth pending migration stops the run before the first one is applied.
 */
export async function analyseAll(migrations: Migration[]): Promise<{ analysed: Analysed[]; errors: { migration: Migration; error: MigrationError }[] }> {
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
