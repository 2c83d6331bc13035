import type { FindingArea } from '../model/finding-kind.js';
import type { CatalogueEntry } from './catalogue.js';

/** Where each kind of run finding comes from, as the docs say it. */
const AREAS: Record<Exclude<FindingArea, 'lint'>, { title: string; where: string }> = {
  plan: { title: 'Before anything runs', where: 'Found before anything runs, when plan, apply or verify compare the folder with the history and read the files: nothing is changed.' },
  verify: { title: 'Running the change (verify)', where: 'Found by verify, which runs the new migrations for real on scratch databases: apply with observed locks, a second run, the down/up round trip.' },
  apply: { title: 'Applying', where: 'Reported by apply (and the restore drill), step by step as the run goes: gate, plan check, pre-flight, backup, migrations, health check, post-migration backup.' },
  backup: { title: 'Backups and restores', where: 'Reported by backup, restore, and apply around the migrations (the backups before and after, on-failure: restore).' },
  input: { title: 'Input, connection and server', where: 'Reported by any command that cannot start or go on: bad input, a database it cannot reach, a server that refuses.' },
  internal: { title: 'Unexpected errors', where: 'Reported by any command when something goes wrong that this tool did not expect.' },
};

/** docs/findings/<id>.md: a run finding's page, rendered from its catalogue entry so it cannot drift from the code. */
export function renderFindingDoc(e: CatalogueEntry): string {
  const area = AREAS[e.area as Exclude<FindingArea, 'lint'>];
  return `# ${e.id}

**${e.title}** · ${area.title} · severity: \`${e.severity}\`${e.severityNote ? ` (set by \`${e.severityNote}\`)` : ''}

${area.where}

## What happens

${e.happens}

## What to do

${e.todo}

## Where it shows

As \`${e.id}\` in the report (the job summary, the pull request comment, the CLI's text, markdown and JSON), with the file and line when there is one, as an annotation on that line, and as a SARIF rule (\`sarif-file\`).${e.lock ? ' The report ranks it with the locks on existing tables, right after what needs a decision.' : e.severity === 'error' ? ' As an error it fails the step and heads the report, under "Needs a decision".' : ''}
`;
}

/** docs/findings/README.md: the run's own findings by area; the lint rules have their own index (docs/rules/). */
export function renderFindingIndex(entries: readonly CatalogueEntry[]): string {
  const out = [
    '# Findings',
    '',
    'Every id pg-migration-gate can report has a page saying what it means and what to do. The run\'s own findings',
    'are below; the lint rules, which predict from the SQL what some of these observe, are in [../rules/](../rules/README.md).',
    'These pages are generated from the catalogue (`src/model/findings-*.ts`): `npm run docs:findings`.',
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
