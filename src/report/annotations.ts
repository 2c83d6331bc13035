import { join } from 'node:path';
import { ANNOTATIONS_PER_KIND } from './limits.js';
import type { Report } from '../model/report.js';

export interface Annotation {
  level: 'error' | 'warning';
  title: string;
  message: string;
  file: string;
  startLine?: number;
  startColumn?: number;
}

/**
 * Annotations for errors and warnings that point into a file, most severe first, at most what GitHub shows per
 * kind. `left` counts the ones that did not fit, for the summary to say so.
 */
export function annotationsFor(r: Report): { annotations: Annotation[]; left: number } {
  const located = r.findings.filter((f) => f.file && (f.severity === 'error' || f.severity === 'warning'));
  const annotations: Annotation[] = [];
  for (const level of ['error', 'warning'] as const) {
    for (const f of located.filter((x) => x.severity === level).slice(0, ANNOTATIONS_PER_KIND)) {
      annotations.push({
        level,
        title: f.rule,
        message: f.help ? `${f.message}\n${f.help}` : f.message,
        file: r.root ? join(r.root, f.file!) : f.file!,
        startLine: f.line,
        startColumn: f.column,
      });
    }
  }
  return { annotations, left: located.length - annotations.length };
}
