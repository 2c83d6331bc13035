import type { HistoryRow } from '../../src/model/history.js';
import { discover } from '../../src/migrations/discover.js';
import { makePlan, type PlanOptions } from '../../src/migrations/make-plan.js';
import type { Migration } from '../../src/model/migration.js';
import { makeFolder } from '../harness/folders.js';

const opts: PlanOptions = { allowOutOfOrder: false, acceptEdited: [] };
const folder = (files: Record<string, string>) => discover(makeFolder(files)).migrations;
const three = () => folder({ '001_a.sql': 'select 1;', '002_b.sql': 'select 2;', '003_c.sql': 'select 3;' });

let nextId = 1;
function row(m: Migration, over: Partial<HistoryRow> = {}): HistoryRow {
  return {
    id: nextId++,
    name: m.name,
    version: m.version,
    checksum: m.checksum,
    appliedAt: new Date(),
    dirty: false,
    ...over,
  };
}
const rules = (p: ReturnType<typeof makePlan>) => p.problems.map((x) => x.rule);

describe('makePlan', () => {
  test('no history: everything pending, in order', () => {
    const p = makePlan(three(), undefined, opts);
    expect(p.pending.map((m) => m.name)).toEqual(['001_a.sql', '002_b.sql', '003_c.sql']);
    expect(p.problems).toEqual([]);
  });

  test('applied ones are skipped; the newest applied is remembered', () => {
    const [a, b, c] = three();
    const p = makePlan([a, b, c], [row(a), row(b)], opts);
    expect(p.pending).toEqual([c]);
    expect(p.lastApplied?.text).toBe('002');
  });

  test('an applied file edited since is drift, with the fix', () => {
    const [a, b] = three();
    const p = makePlan([a, b], [row(a, { checksum: 'sha256:old' })], opts);
    expect(rules(p)).toEqual(['checksum-drift']);
    expect(p.problems[0].help).toMatch(/accept-edited: 001/);
  });

  test('accept-edited accepts the edit, and is refused when the file in fact matches', () => {
    const [a, b] = three();
    const accepted = makePlan([a, b], [row(a, { checksum: 'sha256:old' })], { ...opts, acceptEdited: ['001'] });
    expect(accepted.problems).toEqual([]);
    expect(accepted.accepted.map((x) => x.migration)).toEqual([a]);
    const stale = makePlan([a, b], [row(a)], { ...opts, acceptEdited: ['1'] });
    expect(rules(stale)).toEqual(['stale-override']);
    expect(stale.problems[0].message).toMatch(/its file matches the recorded checksum/);
  });

  test('a recorded migration whose file is gone is missing', () => {
    const [a, b, c] = three();
    const p = makePlan([a, c], [row(a), row(b)], opts);
    expect(rules(p)).toEqual(['missing-migration']);
    expect(p.problems[0].message).toMatch(/^002_b\.sql is recorded as applied but its file is gone/);
  });

  test('a pending migration older than the newest applied is out of order unless allowed', () => {
    const [a, b, c] = three();
    expect(rules(makePlan([a, b, c], [row(a), row(c)], opts))).toEqual(['out-of-order']);
    const allowed = makePlan([a, b, c], [row(a), row(c)], { ...opts, allowOutOfOrder: true });
    expect(allowed.problems).toEqual([]);
    expect(allowed.pending).toEqual([b]);
    expect(allowed.outOfOrder).toEqual([b]);
  });

  test('a dirty row stops the plan until resolve-dirty settles it', () => {
    const [a, b] = three();
    const dirty = [row(a), row(b, { dirty: true })];
    expect(rules(makePlan([a, b], dirty, opts))).toEqual(['dirty-migration']);
    const rerun = makePlan([a, b], dirty, { ...opts, resolveDirty: { version: '2', as: 'rerun' } });
    expect(rerun.problems).toEqual([]);
    expect(rerun.pending).toEqual([b]);
    const done = makePlan([a, b], dirty, { ...opts, resolveDirty: { version: '002', as: 'applied' } });
    expect(done.pending).toEqual([]);
    const stale = makePlan([a, b], [row(a), row(b)], { ...opts, resolveDirty: { version: '002', as: 'applied' } });
    expect(rules(stale)).toEqual(['stale-override']);
  });

  test('rows adopted without a checksum are unverified, not drift', () => {
    const [a, b] = three();
    const p = makePlan([a, b], [row(a, { checksum: undefined })], opts);
    expect(p.problems).toEqual([]);
    expect(p.unverified.map((x) => x.migration)).toEqual([a]);
  });

  test('baseline records migrations up to it, only on an empty history', () => {
    const [a, b, c] = three();
    const p = makePlan([a, b, c], [], { ...opts, baseline: '002' });
    expect(p.baseline).toEqual([a, b]);
    expect(p.pending).toEqual([c]);
    expect(rules(makePlan([a, b, c], [row(a)], { ...opts, baseline: '002' }))).toEqual(['stale-override']);
    expect(rules(makePlan([a, b, c], [], { ...opts, baseline: '007' }))).toEqual(['stale-override']);
  });

  test('a history row without a readable version is reported', () => {
    const [a] = three();
    const p = makePlan([a], [row(a), { ...row(a), name: 'initial', version: undefined }], opts);
    expect(rules(p)).toEqual(['unknown-history-row']);
  });
});
