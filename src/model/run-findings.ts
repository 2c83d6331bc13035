import type { FindingKind } from './finding-kind.js';
import { APPLY_FINDINGS } from './findings-apply.js';
import { VERIFY_FINDINGS } from './findings-verify.js';

/** The id of a finding the run itself reports: a key of the catalogue below. */
export type RunFindingId = keyof typeof VERIFY_FINDINGS | keyof typeof APPLY_FINDINGS;

/**
 * The catalogue of the run's own findings, declared once as data: severity, title, what happens, what to do. The
 * lint rules bring theirs (src/lint/rules/); report/catalogue.ts joins both, for the docs, SARIF and the report.
 */
export const RUN_FINDINGS: Readonly<Record<RunFindingId, FindingKind>> = { ...VERIFY_FINDINGS, ...APPLY_FINDINGS };

declare const lintRule: unique symbol;
/**
 * The id of a lint rule of src/lint/registry.ts. Only the lint engine makes one (from the rule it ran), so a
 * string written anywhere else must be a catalogue id to be a finding's rule.
 */
export type LintRuleId = string & { readonly [lintRule]: true };

/** Lint rules the engine reports itself before anything runs (PostgreSQL's parser refusing a file); the data is the rule's. */
export const ENGINE_LINT_IDS = ['syntax-error'] as const;

/** The restore drill repeats the findings of the apply it ran, under their own id after this prefix. */
export const DRILL_PREFIX = 'restore-drill/';

/** Every id a finding may carry. */
export type FindingId = RunFindingId | LintRuleId | (typeof ENGINE_LINT_IDS)[number] | `restore-drill/${string}`;
