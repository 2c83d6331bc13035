import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { redact } from '../redact.js';
/** Serialises the report, secrets redacted. */
export function renderJson(report, secrets) {
    return redact(JSON.stringify(report, null, 2), secrets);
}
export function writeReport(path, report, secrets) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${renderJson(report, secrets)}\n`);
}
