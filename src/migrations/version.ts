import type { Version } from '../model/migration.js';

/**
 * Builds a version from its written form. Timestamps (`20240119_143000`, `2019-02-26-002946`) and plain numbers
 * become one number; Flyway's dotted versions (`1.2.10`, or `1_2` which Flyway reads as `1.2`) keep one number
 * per segment so that `1.10` sorts after `1.9`.
 */
export function makeVersion(text: string, dotted = false): Version {
  const segments = dotted ? text.split(/[._]/) : [text.replace(/[_-]/g, '')];
  return { text, key: segments.map((s) => BigInt(s)) };
}

/** Orders versions numerically; missing trailing segments count as zero (`1` equals `1.0`). */
export function compareVersions(a: Version, b: Version): number {
  const n = Math.max(a.key.length, b.key.length);
  for (let i = 0; i < n; i++) {
    const x = a.key[i] ?? 0n;
    const y = b.key[i] ?? 0n;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** A canonical string for a version: equal for versions that compare equal (`001` and `1`). */
export function versionId(v: Version): string {
  const key = [...v.key];
  while (key.length > 1 && key[key.length - 1] === 0n) key.pop();
  return key.join('.');
}

/** Reads a version back from the text this tool stored (`20240119_143000`, `1.2`, `2019-02-26-002946`). */
export function parseVersionText(text: string): Version | undefined {
  if (!/^\d+(?:[._-]\d+)*$/.test(text)) return undefined;
  return makeVersion(text, text.includes('.'));
}
