/** What a kind of finding is, as data: the catalogue's entries and the lint rules share this shape. */

/** An error fails the run; a warning asks for a look; info is a note. */
export type Severity = 'error' | 'warning' | 'info';

/**
 * Where a finding comes from. Lint rules (`lint`) live in src/lint/rules/, one file each; the rest are declared in
 * this folder (run-findings.ts).
 */
export type FindingArea = 'lint' | 'verify' | 'plan' | 'apply' | 'backup' | 'input' | 'internal';

/** What every kind of finding says, lint rule or the run's own: the words its findings and its docs page use. */
export interface FindingText {
  /** The usual severity; a few follow an input (`idempotency`, `preflight`), which `severityNote` names. */
  severity: Severity;
  /** A short title for the docs, SARIF and the report. */
  title: string;
  /** What happens, stated plainly: a finding's message starts with it. */
  message: string;
  /** What to do: a finding's help. */
  help: string;
}

/** One kind of finding: every id the product reports has one, and a docs page rendered from it. */
export interface FindingKind extends FindingText {
  area: FindingArea;
  /** About locks that hold up other sessions: ranked with the locks on existing tables. */
  lock?: boolean;
  /** When the severity is set by an input, which one. */
  severityNote?: string;
}

/** The finding kinds of the run itself (not lint rules), keyed by id. */
export type FindingKinds = Record<string, FindingKind>;
