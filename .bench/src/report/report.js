export function newReport(command, historyTable, target) {
    return { command, ok: true, target, historyTable, pending: [], applied: [], findings: [], notes: [] };
}
export function locationFields(loc) {
    return loc ? { file: loc.file, line: loc.line, column: loc.column } : {};
}
/** Adds a finding; an error finding makes the report fail. */
export function addFinding(report, f) {
    report.findings.push(f);
    if (f.severity === 'error')
        report.ok = false;
}
