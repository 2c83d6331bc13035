import { objectOf, witnessSql } from './catalog-state.js';
import type { Witness } from '../runner/runner.js';

/**
 * What a run's own transactions did to the catalog, learnt from inside them (see witnessSql): their ids, and the
 * entries they removed. With it, on-failure: restore tells the run's changes from others' without reading the
 * migrations' text: a changed or new entry is the run's when one of these transactions wrote it last, a removed
 * one when a transaction of the run held its object locked and left it absent.
 */
export class CatalogWitness implements Witness {
  readonly inTransaction: string;
  /** The run's transactions (32-bit ids) that reached their COMMIT. */
  readonly xids = new Set<number>();
  /** Per witnessed transaction: the objects it held locked, and their entries as it left them. */
  private readonly ends: { locked: Set<string>; entries: Set<string> }[] = [];
  /** Objects the run dropped outside a transaction of its own (an invalid index left by a failed build). */
  private readonly dropped = new Set<string>();

  constructor(major: number) {
    this.inTransaction = witnessSql(major);
  }

  seen(rows: Record<string, unknown>[]): void {
    const end = { locked: new Set<string>(), entries: new Set<string>() };
    for (const row of rows) {
      const value = String(row.value);
      if (row.what === 'xid') this.xids.add(Number(value));
      else if (row.what === 'locked') end.locked.add(value);
      else end.entries.add(value);
    }
    this.ends.push(end);
  }

  /** Statements outside a transaction leave no trace to witness: what they change counts as others'. */
  async before(): Promise<void> {}
  async after(): Promise<void> {}

  /** An object (`classid/objid`) the run dropped itself, on its own session. */
  droppedObject(object: string): void {
    this.dropped.add(object);
  }

  /** Whether the entry `key`, which existed when the run started, was removed by one of the run's transactions. */
  removedByRun(key: string): boolean {
    const object = objectOf(key);
    return this.dropped.has(object) || this.ends.some((e) => e.locked.has(object) && !e.entries.has(key));
  }
}
