import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { redact } from '../foundation/redact.js';
import type { Report } from '../model/report.js';
import { kindOf } from './catalogue.js';
import { findingsOf, markOf } from './marks.js';

/**
 * Serialises the report, secrets redacted. Every finding names its docs page, and each verified migration carries
 * its mark (its worst finding's severity, `ok`, or `not run`), as the other renderings show it.
 */
export function renderJson(report: Report, secrets: readonly string[]): string {
  const findings = report.findings.map((f) => ({ ...f, docs: f.docs ?? kindOf(f.rule)?.docs }));
  const verify = report.verify && {
    ...report.verify,
    migrations: report.verify.migrations.map((m) => ({
      ...m,
      mark: markOf(findingsOf(report, [m.file, m.downFile]), m.apply !== 'not run'),
    })),
  };
  return redact(JSON.stringify({ ...report, findings, verify }, null, 2), secrets);
}

export function writeReport(path: string, report: Report, secrets: readonly string[]): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${renderJson(report, secrets)}\n`);
}
