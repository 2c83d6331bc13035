import { eachStatement, type LintRule } from '../rule.js';

export const rule: LintRule = {
  id: 'enum-value-without-position',
  group: 'types',
  severity: 'info',
  title: 'ALTER TYPE … ADD VALUE without BEFORE or AFTER',
  message:
    'The new value sorts after every existing one: comparisons and ORDER BY on an enum follow its declared order, so the value lands last whether or not it belongs there.',
  help: "Say where it goes with BEFORE or AFTER an existing value; where the enum's order carries no meaning, appending is right and this can be ignored.",
  check: (ctx) =>
    eachStatement(
      ctx,
      (s) => s.kind === 'AlterEnumStmt' && !!s.node.newVal && !s.node.newValNeighbor && `Value '${s.node.newVal}'.`,
    ),
};
