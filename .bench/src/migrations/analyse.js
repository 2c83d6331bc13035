import { MigrationError } from '../errors.js';
import { parseScript } from './parse.js';
import { executionPlan } from './transaction.js';
/**
 * Parses each migration's up script and decides how it runs. All are analysed before any runs, so a syntax
 * error in the fifth pending migration stops the run before the first one is applied.
 */
export async function analyseAll(migrations) {
    const analysed = [];
    const errors = [];
    for (const migration of migrations) {
        try {
            const statements = await parseScript(migration.up);
            analysed.push({ migration, exec: executionPlan(statements, migration.noTransactionDirective) });
        }
        catch (err) {
            if (!(err instanceof MigrationError))
                throw err;
            errors.push({ migration, error: err });
        }
    }
    return { analysed, errors };
}
