import { tableText } from '../db/identifiers.js';
import { addFinding, locationFields, newReport } from '../report/report.js';
import { targetIdentity } from '../db/connect.js';
export function startReport(command, config, url) {
    return newReport(command, tableText(config.historyTable), targetIdentity(url));
}
export function reportPlanProblems(report, problems) {
    for (const p of problems)
        addFinding(report, { rule: p.rule, severity: 'error', message: p.message, help: p.help, file: p.file });
}
export function reportAnalysisErrors(report, errors) {
    for (const { error } of errors) {
        addFinding(report, {
            rule: error.details.sqlstate === '42601' ? 'syntax-error' : 'transaction-control',
            severity: 'error',
            message: error.message,
            help: error.details.hint,
            sqlstate: error.details.sqlstate,
            ...locationFields(error.details.location),
        });
    }
}
export function listPending(report, plan, analysed) {
    const modes = new Map(analysed.map((a) => [a.migration, a.exec]));
    report.pending = plan.pending.map((m) => {
        const exec = modes.get(m);
        return {
            version: m.version.text,
            name: m.name,
            file: m.up.file,
            transaction: exec ? exec.mode === 'transaction' : true,
            transactionNote: exec?.reason,
        };
    });
}
