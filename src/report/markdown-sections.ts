import { join } from 'node:path';
import type { Finding, Report } from '../model/report.js';
import { code, inline, ruleLink } from './entries.js';
import { checkWords, findingsOf, ICON, markOf, notableLocks, SEVERITY_ORDER, type Mark } from './marks.js';

/** A table cell: pipes escaped, newlines folded, long text cut visibly. */
export function cell(text: string | number | undefined, max = 300): string {
  const t = String(text ?? '')
    .replace(/\r?\n/g, ' ')
    .replace(/\|/g, '\\|');
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

const row = (cells: (string | number | undefined)[]) => `| ${cells.map((c) => cell(c)).join(' | ')} |`;
const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

/** A folded block: its summary line stays visible, the rest opens on a click. */
export const folded = (summary: string, body: string[]) => [
  '<details>',
  `<summary>${summary}</summary>`,
  '',
  ...body,
  '</details>',
  '',
];

/** The migrations this report is about, each with its mark (its worst finding's severity) and what happened. */
export function migrationRows(r: Report): { mark: Mark; cells: (string | number)[] }[] {
  if (r.verify) {
    return r.verify.migrations.map((m) => {
      const mine = findingsOf(r, [m.file, m.downFile]);
      const mark = markOf(mine, m.apply !== 'not run');
      return {
        mark,
        cells: [
          m.version,
          m.name,
          m.transaction ? 'yes' : 'no',
          m.applyMs !== undefined ? `${m.applyMs} ms` : '—',
          `${ICON[mark]} ${checkWords(m, mine).join(' · ')}`,
        ],
      };
    });
  }
  if (r.command !== 'apply' && r.command !== 'plan') return [];
  const applied = new Map(r.applied.map((a) => [a.version, a]));
  const undone = new Map((r.undone ?? []).map((u) => [u.version, u]));
  // After a restore nothing of the run stays, applied or undone before it.
  const restored = r.afterFailure === 'restored' ? ', taken back by the restore' : '';
  return r.pending.map((p) => {
    const a = applied.get(p.version);
    const u = undone.get(p.version);
    const mine = findingsOf(r, [p.file, u?.downFile]);
    const failed = mine.some((f) => f.rule === 'apply-failed');
    const mark = markOf(mine, r.command === 'plan' || !!a || !!u || failed);
    const what =
      r.command === 'plan'
        ? 'pending'
        : a
          ? `applied${a.attempts > 1 ? ` after ${a.attempts} attempts` : ''}${restored}`
          : u
            ? `applied, then undone by ${u.downFile}${restored}`
            : failed
              ? p.transaction
                ? 'failed, rolled back'
                : 'failed outside a transaction: part of it may have run'
              : 'not run';
    return {
      mark,
      cells: [
        p.version,
        p.name,
        p.transaction ? 'yes' : `no (${p.transactionNote})`,
        a ? `${a.durationMs} ms` : '—',
        `${ICON[mark]} ${what}`,
      ],
    };
  });
}

/** The migrations table; verify's is folded (its findings lead), apply's and plan's are the report. */
export function migrationsSection(r: Report): string[] {
  const rows = migrationRows(r);
  if (!rows.length) return [];
  const table = [
    '| version | name | transaction | duration | result |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map((x) => row(x.cells)),
    '',
  ];
  if (!r.verify) return ['### Migrations', '', ...table];
  const marks = (['error', 'warning', 'info', 'ok', 'not run'] as Mark[])
    .map((m) => [m, rows.filter((x) => x.mark === m).length] as const)
    .filter(([, n]) => n);
  return folded(
    `Migrations: ${count(rows.length, 'new migration')} — ${marks.map(([m, n]) => `${n} ${ICON[m]}`).join(' · ')}`,
    table,
  );
}

/** Every statement that took a notable lock on a table that existed before its migration, or rewrote one. */
export function locksSection(r: Report): string[] {
  const rows = (r.verify?.migrations ?? []).flatMap((m) =>
    m.statements
      .filter((s) => notableLocks(s.locks).length || s.rewrites.length)
      .map(
        (s) =>
          `| ${cell(m.name)} | ${s.line} | ${code(cell(s.sql))} | ${cell(
            notableLocks(s.locks)
              .map((l) => `${l.mode} ${l.relation}`)
              .join(', '),
          )}${s.observed ? '' : ' (documented)'} | ${s.rewrites.length ? `⚠️ ${cell(s.rewrites.join(', '))}` : ''} | ${s.durationMs} ms |`,
      ),
  );
  if (!rows.length) return [];
  return folded(`Locks on existing tables, statement by statement (${rows.length})`, [
    '| migration | line | statement | locks | rewrite | duration |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ]);
}

const pathOf = (r: Report, f: Finding) => (f.file ? (r.root ? join(r.root, f.file) : f.file) : '(database)');

/** Every finding, by file, most severe first, with its fix: the full detail behind the entries above. */
export function allFindingsSection(r: Report): string[] {
  if (!r.findings.length) return [];
  const byFile = new Map<string, Finding[]>();
  for (const f of [...r.findings].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]))
    byFile.set(pathOf(r, f), [...(byFile.get(pathOf(r, f)) ?? []), f]);
  const body: string[] = [];
  for (const [file, list] of byFile) {
    body.push(`**\`${file}\`**`, '', '| line | | rule | finding | fix |', '| --- | --- | --- | --- | --- |');
    for (const f of list.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)))
      body.push(
        `| ${f.line ?? ''} | ${ICON[f.severity]} | ${ruleLink(f.rule)} | ${inline(f.message, 600)} | ${inline(f.help ?? '', 400)} |`,
      );
    body.push('');
  }
  return folded(
    r.findings.length === 1 ? 'The finding, with its fix' : `All ${r.findings.length} findings, by file, with the fix`,
    body,
  );
}

/** The schema change the PR makes; a long one is folded. */
export function schemaSection(r: Report): string[] {
  if (!r.verify) return [];
  const change = r.verify.schemaChange;
  if (!change.length) return ['### Schema change', '', 'No schema change.', ''];
  const diff = ['```diff', ...change, '```', ''];
  return change.length <= 12
    ? ['### Schema change', '', ...diff]
    : folded(`Schema change (${count(change.length, 'line')})`, diff);
}

export function backupSection(r: Report): string[] {
  const b = r.backup;
  if (!b) return [];
  return [
    '### Backup',
    '',
    '| | |',
    '| --- | --- |',
    `| file | \`${cell(b.path)}\` (${b.size} bytes) |`,
    `| sha256 | \`${b.sha256}\` |`,
    `| taken with | pg_dump ${cell(b.pgDumpVersion)} from PostgreSQL ${cell(b.serverVersion)} |`,
    ...(b.artifactName ? [`| artifact | \`${cell(b.artifactName)}\` (id ${b.artifactId}) |`] : []),
    `| restore | ${cell(b.restore)} |`,
    '',
  ];
}

export function planSection(r: Report): string[] {
  if (!r.planHash && !r.notes.length) return [];
  const out = ['### Plan', ''];
  if (r.target) out.push(`Target \`${r.target}\`, history table \`${r.historyTable}\`.`, '');
  if (r.planHash) out.push(`Plan hash: \`${r.planHash}\``, '');
  for (const n of r.notes) out.push(`- ${n}`);
  if (r.notes.length) out.push('');
  return out;
}
