import { ConnectionError } from '../db/connect.js';
import { InputError, StateError } from '../errors.js';
import { addFinding } from '../report/report.js';
import { apply } from './apply.js';
import { plan } from './plan.js';
import { startReport } from './context.js';
/**
 * Runs the configured command. A database that cannot be reached or is not in a state to proceed becomes a
 * failed report (so the report file and outputs still exist); configuration problems stay InputErrors.
 */
export async function runCommand(config, ctx) {
    try {
        switch (config.command) {
            case 'plan':
                return await plan(config, ctx);
            case 'apply':
                return await apply(config, ctx);
            default:
                throw new InputError([`command: '${config.command}' is not available in this version; use plan or apply`]);
        }
    }
    catch (err) {
        if (!(err instanceof StateError || err instanceof ConnectionError))
            throw err;
        const report = startReport(config.command, config, ctx.databaseUrl);
        const problems = err instanceof StateError ? err.problems : [err.message];
        for (const message of problems) {
            addFinding(report, { rule: err instanceof StateError ? 'database-state' : 'connection', severity: 'error', message });
        }
        return report;
    }
}
