import type { LintRule } from '../rule.js';

/** Reported by the linter itself for suppression comments that silence nothing. */
export const rule: LintRule = {
  id: 'unused-suppression',
  group: 'conventions',
  severity: 'warning',
  title: 'A suppression comment that silences nothing',
  message: 'This pg-migration-gate:ignore comment no longer silences any finding.',
  help: 'Remove it (or fix the rule name), so that a real finding is not hidden by it later.',
  check: () => [],
};
