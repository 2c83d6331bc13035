import { versionStyle } from '../conventions.js';
import type { LintRule } from '../rule.js';

const describe = (style: string) =>
  style === 'timestamp'
    ? 'a timestamp (YYYYMMDD_HHMMSS)'
    : style.startsWith('number:')
      ? `a ${style.slice(7)}-digit number`
      : style;

export const rule: LintRule = {
  id: 'naming-convention',
  group: 'conventions',
  severity: 'warning',
  title: "A file name that breaks the folder's naming convention",
  message:
    'The version is written differently from the rest of the folder, which makes the order hard to read and invites collisions.',
  help: 'Rename the file to use the same version style as the other migrations.',
  check: (ctx) => {
    const { version } = ctx.file;
    const expected = ctx.folder.versionStyle;
    if (!version || !expected || versionStyle(version) === expected) return [];
    return [
      {
        location: { file: ctx.file.file, line: 1, column: 1 },
        detail: `Its version ${version} is not ${describe(expected)} like the others.`,
      },
    ];
  },
};
