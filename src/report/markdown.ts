import { COMMAND_INFO, type Command, type CommandInfo } from '../model/commands.js';
import { join } from 'node:path';
import type { Finding, Report, Severity, VerifiedMigration } from '../model/report.js';

const ICON: Record<Severity, string> = { error: '❌', warning: '⚠️', info: 'ℹ️' };

/** A table cell: pipes escaped, newlines folded, long text cut. */
function cell(text: string | number | undefined, max = 300): string {
  const t = String(text ?? '').replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

function pathOf(r: Report, f: { file?: string }): string {
  return f.file ? (r.root ? join(r.root, f.file) : f.file) : '(database)';
}

/** The one-line verdict every rendering opens with. */
export function verdict(r: Report): string {
  const errors = r.findings.filter((f) => f.severity === 'error').length;
  const warnings = r.findings.filter((f) => f.severity === 'warning').length;
  const counts = `${count(errors, 'error')}, ${count(warnings, 'warning')}`;
  const info = COMMAND_INFO[r.command as Command] as CommandInfo | undefined;
  return `${r.ok ? '✅' : '❌'} **pg-migration-gate ${r.command}** ${r.ok ? 'passed' : r.cancelled ? `was cancelled (${r.cancelled})` : 'failed'}: ${info?.outcome(r) ?? ''} — ${counts}`;
}

const outcome = (m: VerifiedMigration) =>
  [`apply ${m.apply}`, m.idempotency !== 'off' ? `re-run ${m.idempotency}` : '', m.reversibility !== 'off' ? `down/up ${m.reversibility}` : '']
    .filter(Boolean)
    .join(' · ');

function migrationsTable(r: Report): string[] {
  const rows: string[][] = [];
  if (r.verify) {
    for (const m of r.verify.migrations) {
      const ok = m.apply === 'ok' && m.idempotency !== 'failed' && m.reversibility !== 'failed';
      rows.push([m.version, m.name, m.transaction ? 'yes' : 'no', m.applyMs !== undefined ? `${m.applyMs} ms` : '—', `${ok ? '✅' : '❌'} ${outcome(m)}`]);
    }
  } else if (r.command === 'apply') {
    const applied = new Map(r.applied.map((a) => [a.version, a]));
    for (const p of r.pending) {
      const a = applied.get(p.version);
      const failed = !a && r.findings.some((f) => f.rule === 'apply-failed' && f.file === p.file);
      rows.push([p.version, p.name, p.transaction ? 'yes' : `no (${p.transactionNote})`, a ? `${a.durationMs} ms` : '—', a ? `✅ applied${a.attempts > 1 ? ` after ${a.attempts} attempts` : ''}` : failed ? '❌ failed, rolled back' : '⏸ not run']);
    }
  } else if (r.command === 'plan') {
    for (const p of r.pending) rows.push([p.version, p.name, p.transaction ? 'yes' : `no (${p.transactionNote})`, '—', 'pending']);
  }
  if (!rows.length) return [];
  return ['### Migrations', '', '| version | name | transaction | duration | result |', '| --- | --- | --- | --- | --- |', ...rows.map((c) => `| ${c.map((x) => cell(x)).join(' | ')} |`), ''];
}

function findingsSection(r: Report): string[] {
  if (!r.findings.length) return [];
  const order: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
  const byFile = new Map<string, Finding[]>();
  for (const f of [...r.findings].sort((a, b) => order[a.severity] - order[b.severity])) {
    const key = pathOf(r, f);
    byFile.set(key, [...(byFile.get(key) ?? []), f]);
  }
  const out = ['### Findings', ''];
  for (const [file, list] of byFile) {
    out.push(`**\`${file}\`**`, '', '| line | | rule | finding | fix |', '| --- | --- | --- | --- | --- |');
    for (const f of list.sort((a, b) => (a.line ?? 0) - (b.line ?? 0))) {
      const rule = f.docs ? `[\`${f.rule}\`](${f.docs})` : `\`${f.rule}\``;
      out.push(`| ${f.line ?? ''} | ${ICON[f.severity]} | ${rule} | ${cell(f.message, 600)} | ${cell(f.help)} |`);
    }
    out.push('');
  }
  return out;
}

function locksSection(r: Report): string[] {
  const rows = (r.verify?.migrations ?? []).flatMap((m) =>
    m.statements
      .filter((s) => s.locks.some((l) => l.mode !== 'ACCESS SHARE') || s.rewrites.length)
      .map((s) => `| ${cell(m.name)} | ${s.line} | \`${cell(s.sql, 80)}\` | ${cell(s.locks.filter((l) => l.mode !== 'ACCESS SHARE').map((l) => `${l.mode} ${l.relation}`).join(', '))}${s.observed ? '' : ' (documented)'} | ${s.rewrites.length ? `⚠️ ${cell(s.rewrites.join(', '))}` : ''} | ${s.durationMs} ms |`),
  );
  if (!rows.length) return [];
  return ['### Locks on existing tables', '', '| migration | line | statement | locks | rewrite | duration |', '| --- | --- | --- | --- | --- | --- |', ...rows, ''];
}

function schemaSection(r: Report): string[] {
  const change = r.verify?.schemaChange ?? [];
  if (!r.verify) return [];
  return ['### Schema change', '', ...(change.length ? ['```diff', ...change, '```'] : ['No schema change.']), ''];
}

function backupSection(r: Report): string[] {
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

function planSection(r: Report): string[] {
  if (!r.planHash && !r.notes.length) return [];
  const out = ['### Plan', ''];
  if (r.target) out.push(`Target \`${r.target}\`, history table \`${r.historyTable}\`.`, '');
  if (r.planHash) out.push(`Plan hash: \`${r.planHash}\``, '');
  for (const n of r.notes) out.push(`- ${n}`);
  if (r.notes.length) out.push('');
  return out;
}

/** The report as Markdown: the job summary, the PR comment and the CLI's markdown format all use this. */
export function renderMarkdown(r: Report): string {
  return [verdict(r), '', ...migrationsTable(r), ...findingsSection(r), ...locksSection(r), ...schemaSection(r), ...backupSection(r), ...planSection(r)].join('\n').trimEnd() + '\n';
}

/**
 * Cuts rendered Markdown to fit a limit, at a line boundary, with a note saying where the rest is.
 * `size` measures the text the way the limit does (bytes for the summary, characters for comments).
 */
export function fitMarkdown(md: string, limit: number, size: (s: string) => number, rest: string): string {
  if (size(md) <= limit) return md;
  const note = `\n\n_This report was cut to fit GitHub's limit; the full report is in ${rest}._\n`;
  const lines = md.split('\n');
  let out = '';
  for (const line of lines) {
    // Room is kept for the note and for closing a code block the cut may leave open.
    if (size(`${out}${line}\n`) + size(note) + 4 > limit) break;
    out += `${line}\n`;
  }
  // A cut inside a code block would leave it open.
  if ((out.match(/^```/gm)?.length ?? 0) % 2 === 1) out += '```\n';
  return `${out}${note}`;
}
