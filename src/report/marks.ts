import type { Finding, Report, Severity, VerifiedMigration } from '../model/report.js';
import type { LockTaken } from '../model/trace.js';

/** Marks by severity; a row without findings is ok, one that never ran is not run. */
export type Mark = Severity | 'ok' | 'not run';

export const ICON: Record<Mark, string> = { error: '❌', warning: '⚠️', info: 'ℹ️', ok: '✅', 'not run': '⏸' };
/** The same marks for the terminal, one character wide. */
export const TEXT_MARK: Record<Mark, string> = { error: '✗', warning: '!', info: 'i', ok: '✓', 'not run': '-' };

export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** The most severe of some findings, or undefined for none. */
export function worstOf(findings: readonly Finding[]): Severity | undefined {
  return [...findings].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity])[0]?.severity;
}

/** The findings about one migration's files (its up and down scripts). */
export function findingsOf(r: Report, files: readonly (string | undefined)[]): Finding[] {
  return r.findings.filter((f) => f.file !== undefined && files.includes(f.file));
}

/** A migration's mark is its worst finding's severity; without findings it is ok, or not run. */
export function markOf(findings: readonly Finding[], ran: boolean): Mark {
  return worstOf(findings) ?? (ran ? 'ok' : 'not run');
}

/** verify's checks in words, each failed one with the severity its finding has. */
export function checkWords(m: VerifiedMigration, findings: readonly Finding[]): string[] {
  const sev = (...rules: string[]) => worstOf(findings.filter((f) => rules.includes(f.rule)));
  const word = (name: string, outcome: string, ...rules: string[]) => {
    const s = outcome === 'failed' ? sev(...rules) : undefined;
    return `${name} ${outcome}${s && s !== 'error' ? ` (${s})` : ''}`;
  };
  return [
    word('apply', m.apply, 'apply-failed'),
    m.idempotency !== 'off' ? word('re-run', m.idempotency, 'not-idempotent') : '',
    m.reversibility !== 'off' ? word('down/up', m.reversibility, 'not-reversible') : '',
  ].filter(Boolean);
}

/** PostgreSQL's table lock modes, weakest first. */
const MODES = [
  'ACCESS SHARE',
  'ROW SHARE',
  'ROW EXCLUSIVE',
  'SHARE UPDATE EXCLUSIVE',
  'SHARE',
  'SHARE ROW EXCLUSIVE',
  'EXCLUSIVE',
  'ACCESS EXCLUSIVE',
];

/** How much a lock holds others up: 0 for plain reads and writes, up to 5 for ACCESS EXCLUSIVE. */
export function lockStrength(mode: string): number {
  return Math.max(0, MODES.indexOf(mode) - 2);
}

/** The locks worth a reader's attention (not plain reads and writes), the strongest per table, strongest first, then by name. */
export function notableLocks(locks: readonly LockTaken[]): LockTaken[] {
  const strongest = new Map<string, LockTaken>();
  for (const l of locks) {
    if (lockStrength(l.mode) === 0) continue;
    const had = strongest.get(l.relation);
    if (!had || lockStrength(l.mode) > lockStrength(had.mode)) strongest.set(l.relation, l);
  }
  return [...strongest.values()].sort(
    (a, b) =>
      lockStrength(b.mode) - lockStrength(a.mode) || (a.relation < b.relation ? -1 : a.relation > b.relation ? 1 : 0),
  );
}
