import type { Finding, Report, Severity } from '../model/report.js';
import type { StatementTrace } from '../model/trace.js';
import { kindOf } from './catalogue.js';
import { lockStrength, notableLocks, SEVERITY_ORDER, worstOf } from './marks.js';

/**
 * How an approver reads the findings: what fails the check first, then locks that hold up existing tables, then
 * the other warnings; notes last.
 */
export type Tier = 'decision' | 'lock' | 'warning' | 'note';
export const TIERS: readonly Tier[] = ['decision', 'lock', 'warning', 'note'];

/** One statement (or one file, or the run itself) with every finding about it: the evidence merged. */
export interface ReviewItem {
  /** Relative to the report's root; undefined for findings about the run or the database. */
  file?: string;
  line?: number;
  /** What verify observed the statement do. */
  trace?: StatementTrace;
  /** Most severe first. */
  findings: Finding[];
  severity: Severity;
  tier: Tier;
}

const tierOf = (severity: Severity, findings: Finding[]): Tier =>
  severity === 'error'
    ? 'decision'
    : findings.some((f) => kindOf(f.rule)?.lock)
      ? 'lock'
      : severity === 'warning'
        ? 'warning'
        : 'note';

/** The migrations' files in order (up, then down), and whether each one's apply stopped part-way. */
function fileOrder(r: Report): { order: Map<string, number>; failed: Set<string> } {
  const order = new Map<string, number>();
  const failed = new Set<string>();
  const rows: { file: string; downFile?: string; failed?: boolean }[] = r.verify
    ? r.verify.migrations.map((m) => ({ ...m, failed: m.apply === 'failed' }))
    : r.pending;
  for (const m of rows) {
    order.set(m.file, order.size);
    if (m.downFile) order.set(m.downFile, order.size);
    if (m.failed) failed.add(m.file);
  }
  return { order, failed };
}

/** Which traced statement a line falls in: the last one that starts at or before it, if it spans that far. */
function statementAt(
  traces: StatementTrace[] | undefined,
  line: number,
  stoppedAfterLast: boolean,
): StatementTrace | undefined {
  if (!traces) return undefined;
  let i = -1;
  while (i + 1 < traces.length && traces[i + 1].line <= line) i++;
  if (i < 0) return undefined;
  const t = traces[i];
  if (t.lines !== undefined) return line < t.line + t.lines ? t : undefined;
  // Without its extent: past the last statement of a migration that failed, a line may be in one never traced.
  return i === traces.length - 1 && stoppedAfterLast && line > t.line ? undefined : t;
}

/** Sorts within a tier: failures seen when running before predictions, stronger locks and longer holds first, then file order. */
function rank(order: Map<string, number>) {
  const ran = (x: ReviewItem) =>
    x.tier === 'decision' && x.findings.some((f) => f.severity === 'error' && kindOf(f.rule)?.area !== 'lint') ? 0 : 1;
  // Only where locks are the point: a note or a plain warning is read in file order.
  const locking = (x: ReviewItem) => x.tier === 'decision' || x.tier === 'lock';
  const strength = (x: ReviewItem) =>
    x.trace && locking(x)
      ? Math.max(0, ...notableLocks(x.trace.locks).map((l) => lockStrength(l.mode))) + (x.trace.rewrites.length ? 1 : 0)
      : 0;
  const place = (x: ReviewItem) => (x.file === undefined ? -1 : (order.get(x.file) ?? order.size));
  return (a: ReviewItem, b: ReviewItem) =>
    TIERS.indexOf(a.tier) - TIERS.indexOf(b.tier) ||
    ran(a) - ran(b) ||
    strength(b) - strength(a) ||
    (locking(b) ? (b.trace?.durationMs ?? 0) : 0) - (locking(a) ? (a.trace?.durationMs ?? 0) : 0) ||
    place(a) - place(b) ||
    (a.line ?? 0) - (b.line ?? 0);
}

/**
 * The report's findings as an approver reads them: one item per statement, with every finding about it (the lint
 * rule that predicted it, the lock observed, the re-run that failed) and what verify measured, ranked by risk.
 */
export function reviewOf(r: Report): ReviewItem[] {
  const traces = new Map<string, StatementTrace[]>();
  for (const t of (r.verify?.migrations ?? []).flatMap((m) => m.statements))
    traces.set(t.file, [...(traces.get(t.file) ?? []), t]);
  for (const list of traces.values()) list.sort((a, b) => a.line - b.line);
  const { order, failed } = fileOrder(r);

  const items = new Map<string, Omit<ReviewItem, 'severity' | 'tier'>>();
  r.findings.forEach((f, i) => {
    // Notes stand apart: they are read last, and would only crowd the statements that need a look.
    const tag = f.severity === 'info' ? 'note ' : '';
    let key = `run ${i}`;
    let item: Omit<ReviewItem, 'severity' | 'tier'> = { findings: [] };
    if (f.file !== undefined && f.line === undefined) [key, item] = [`${tag}${f.file}`, { file: f.file, findings: [] }];
    else if (f.file !== undefined && f.line !== undefined) {
      const trace = statementAt(traces.get(f.file), f.line, failed.has(f.file));
      const line = trace?.line ?? f.line;
      [key, item] = [`${tag}${f.file}:${line}`, { file: f.file, line, trace, findings: [] }];
    }
    const found = items.get(key) ?? item;
    found.findings.push(f);
    items.set(key, found);
  });

  return [...items.values()]
    .map((x) => {
      const findings = [...x.findings].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
      const severity = worstOf(findings)!;
      return { ...x, findings, severity, tier: tierOf(severity, findings) };
    })
    .sort(rank(order));
}
