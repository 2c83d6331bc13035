import type { LintRule } from '../rule.js';

export const rule: LintRule = {
  id: 'missing-header-comment',
  group: 'conventions',
  severity: 'info',
  title: 'No header comment describing the migration',
  message: 'The other migrations in this folder open with a comment saying what they do and why; this one does not.',
  help: 'Start the file with a comment such as -- Migration: <name> / -- Description: <what and why>.',
  check: (ctx) =>
    ctx.folder.headers && !/^\s*(--|\/\*)/.test(ctx.file.script.sql)
      ? [{ location: { file: ctx.file.file, line: 1, column: 1 } }]
      : [],
};
