import type { HistoryRow } from '../../src/model/history.js';
import { InputError } from '../../src/foundation/errors.js';
import { discover } from '../../src/migrations/discover.js';
import { makePlan } from '../../src/migrations/make-plan.js';
import type { Migration } from '../../src/model/migration.js';
import { compareVersions, versionId } from '../../src/migrations/version.js';
import { makeFolder } from '../harness/folders.js';

/** A small seeded PRNG (mulberry32): every run draws the same cases, and a failure names its seed. */
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: () => number, xs: T[]): T => xs[Math.floor(r() * xs.length)];

/** A random name in one of the one-file layouts' version styles, possibly colliding with another. */
function randomName(r: () => number, style: string): string {
  const n = Math.floor(r() * 3000);
  const word = pick(r, ['add_users', 'x', 'backfill.tags', 'drop_old', 'a_b_c']);
  if (style === 'number') return `${String(n).padStart(Math.floor(r() * 4) + 1, '0')}_${word}.sql`;
  if (style === 'timestamp')
    return `2024${String(1 + (n % 12)).padStart(2, '0')}${String(1 + (n % 28)).padStart(2, '0')}_${String((n * 37) % 240000).padStart(6, '0')}_${word}.sql`;
  return `V${n % 7}.${n % 13}__${word}.sql`;
}

const row = (m: Migration, id: number, over: Partial<HistoryRow> = {}): HistoryRow => ({
  id,
  name: m.name,
  version: m.version,
  checksum: m.checksum,
  appliedAt: new Date(),
  dirty: false,
  ...over,
});

describe('discovery and plan hold their invariants on random folders', () => {
  for (let seed = 1; seed <= 60; seed++) {
    test(`seed ${seed}`, () => {
      const r = prng(seed);
      const style = pick(r, ['number', 'timestamp', 'flyway']);
      const files: Record<string, string> = {};
      for (let i = 0; i < 2 + Math.floor(r() * 25); i++)
        files[randomName(r, style)] = `SELECT ${Math.floor(r() * 1000)};`;
      let migrations: Migration[];
      try {
        migrations = discover(makeFolder(files)).migrations;
      } catch (err) {
        // The only refusal random names may earn is a duplicate version, named as such.
        expect(err).toBeInstanceOf(InputError);
        for (const p of (err as InputError).problems) expect(p).toMatch(/^duplicate version /);
        return;
      }
      // A total order: strictly increasing, no two migrations sharing a version.
      for (let i = 1; i < migrations.length; i++)
        expect(compareVersions(migrations[i - 1].version, migrations[i].version)).toBeLessThan(0);
      expect(new Set(migrations.map((m) => versionId(m.version))).size).toBe(migrations.length);

      // Some prefix is applied (optionally with a gap that allow-out-of-order lets through).
      const applied = migrations.filter(() => r() < 0.5);
      const history = applied.map((m, i) => row(m, i + 1));
      const plan = makePlan(migrations, history, { allowOutOfOrder: true, acceptEdited: [] });
      // No migration is applied twice; every migration is either applied or pending.
      const pending = new Set(plan.pending);
      for (const m of applied) expect(pending.has(m)).toBe(false);
      expect(plan.pending.length + applied.length).toBe(migrations.length);
      expect(plan.problems).toEqual([]);
      // Pending ones run in version order.
      for (let i = 1; i < plan.pending.length; i++)
        expect(compareVersions(plan.pending[i - 1].version, plan.pending[i].version)).toBeLessThan(0);

      // Any edit of an applied migration is drift.
      if (applied.length) {
        const edited = pick(r, applied);
        const drifted = makePlan(
          migrations,
          history.map((h) => (h.name === edited.name ? { ...h, checksum: `sha256:${'e'.repeat(64)}` } : h)),
          { allowOutOfOrder: true, acceptEdited: [] },
        );
        expect(drifted.problems.map((p) => p.rule)).toContain('checksum-drift');
        expect(drifted.problems.find((p) => p.rule === 'checksum-drift')?.file).toBe(edited.up.file);
      }
    });
  }
});
