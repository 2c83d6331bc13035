import type { LintRule } from './rule.js';

const GROUPS = {
  locking: 'Locking and rewrites',
  broken: 'Impossible or broken',
  destructive: 'Destructive (data loss)',
  compatibility: 'Compatibility with running code',
  conventions: "The folder's conventions",
  types: 'Type hygiene',
} as const;

/** The docs page of a rule, rendered from its data and fixtures, so the page cannot drift from the code. */
export function renderRuleDoc(rule: LintRule, bad: string, good: string): string {
  return `# ${rule.id}

**${rule.title}** · ${GROUPS[rule.group]} · severity: \`${rule.severity}\`

## What happens

${rule.message}

## What to do

${rule.help}

## Flagged

\`\`\`sql
${bad.trimEnd()}
\`\`\`

## Not flagged

\`\`\`sql
${good.trimEnd()}
\`\`\`

## Silencing it

Where the statement is deliberate, put \`-- pg-migration-gate:ignore ${rule.id}\` on the statement or the line
before it; \`-- pg-migration-gate:ignore-file ${rule.id}\` silences it for the whole file. A suppression that
silences nothing is reported (\`unused-suppression\`). \`disable-rules: ${rule.id}\` turns the rule off.
`;
}

/** docs/rules/README.md: every rule by group, with its severity and title, linking to its page. */
export function renderRuleIndex(rules: readonly LintRule[]): string {
  const out = ['# Lint rules', '', 'Each rule has a page with what happens, what to do, and examples that are and are not flagged.', ''];
  for (const [group, title] of Object.entries(GROUPS)) {
    out.push(`## ${title}`, '', '| rule | severity | what it catches |', '| --- | --- | --- |');
    for (const r of rules.filter((x) => x.group === group)) out.push(`| [\`${r.id}\`](${r.id}.md) | ${r.severity} | ${r.title} |`);
    out.push('');
  }
  return out.join('\n');
}
