import { PEER_RULES } from './peer-rules.js';
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
${peersOf(rule)}
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

/** The other linters' rules this one answers for, as a line of the page. */
function peersOf(rule: LintRule): string {
  const peers = PEER_RULES.filter((p) => p.rules.includes(rule.id)).map((p) => `${p.tool} \`${p.id}\``);
  return peers.length ? `\nCovers ${peers.join(', ')} ([peer rules](README.md#peer-rules)).\n` : '';
}

/** The peer rules table: every rule of squawk and eugene, and the rules here that report the same hazard. */
function peerTable(): string[] {
  const out = [
    '## Peer rules',
    '',
    'Every rule of [squawk](https://squawkhq.com/docs/rules) and every hint of [eugene](https://kaaveland.github.io/eugene/hints.html),',
    'with the rules here that report the same hazard, or why it is left out. `npm run bench:lint-vs-squawk` runs both',
    'linters side by side on the cases in `__fixtures__/lint-cases/` and on real migrations, findings and times.',
    '',
    '| tool | rule | here | notes |',
    '| --- | --- | --- | --- |',
  ];
  for (const p of PEER_RULES) {
    const here = p.rules.length ? p.rules.map((r) => `[\`${r}\`](${r}.md)`).join(', ') : 'left out';
    out.push(`| ${p.tool} | \`${p.id}\` | ${here} | ${p.note ?? ''} |`);
  }
  return [...out, ''];
}

/** docs/rules/README.md: every rule by group, with its severity and title, linking to its page. */
export function renderRuleIndex(rules: readonly LintRule[]): string {
  const out = ['# Lint rules', '', 'Each rule has a page with what happens, what to do, and examples that are and are not flagged.', ''];
  for (const [group, title] of Object.entries(GROUPS)) {
    out.push(`## ${title}`, '', '| rule | severity | what it catches |', '| --- | --- | --- |');
    for (const r of rules.filter((x) => x.group === group)) out.push(`| [\`${r.id}\`](${r.id}.md) | ${r.severity} | ${r.title} |`);
    out.push('');
  }
  return [...out, ...peerTable()].join('\n');
}
