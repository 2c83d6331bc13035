import { objectOf, type CatalogEntry } from '../db/catalog/catalog-state.js';

/**
 * What changed in a database's catalog since a backup (see db/catalog/catalog-state.ts), and whose each change is: the
 * restore guard's evidence beyond the table write counters. A restore replaces every object of the dump whole, so
 * any change to one of them since the backup (a column, an index, a GRANT, a comment, a TRUNCATE, a sequence that
 * moved) is lost by it, and anything new that hangs off one of them goes with it.
 */

/** A backup's catalog, as its metadata records it: per entry key, [hash, label]. */
export type RecordedCatalog = Record<string, [hash: string, label: string]>;

export const recordCatalog = (entries: CatalogEntry[]): RecordedCatalog =>
  Object.fromEntries(entries.map((e) => [e.key, [e.hash, e.label ?? e.key]]));

/** What a run knows of its own changes since the backup (on-failure: restore); absent: none are its own. */
export interface RunChanges {
  /** The run's committed transactions (32-bit ids): an entry one of them wrote last is the run's. */
  xids: ReadonlySet<number>;
  /** The catalog when the run started (right after its backup), key to hash: a change before that is not the run's. */
  atStart: ReadonlyMap<string, string>;
  /** Whether the run removed this entry (one of its transactions held its object locked and left it absent). */
  removedByRun(key: string): boolean;
  /**
   * Whether a sequence's move (its value entry) is the run's: it owns the sequence's table, which the run wrote and
   * nobody else did since the backup (by the write counters). A nextval() called alone by someone else is not told.
   */
  movedByRun(key: string): boolean;
}

export interface CatalogChange {
  key: string;
  label: string;
  how: 'added' | 'changed' | 'removed' | 'moved';
}

/** How a change reads in a report. */
export function changeText(c: CatalogChange): string {
  if (c.how === 'moved') return `${c.label} moved (a restore would set it back, and hand out those values again)`;
  return `${c.label} ${c.how}`;
}

/** The kinds a restore leaves as they are (see CatalogEntry.restored). */
export const isRestored = (key: string) => !/^(setting|role):/.test(key) && !/^(object|comment):1262\//.test(key);

/**
 * The entries pg_restore replaces that differ between `recorded` (the backup's) and `now`, split into the run's
 * own and the rest. Without `run` every change is the rest, but for sequences that moved while no transaction (but
 * the run's) committed since the backup (`quiet`): the values they handed out were kept by nothing that lasted.
 */
export function catalogChanges(
  recorded: RecordedCatalog,
  now: CatalogEntry[],
  run?: RunChanges,
  quiet = false,
): { ours: CatalogChange[]; theirs: CatalogChange[] } {
  const ours: CatalogChange[] = [];
  const theirs: CatalogChange[] = [];
  const seen = new Set<string>();
  const current = new Map(now.map((e) => [e.key, e]));
  const byRun = (key: string, e: CatalogEntry) =>
    !!run && e.xmin !== undefined && run.xids.has(e.xmin) && run.atStart.get(key) === recorded[key]?.[0];
  for (const e of now) {
    if (!e.restored) continue;
    seen.add(e.key);
    const was = recorded[e.key];
    if (was?.[0] === e.hash) continue;
    // Named as the backup knew it (a dropped column is renamed ........pg.dropped.N........), and as it is now.
    const label = !was ? (e.label ?? e.key) : e.label && e.label !== was[1] ? `${was[1]} (now ${e.label})` : was[1];
    if (e.key.startsWith('value:')) {
      // A sequence moves outside transactions: the run's only when it created the sequence or nobody else committed.
      const created = current.get(`object:${e.key.slice('value:'.length)}`);
      const mine = !!run && ((!was && !!created && byRun(created.key, created)) || run.movedByRun(e.key));
      if (mine || (was && quiet)) ours.push({ key: e.key, label, how: was ? 'moved' : 'added' });
      else theirs.push({ key: e.key, label, how: was ? 'moved' : 'added' });
      continue;
    }
    (byRun(e.key, e) ? ours : theirs).push({ key: e.key, label, how: was ? 'changed' : 'added' });
  }
  for (const [key, [, label]] of Object.entries(recorded)) {
    if (seen.has(key) || !isRestored(key)) continue;
    const mine = !!run && run.atStart.has(key) && run.removedByRun(key);
    (mine ? ours : theirs).push({ key, label, how: 'removed' });
  }
  return { ours: folded(ours), theirs: folded(theirs) };
}

/** An object added or removed whole is one change: its columns, definition, comment and value go without saying. */
function folded(changes: CatalogChange[]): CatalogChange[] {
  const whole = new Map(
    changes
      .filter((c) => /^object:\d+\/\d+\/0$/.test(c.key) && c.how !== 'changed')
      .map((c) => [objectOf(c.key), c.how]),
  );
  return changes.filter((c) => /^object:\d+\/\d+\/0$/.test(c.key) || whole.get(objectOf(c.key)) !== c.how);
}
