import { COMMAND_INFO, type Command, type CommandInfo } from '../model/commands.js';
import type { Report } from '../model/report.js';
import { code, compactEntry, fullEntry, ruleLink, type Names } from './entries.js';
import { ICON } from './marks.js';
import { reviewOf, TIERS, type ReviewItem, type Tier } from './review.js';
import {
  allFindingsSection,
  backupSection,
  folded,
  locksSection,
  migrationRows,
  migrationsSection,
  planSection,
  schemaSection,
} from './markdown-sections.js';

const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

/** The one-line verdict every rendering opens with. */
export function verdict(r: Report): string {
  const errors = r.findings.filter((f) => f.severity === 'error').length;
  const warnings = r.findings.filter((f) => f.severity === 'warning').length;
  const counts = `${count(errors, 'error')}, ${count(warnings, 'warning')}`;
  const info = COMMAND_INFO[r.command as Command] as CommandInfo | undefined;
  return `${r.ok ? '✅' : '❌'} **pg-migration-gate ${r.command}** ${r.ok ? 'passed' : r.cancelled ? `was cancelled (${r.cancelled})` : 'failed'}: ${info?.outcome(r) ?? ''} — ${counts}`;
}

/** How much of the report a rendering holds: entries per tier, and which of the detailed sections. */
interface Detail {
  /** Entries shown per tier; for decisions, those shown in full. */
  entries: Record<Tier, number>;
  /** Decisions past the full ones shown one line each; those after them by rule and place, as many as `located`. */
  compact: number;
  /** Decisions named by rule and place; past them (a change of many hundreds) only counted by rule. */
  located: number;
  allFindings: boolean;
  locks: boolean;
  schema: boolean;
  migrations: boolean;
}

const HEADINGS: Record<Exclude<Tier, 'note'>, string> = {
  decision: '❌ Needs a decision',
  lock: '🔒 Locks on existing tables',
  warning: '⚠️ Other warnings',
};
const WHAT: Record<Tier, [string, string]> = {
  decision: ['statement that needs', 'statements that need'],
  lock: ['lock on an existing table', 'locks on existing tables'],
  warning: ['other warning', 'other warnings'],
  note: ['note', 'notes'],
};
const many = (t: Tier, n: number) => `${n} ${WHAT[t][n === 1 ? 0 : 1]}${t === 'decision' ? ' a decision' : ''}`;

/** The line under the verdict: how many things of each kind, in the order they follow. */
function headline(r: Report, byTier: Record<Tier, ReviewItem[]>): string {
  const parts = TIERS.filter((t) => byTier[t].length).map((t) =>
    t === 'decision' ? `**${many(t, byTier[t].length)}**` : many(t, byTier[t].length),
  );
  const root = r.root && parts.length ? ` Paths are relative to \`${r.root}/\`.` : '';
  return `${byTier.decision.length ? '' : 'Nothing needs a decision. '}${parts.length ? `${parts.join(' · ')}.` : ''}${root}`.trim();
}

function render(r: Report, byTier: Record<Tier, ReviewItem[]>, names: Names, d: Detail, rest: string): string {
  const left: string[] = [];
  const out = [verdict(r), ''];
  const line = headline(r, byTier);
  if (line && (r.findings.length || r.verify)) out.push(line, '');
  for (const tier of ['decision', 'lock', 'warning'] as const) {
    const items = byTier[tier];
    if (!items.length) continue;
    const shown = items.slice(0, d.entries[tier]);
    out.push(`### ${HEADINGS[tier]} (${items.length})`, '');
    if (tier === 'decision') {
      const short = items.slice(shown.length, shown.length + d.compact);
      const located = items.slice(shown.length + short.length, shown.length + short.length + d.located);
      const counted = items.slice(shown.length + short.length + located.length);
      out.push(
        ...shown.flatMap((x, i) => fullEntry(x, i + 1, names)),
        ...short.map((x) => compactEntry(x, names)),
        ...locations(located),
      );
      if (counted.length)
        out.push(
          `- ${ICON.error} …and ${many(tier, counted.length)}, by rule: ${[...rulesOf(counted)].map(([rule, k]) => `${ruleLink(rule)} (${k})`).join(', ')}: in ${rest}.`,
        );
      if (short.length || located.length)
        left.push(
          `the details of ${many(tier, short.length + located.length)} (${located.length ? 'listed here by rule and place' : 'one line each here'})`,
        );
      if (counted.length) left.push(`where the last ${counted.length} of them are`);
      out.push('');
      continue;
    }
    out.push(...shown.map((x) => compactEntry(x, names)));
    if (shown.length < items.length) {
      out.push('', `_…and ${items.length - shown.length} more, ranked lower: in ${rest}._`);
      left.push(`${items.length - shown.length} of the ${many(tier, items.length)}`);
    }
    out.push('');
  }
  const notes = byTier.note;
  if (notes.length) {
    const rules = [...new Set(notes.flatMap((x) => x.findings.map((f) => f.rule)))];
    const summary = `${ICON.info} ${many('note', notes.length)}: ${rules.map((id) => `${id} (${notes.filter((x) => x.findings.some((f) => f.rule === id)).length})`).join(', ')}`;
    if (d.entries.note >= notes.length) out.push(...folded(summary, [...notes.map((x) => compactEntry(x, names)), '']));
    else (out.push(`${summary}: in ${rest}.`, ''), left.push(`the ${many('note', notes.length)}`));
  }
  const detail = (on: boolean, section: string[], what: string) =>
    on || !section.length ? out.push(...section) : left.push(what);
  const rows = migrationRows(r);
  detail(
    d.migrations || !r.verify,
    migrationsSection(r),
    `the table of the ${count(rows.length, 'migration')} with their marks`,
  );
  detail(d.locks, locksSection(r), 'the locks table, statement by statement');
  detail(
    d.allFindings,
    allFindingsSection(r),
    `the list of all ${count(r.findings.length, 'finding')} with their fixes`,
  );
  detail(d.schema, schemaSection(r), `the schema change (${count(r.verify?.schemaChange.length ?? 0, 'line')})`);
  out.push(...backupSection(r), ...planSection(r));
  if (left.length) out.push(`_Left out here to keep this short: ${left.join('; ')}. All of it is in ${rest}._`);
  return out.join('\n').trimEnd() + '\n';
}

/** The rules of a decision's errors, as one key. */
const errorRules = (x: ReviewItem) =>
  [...new Set(x.findings.filter((f) => f.severity === 'error').map((f) => f.rule))].sort().join(' ');

/** How many decisions each rule has. */
function rulesOf(items: ReviewItem[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const rule of items.flatMap((x) => errorRules(x).split(' '))) counts.set(rule, (counts.get(rule) ?? 0) + 1);
  return counts;
}

/** Decisions by where they are only, grouped by their errors' rules: the shortest form that still names each one. */
function locations(items: ReviewItem[]): string[] {
  const groups = new Map<string, ReviewItem[]>();
  for (const x of items) groups.set(errorRules(x), [...(groups.get(errorRules(x)) ?? []), x]);
  return [...groups].map(
    ([rules, list]) =>
      `- ${ICON.error} ${rules.split(' ').map(ruleLink).join(', ')} (${list.length}): ${list.map((x) => code(x.line !== undefined ? `${x.file}:${x.line}` : (x.file ?? 'the run'), 120)).join(', ')}`,
  );
}

export interface MarkdownOptions {
  /** The most the rendering may take, measured by `size`: parts are left out, least important first, each said so. */
  budget?: number;
  /** How `budget` is measured: characters (a comment) by default, bytes for the job summary. */
  size?: (s: string) => number;
  /** Where the whole report is, for the notes saying what was left out. */
  rest?: string;
}

/**
 * The report as Markdown, for the job summary, the PR comment and the CLI's markdown format: the verdict, then what
 * needs a decision, the locks on existing tables and the other warnings, one entry per statement with its evidence
 * merged and ranked by risk; then the detail, folded. With a budget, the detail goes first, then the lowest-ranked
 * entries, and the rendering says what it left out and where it is.
 */
export function renderMarkdown(r: Report, o: MarkdownOptions = {}): string {
  const items = reviewOf(r);
  const byTier = Object.fromEntries(TIERS.map((t) => [t, items.filter((x) => x.tier === t)])) as Record<
    Tier,
    ReviewItem[]
  >;
  const names: Names = new Map([
    ...(r.verify?.migrations ?? []).flatMap((m) => [
      [m.downFile ?? m.file, m.name] as const,
      [m.file, m.name] as const,
    ]),
    ...r.pending.map((m) => [m.file, m.name] as const),
  ]);
  const rest = o.rest ?? 'the job summary and the JSON report';
  const size = o.size ?? ((s: string) => s.length);
  const all: Detail = {
    entries: { decision: Infinity, lock: Infinity, warning: Infinity, note: Infinity },
    compact: Infinity,
    located: Infinity,
    allFindings: true,
    locks: true,
    schema: true,
    migrations: true,
  };
  const draw = (d: Detail) => render(r, byTier, names, d, rest);
  const fits = (d: Detail) => o.budget === undefined || size(draw(d)) <= o.budget;
  // Less and less detail, until it fits: the full lists, the locks table, the schema change, the migrations
  // table, the notes; then entries from the bottom of the ranking up, keeping at least one that needs a decision.
  let d = all;
  for (const drop of [{ allFindings: false }, { locks: false }, { schema: false }, { migrations: false }]) {
    if (fits(d)) return draw(d);
    d = { ...d, ...drop };
  }
  // The largest k in [lo, hi] for which the detail `at(k)` fits.
  const largest = (lo: number, hi: number, at: (k: number) => Detail) => {
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (fits(at(mid))) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  for (const tier of ['note', 'warning', 'lock'] as const) {
    if (fits(d)) return draw(d);
    const k = largest(0, byTier[tier].length, (n) => ({ ...d, entries: { ...d.entries, [tier]: n } }));
    d = { ...d, entries: { ...d.entries, [tier]: k } };
  }
  // Decisions are not left out: fewer in full (at least one), the rest one line each; then fewer one-liners, the
  // rest named by rule and place; past many hundreds, the last ones counted by rule.
  const n = byTier.decision.length;
  if (!fits(d)) {
    const full = largest(Math.min(1, n), n, (k) => ({
      ...d,
      entries: { ...d.entries, decision: k },
      compact: Infinity,
    }));
    d = { ...d, entries: { ...d.entries, decision: full }, compact: Infinity };
    if (!fits(d)) d = { ...d, compact: largest(0, n - full, (k) => ({ ...d, compact: k })) };
    if (!fits(d)) d = { ...d, located: largest(0, n - full, (k) => ({ ...d, located: k })) };
  }
  const text = draw(d);
  return o.budget === undefined ? text : fitMarkdown(text, o.budget, size, rest);
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
