import { PEER_RULES } from '../lint/peer-rules.js';
import type { RuleGroup } from '../lint/rule.js';
import type { FindingArea } from '../model/finding-kind.js';
import type { CatalogueEntry } from './catalogue.js';

/** The lint rules' groups, as the docs title them. */
const GROUPS: Record<RuleGroup, string> = {
  locking: 'Locking and rewrites',
  broken: 'Impossible or broken',
  destructive: 'Destructive (data loss)',
  compatibility: 'Compatibility with running code',
  conventions: "The folder's conventions",
  types: 'Type hygiene',
};

/** Where each kind of run finding comes from, as the docs say it. */
const AREAS: Record<Exclude<FindingArea, 'lint'>, { title: string; where: string }> = {
  plan: {
    title: 'Before anything runs',
    where:
      'Found before anything runs, when plan, apply or verify compare the folder with the history and read the files: nothing is changed.',
  },
  verify: {
    title: 'Running the change (verify)',
    where:
      'Found by verify, which runs the new migrations for real on scratch databases: apply with observed locks, a second run, the down/up round trip.',
  },
  apply: {
    title: 'Applying',
    where:
      'Reported by apply (and the restore drill), step by step as the run goes: gate, plan check, pre-flight, backup, migrations, health check, post-migration backup.',
  },
  backup: {
    title: 'Backups and restores',
    where:
      'Reported by backup, restore, and apply around the migrations (the backups before and after, on-failure: restore).',
  },
  input: {
    title: 'Input, connection and server',
    where:
      'Reported by any command that cannot start or go on: bad input, a database it cannot reach, a server that refuses.',
  },
  internal: {
    title: 'Unexpected errors',
    where: 'Reported by any command when something goes wrong that this tool did not expect.',
  },
};

/** A lint rule's examples, read from its fixtures (__fixtures__/lint/<id>/). */
export interface RuleExamples {
  bad: string;
  good: string;
}

/**
 * The docs page of any finding (docs/rules/<id>.md for a lint rule, docs/findings/<id>.md for the run's own),
 * rendered from its catalogue entry so it cannot drift from the code: the title, what happens and what to do;
 * then a rule's examples and how to silence it, or where a run finding comes from and where it shows.
 */
export function renderFindingPage(e: CatalogueEntry, examples?: RuleExamples): string {
  const lint = e.area === 'lint';
  const where = lint ? GROUPS[e.group!] : AREAS[e.area as Exclude<FindingArea, 'lint'>].title;
  const head = `# ${e.id}

**${e.title}** · ${where} · severity: \`${e.severity}\`${e.severityNote ? ` (set by \`${e.severityNote}\`)` : ''}
${lint ? peersOf(e.id) : `\n${AREAS[e.area as Exclude<FindingArea, 'lint'>].where}\n\n`}## What happens

${e.message}

## What to do

${e.help}
`;
  return `${head}\n${lint ? ruleSections(e.id, examples!) : shows(e)}`;
}

function ruleSections(id: string, x: RuleExamples): string {
  return `## Flagged

\`\`\`sql
${x.bad.trimEnd()}
\`\`\`

## Not flagged

\`\`\`sql
${x.good.trimEnd()}
\`\`\`

## Silencing it

Where the statement is deliberate, put \`-- pg-migration-gate:ignore ${id}\` on the statement or the line
before it; \`-- pg-migration-gate:ignore-file ${id}\` silences it for the whole file. A suppression that
silences nothing is reported (\`unused-suppression\`). \`disable-rules: ${id}\` turns the rule off.
`;
}

function shows(e: CatalogueEntry): string {
  const rank = e.lock
    ? ' The report ranks it with the locks on existing tables, right after what needs a decision.'
    : e.severity === 'error'
      ? ' As an error it fails the step and heads the report, under "Needs a decision".'
      : '';
  return `## Where it shows

As \`${e.id}\` in the report (the job summary, the pull request comment, the CLI's text, markdown and JSON), with the file and line when there is one, as an annotation on that line, and as a SARIF rule (\`sarif-file\`).${rank}
`;
}

/** The other linters' rules a rule answers for, as a line of its page. */
function peersOf(id: string): string {
  const peers = PEER_RULES.filter((p) => p.rules.includes(id)).map((p) => `${p.tool} \`${p.id}\``);
  return peers.length ? `\nCovers ${peers.join(', ')} ([peer rules](README.md#peer-rules)).\n\n` : '\n';
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

/** docs/rules/README.md: every lint rule by group, with its severity and title, then the peer rules table. */
export function renderRuleIndex(entries: readonly CatalogueEntry[]): string {
  const out = [
    '# Lint rules',
    '',
    'Each rule has a page with what happens, what to do, and examples that are and are not flagged.',
    '',
  ];
  for (const [group, title] of Object.entries(GROUPS)) {
    out.push(`## ${title}`, '', '| rule | severity | what it catches |', '| --- | --- | --- |');
    for (const e of entries.filter((x) => x.group === group))
      out.push(`| [\`${e.id}\`](${e.id}.md) | ${e.severity} | ${e.title} |`);
    out.push('');
  }
  return [...out, ...peerTable()].join('\n');
}

/** docs/findings/README.md: the run's own findings by area; the lint rules have their own index (docs/rules/). */
export function renderFindingIndex(entries: readonly CatalogueEntry[]): string {
  const out = [
    '# Findings',
    '',
    "Every id pg-migration-gate can report has a page saying what it means and what to do. The run's own findings",
    'are below; the lint rules, which predict from the SQL what some of these observe, are in [../rules/](../rules/README.md).',
    "These pages and the rules' are generated from the catalogue (`src/model/findings-*.ts` and `src/lint/rules/`): `npm run docs`.",
    '',
  ];
  for (const [area, { title }] of Object.entries(AREAS)) {
    const list = entries.filter((e) => e.area === area);
    if (!list.length) continue;
    out.push(`## ${title}`, '', '| finding | severity | what it means |', '| --- | --- | --- |');
    for (const e of list) out.push(`| [\`${e.id}\`](${e.id}.md) | ${e.severity} | ${e.title} |`);
    out.push('');
  }
  return out.join('\n');
}
