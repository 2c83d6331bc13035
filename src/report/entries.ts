import type { Finding } from '../model/report.js';
import type { StatementTrace } from '../model/trace.js';
import { kindOf } from './catalogue.js';
import { ICON, notableLocks } from './marks.js';
import type { ReviewItem } from './review.js';

/** Text for Markdown outside code: newlines folded, markup characters escaped, long text cut visibly. */
export function inline(s: string, max = 600): string {
  const t = s.replace(/\s*\r?\n\s*/g, ' ').trim();
  const cut = t.length > max ? `${t.slice(0, max - 1)}…` : t;
  return cut.replace(/[\\`*_<>|[\]]/g, (c) => `\\${c}`);
}

/** A code span that cannot be broken by the text inside it. */
export const code = (s: string, max = 80) =>
  `\`${(s.length > max ? `${s.slice(0, max - 1)}…` : s).replace(/`/g, "'")}\``;

export const ruleLink = (id: string) => {
  const kind = kindOf(id);
  return kind ? `[\`${id}\`](${kind.docs})` : `\`${id}\``;
};

/** Findings whose evidence is the statement's trace: said once, as what was observed. */
const TRACED = new Set(['blocking-lock', 'table-rewrite']);

/** What verify saw the statement do: its locks on existing tables, the tables it rewrote, how long it took. */
export function observed(t: StatementTrace): string {
  const locks = notableLocks(t.locks).map((l) => `${l.mode} on ${l.relation}`);
  const parts = [...locks, ...(t.rewrites.length ? [`rewrote ${t.rewrites.join(', ')}`] : []), `${t.durationMs} ms`];
  return `${t.observed ? 'observed' : 'documented lock'}: ${parts.join(', ')}`;
}

/** Names the migrations' messages start with, by file: the entry already says where, so they are left out. */
export type Names = Map<string, string>;

/** A finding's message without the migration's name it opens with (the entry already says where). */
function message(f: Finding, names: Names, max: number): string {
  const name = f.file ? names.get(f.file) : undefined;
  let m = f.message;
  if (name && m.startsWith(`${name} `)) m = m.slice(name.length + 1);
  else if (name && m.startsWith(`the down script of ${name} `))
    m = `the down script ${m.slice(`the down script of ${name} `.length)}`;
  return inline(m, max);
}

/** Several findings of one rule, short: a lint rule's title and the details of each hit; others' messages. */
function shortMessages(list: Finding[], names: Names): string {
  const kind = kindOf(list[0].rule);
  if (kind?.area === 'lint' && list.every((f) => f.message.startsWith(kind.message))) {
    const details = list.map((f) => f.message.slice(kind.message.length).trim()).filter(Boolean);
    return inline(`${kind.title}${details.length ? ` — ${details.join(' ')}` : ''}`, 200);
  }
  return list.map((f) => message(f, names, 200 / list.length + 20)).join('; ');
}

/** Where the item is: `file:line`, the file, or the run itself. */
export const where = (x: ReviewItem) =>
  x.file === undefined ? '**the run**' : `**${code(x.line !== undefined ? `${x.file}:${x.line}` : x.file, 120)}**`;

/** Findings grouped by rule, in the order they come (most severe first). */
function byRule(findings: Finding[]): Finding[][] {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) groups.set(f.rule, [...(groups.get(f.rule) ?? []), f]);
  return [...groups.values()];
}

/**
 * The evidence of an item: what verify observed (the lock and rewrite findings said once, with the time measured),
 * then each other finding; the short form names the lint rules that predicted the lock beside it.
 */
function evidence(x: ReviewItem, names: Names, short: boolean): string[] {
  const traced = x.trace ? x.findings.filter((f) => TRACED.has(f.rule)) : [];
  const predicted =
    short && traced.length ? x.findings.filter((f) => kindOf(f.rule)?.area === 'lint' && kindOf(f.rule)?.lock) : [];
  const links = (list: Finding[]) => [...new Set(list.map((f) => f.rule))].map(ruleLink).join(', ');
  const out: string[] = [];
  if (traced.length)
    out.push(
      `🔒 ${inline(observed(x.trace!))} (${links(traced)})${predicted.length ? `, predicted by ${links(predicted)}` : ''}`,
    );
  const rest = x.findings.filter((f) => !traced.includes(f) && !predicted.includes(f));
  if (short)
    for (const list of byRule(rest))
      out.push(`${ICON[list[0].severity]} ${ruleLink(list[0].rule)} ${shortMessages(list, names)}`);
  else
    for (const f of rest)
      out.push(
        `${ICON[f.severity]} ${ruleLink(f.rule)} ${message(f, names, 600)}${f.sqlstate ? ` (SQLSTATE ${f.sqlstate})` : ''}`,
      );
  return out;
}

/** A numbered entry with everything about the statement and what to do: for what needs a decision. */
export function fullEntry(x: ReviewItem, n: number, names: Names): string[] {
  const fix = x.findings.find((f) => f.help)?.help ?? kindOf(x.findings[0].rule)?.help;
  return [
    `${n}. ${ICON[x.severity]} ${where(x)}${x.trace ? ` ${code(x.trace.sql)}` : ''}`,
    ...evidence(x, names, false).map((e) => `    - ${e}`),
    ...(fix ? [`    - **Fix:** ${inline(fix)}`] : []),
  ];
}

/** One line: the statement, what was observed, the rules and findings about it. */
export function compactEntry(x: ReviewItem, names: Names): string {
  return `- ${ICON[x.severity]} ${where(x)}${x.trace ? ` ${code(x.trace.sql, 60)}` : ''} — ${evidence(x, names, true).join(' · ')}`;
}
