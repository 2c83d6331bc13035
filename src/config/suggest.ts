/**
 * The candidate a mistyped word most likely meant: the nearest by edit distance (insertions, deletions,
 * substitutions and swaps of neighbours), if it is within a third of the word's length, at least 1 and at most 3;
 * or the one candidate the word starts, or that starts with it. Undefined when nothing is that close.
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  const limit = Math.min(3, Math.max(1, Math.floor(w.length / 3)));
  let best: { c: string; d: number } | undefined;
  for (const c of candidates) {
    const d = distance(w, c.toLowerCase());
    if (d <= limit && (!best || d < best.d)) best = { c, d };
  }
  if (best) return best.c;
  const prefixed = candidates.filter((c) => c.startsWith(w) || w.startsWith(c));
  return prefixed.length === 1 ? prefixed[0] : undefined;
}

/** Optimal string alignment distance: Levenshtein's, with a swap of two neighbours counting as one edit. */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}
