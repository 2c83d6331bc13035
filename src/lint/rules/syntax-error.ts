import type { LintRule } from '../rule.js';

/** Reported by the linter itself when PostgreSQL's parser rejects a file; no other rule runs on that file. */
export const rule: LintRule = {
  id: 'syntax-error',
  group: 'broken',
  severity: 'error',
  title: 'Syntax error',
  message: "PostgreSQL's parser rejects the file: nothing in it can run.",
  help: 'Fix the SQL at the position shown; the file was not run.',
  check: () => [],
};
