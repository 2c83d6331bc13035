/** Facts of one kind by key, each tagged with the position of the statement that declared it. */
export class Facts<V> {
  private readonly map = new Map<string, [number, V][]>();
  /** versions: keep every value with its position (a file, queried at any statement), or only the latest. */
  constructor(private readonly versions: boolean) {}

  set(key: string, at: number, value: V): void {
    const list = this.map.get(key);
    if (list && this.versions) list.push([at, value]);
    else this.map.set(key, [[at, value]]);
  }

  /** Adds to the key's list of values instead of replacing. */
  add(key: string, at: number, value: V): void {
    const list = this.map.get(key);
    if (list) list.push([at, value]);
    else this.map.set(key, [[at, value]]);
  }

  latest(key: string, before: number): { value: V } | undefined {
    const list = this.map.get(key);
    for (let i = (list?.length ?? 0) - 1; i >= 0; i--) if (list![i][0] < before) return { value: list![i][1] };
    return undefined;
  }

  all(key: string, before: number): V[] {
    return (this.map.get(key) ?? []).filter(([at]) => at < before).map(([, v]) => v);
  }

  /** Copies into `into` what this holds at its end: the latest value per key, every value of lists. */
  copyTo(into: Facts<V>, lists: boolean): void {
    for (const [key, list] of this.map) {
      if (lists) for (const [, v] of list) into.add(key, 0, v);
      else into.set(key, 0, list[list.length - 1][1]);
    }
  }
}
