import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { redact } from '../foundation/redact.js';
import { kindOf } from './catalogue.js';
import type { Finding, Report, Severity } from '../model/report.js';

const LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note' };

/** A rule's SARIF text, from the catalogue: every id the product reports has an entry (a test makes sure). */
function ruleOf(id: string, example: Finding) {
  const kind = kindOf(id);
  return {
    id,
    shortDescription: { text: kind?.title ?? id },
    fullDescription: { text: kind?.message ?? example.message },
    help: {
      text: kind?.help ?? example.help ?? '',
      markdown: kind
        ? `**What happens:** ${kind.message}\n\n**What to do:** ${kind.help}\n\nSee ${kind.docs}.`
        : (example.help ?? ''),
    },
    defaultConfiguration: { level: LEVEL[kind?.severity ?? example.severity] },
    properties: { tags: [kind?.area ?? 'unknown', ...(kind?.lock ? ['locks'] : [])] },
  };
}

/**
 * The findings as SARIF 2.1.0, for GitHub code scanning: every finding that points into a file, beyond the
 * annotation cap. Rules carry their title, what happens and what to do.
 */
export function renderSarif(r: Report, version: string): object {
  const located = r.findings.filter((f) => f.file);
  const ids = [...new Set(located.map((f) => f.rule))];
  const rules = ids.map((id) =>
    ruleOf(
      id,
      located.find((f) => f.rule === id)!,
    ),
  );
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'pg-migration-gate',
            version,
            informationUri: 'https://github.com/marketplace/actions/pg-migration-gate',
            rules,
          },
        },
        results: located.map((f) => ({
          ruleId: f.rule,
          ruleIndex: ids.indexOf(f.rule),
          level: LEVEL[f.severity],
          message: { text: f.help ? `${f.message} ${f.help}` : f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: {
                  uri: (r.root ? join(r.root, f.file!) : f.file!).split('\\').join('/'),
                  uriBaseId: '%SRCROOT%',
                },
                region: { startLine: f.line ?? 1, startColumn: f.column ?? 1 },
              },
            },
          ],
        })),
      },
    ],
  };
}

export function writeSarif(path: string, r: Report, version: string, secrets: readonly string[]): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${redact(JSON.stringify(renderSarif(r, version), null, 2), secrets)}\n`);
}
