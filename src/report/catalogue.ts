import { RULES } from '../lint/registry.js';
import type { RuleGroup } from '../lint/rule.js';
import type { FindingKind } from '../model/finding-kind.js';
import { DRILL_PREFIX, RUN_FINDINGS } from '../model/run-findings.js';

/** One kind of finding with its id and docs page. */
export interface CatalogueEntry extends FindingKind {
  id: string;
  /** The docs page, relative to the repository. */
  docs: string;
  /** A lint rule's group. */
  group?: RuleGroup;
}

/**
 * Every id the product can report, in the docs' order: the lint rules as the registry lists them (a new rule is in
 * at once), then the run's own findings (model/run-findings.ts).
 */
export function catalogue(): CatalogueEntry[] {
  return [
    ...RULES.map(({ id, group, severity, title, message, help }): CatalogueEntry => ({
      id,
      area: 'lint',
      group,
      severity,
      title,
      message,
      help,
      lock: group === 'locking',
      docs: `docs/rules/${id}.md`,
    })),
    ...Object.entries(RUN_FINDINGS).map(([id, kind]): CatalogueEntry => ({
      id,
      ...kind,
      docs: `docs/findings/${id}.md`,
    })),
  ];
}

let byId: Map<string, CatalogueEntry> | undefined;

/** The entry of a finding's id; a restore drill's `restore-drill/<id>` is <id>'s entry under its own name. */
export function kindOf(id: string): CatalogueEntry | undefined {
  byId ??= new Map(catalogue().map((e) => [e.id, e]));
  if (!id.startsWith(DRILL_PREFIX)) return byId.get(id);
  const inner = byId.get(id.slice(DRILL_PREFIX.length));
  return inner && { ...inner, id, title: `Restore drill: ${inner.title}` };
}
