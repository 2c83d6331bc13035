import { nameParts, nodeAs, type Node } from '../../migrations/ast-node.js';
import type { Statement } from '../../migrations/parse.js';
import { eachStatement, type LintRule } from '../rule.js';

/** ALTER DOMAIN subtypes that check every stored value of the domain: ADD CONSTRAINT, VALIDATE, SET NOT NULL. */
const CHECKS_VALUES: Record<string, string> = { C: 'ADD CONSTRAINT', V: 'VALIDATE CONSTRAINT', O: 'SET NOT NULL' };

const domainName = (names: readonly Node[] | undefined) => nameParts(names).join('.');

function createdInFile(statements: Statement[], index: number, name: string): boolean {
  return statements
    .slice(0, index)
    .some((p) => p.kind === 'CreateDomainStmt' && domainName(p.node.domainname) === name);
}

export const rule: LintRule = {
  id: 'adding-domain-constraint',
  group: 'locking',
  severity: 'warning',
  title: 'ALTER DOMAIN … ADD CONSTRAINT, VALIDATE CONSTRAINT or SET NOT NULL',
  message:
    'Every value of the domain, in every table with a column of it, is checked while writes to those tables are blocked (SHARE lock); for a domain, VALIDATE CONSTRAINT blocks writes just the same.',
  help: 'Put the rule on the table columns instead: ALTER TABLE … ADD CONSTRAINT … CHECK (…) NOT VALID, then VALIDATE CONSTRAINT in a later migration, which lets writes go on.',
  check: (ctx) =>
    eachStatement(ctx, (s, i) => {
      if (s.kind !== 'AlterDomainStmt') return false;
      const what = CHECKS_VALUES[s.node.subtype ?? ''];
      // Added NOT VALID, the constraint checks nothing yet: the scan comes with VALIDATE, which is flagged there.
      if (!what || (s.node.subtype === 'C' && nodeAs(s.node.def, 'Constraint')?.skip_validation)) return false;
      const name = domainName(s.node.typeName);
      return !createdInFile(ctx.file.statements, i, name) && `${what} on domain ${name}.`;
    }),
};
