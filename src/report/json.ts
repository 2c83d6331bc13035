import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { redact } from '../redact.js';
import type { Report } from '../model/report.js';

/** Serialises the report, secrets redacted. */
export function renderJson(report: Report, secrets: readonly string[]): string {
  return redact(JSON.stringify(report, null, 2), secrets);
}

export function writeReport(path: string, report: Report, secrets: readonly string[]): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${renderJson(report, secrets)}\n`);
}
