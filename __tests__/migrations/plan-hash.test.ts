import { discover } from '../../src/migrations/discover.js';
import { makePlan, type PlanOptions } from '../../src/migrations/make-plan.js';
import {
  compareWithApproved,
  parsePlanHash,
  planHash,
  planHashProblem,
  unboundServerNote,
  type PlanTarget,
} from '../../src/migrations/plan-hash.js';
import type { HistoryRow } from '../../src/model/history.js';
import type { Migration } from '../../src/model/migration.js';
import { makeFolder } from '../harness/folders.js';

const opts: PlanOptions = { allowOutOfOrder: false, acceptEdited: [] };
const folder = (files: Record<string, string>) => discover(makeFolder(files)).migrations;
const two = () => folder({ '001_a.sql': 'select 1;', '002_b.sql': 'select 2;' });
const row = (m: Migration): HistoryRow => ({
  id: 1,
  name: m.name,
  version: m.version,
  checksum: m.checksum,
  appliedAt: new Date(),
  dirty: false,
});

const app: PlanTarget = { name: 'app', oid: 16384, systemIdentifier: '7301234567890123456' };
const table = 'schema_migrations';

describe('planHash', () => {
  test('names the database after the digest, and changes with the database, the pending checksums and the newest applied version', () => {
    const [a, b] = two();
    const base = planHash(app, table, makePlan([a, b], [], opts));
    expect(base).toMatch(/^sha256:[0-9a-f]{64}@7301234567890123456\/16384\/app$/);
    expect(planHash({ ...app }, table, makePlan([a, b], [], opts))).toBe(base);
    const digest = (h: string) => h.slice(0, 71);
    for (const other of [
      { ...app, oid: 16385 },
      { ...app, name: 'other' },
      { ...app, systemIdentifier: '7301234567890123457' },
    ]) {
      expect(digest(planHash(other, table, makePlan([a, b], [], opts)))).not.toBe(digest(base));
    }
    expect(digest(planHash(app, 'public.schema_migrations', makePlan([a, b], [], opts)))).not.toBe(digest(base));
    const edited = folder({ '001_a.sql': 'select 1;', '002_b.sql': 'select 22;' });
    expect(planHash(app, table, makePlan(edited, [], opts))).not.toBe(base);
    expect(planHash(app, table, makePlan([a, b], [row(a)], opts))).not.toBe(base);
  });

  test('without the system identifier it names the database alone, and reads back either way', () => {
    const plan = makePlan(two(), [], opts);
    const unbound = planHash({ name: 'my db/2@x', oid: 5 }, table, plan);
    expect(unbound).toMatch(/^sha256:[0-9a-f]{64}@5\/my%20db%2F2%40x$/);
    expect(parsePlanHash(unbound)?.target).toEqual({ name: 'my db/2@x', oid: 5 });
    expect(parsePlanHash(planHash(app, table, plan))?.target).toEqual(app);
  });

  test('a bare digest is refused, saying the plan must be made again; anything else is not a plan hash', () => {
    expect(planHashProblem(`sha256:${'a'.repeat(64)}`)).toMatch(/names no database: .*run the plan job again/);
    expect(planHashProblem('sha256:abc@1/app')).toMatch(
      /is not a plan hash \(sha256:<64 hex digits>@<system identifier>\/<database oid>\/<database name>/,
    );
    expect(planHashProblem(`sha256:${'a'.repeat(64)}@1/%E0%A4%A`)).toMatch(/is not a plan hash/);
    expect(planHashProblem(planHash(app, table, makePlan(two(), [], opts)))).toBeUndefined();
  });
});

describe('compareWithApproved', () => {
  const plan = makePlan(two(), [], opts);
  const approve = (t: PlanTarget) => parsePlanHash(planHash(t, table, plan))!;

  test('the same database and plan: approved, the server checked when both sides read it', () => {
    expect(compareWithApproved(approve(app), { ...app }, table, plan)).toEqual({
      verdict: 'approved',
      serverChecked: true,
    });
    const { systemIdentifier: _, ...unread } = app;
    // The plan's role could not read the system identifier: the oid and name decide, and the plan hash still matches.
    expect(compareWithApproved(approve(unread), app, table, plan)).toEqual({
      verdict: 'approved',
      serverChecked: false,
    });
    // The approved plan names its server, and this role cannot tell which server this is: refused, not assumed.
    expect(compareWithApproved(approve(app), unread, table, plan)).toEqual({ verdict: 'server-unchecked' });
  });

  test("without the system identifier, the history's applied times tell two servers' copies apart", () => {
    const { systemIdentifier: _, ...unread } = app;
    const [first] = two();
    const here = makePlan(two(), [{ ...row(first), appliedAt: new Date('2026-01-01T10:00:00Z') }], opts);
    const there = makePlan(two(), [{ ...row(first), appliedAt: new Date('2026-01-02T09:00:00Z') }], opts);
    const approvedThere = parsePlanHash(planHash(unread, table, there))!;
    expect(compareWithApproved(approvedThere, unread, table, here)).toEqual({ verdict: 'changed' });
    expect(compareWithApproved(approvedThere, unread, table, there)).toEqual({
      verdict: 'approved',
      serverChecked: false,
    });
    // With the system identifier, the server itself decides and the times are not needed.
    expect(planHash(app, table, here)).toBe(
      planHash(app, table, makePlan(two(), [{ ...row(first), appliedAt: new Date('2026-01-02T09:00:00Z') }], opts)),
    );
  });

  test('another server, another database, or a changed plan', () => {
    expect(compareWithApproved(approve(app), { ...app, systemIdentifier: '1' }, table, plan)).toEqual({
      verdict: 'other-server',
    });
    expect(compareWithApproved(approve(app), { ...app, oid: 1, name: 'other' }, table, plan)).toEqual({
      verdict: 'other-database',
      sameServer: true,
    });
    expect(compareWithApproved(approve({ name: 'app', oid: 16384 }), { ...app, oid: 1 }, table, plan)).toEqual({
      verdict: 'other-database',
      sameServer: false,
    });
    const moved = makePlan(two(), [row(two()[0])], opts);
    expect(compareWithApproved(approve(app), app, table, moved)).toEqual({ verdict: 'changed' });
    // A database part edited by hand does not get past the digest.
    const forged = { ...approve({ ...app, oid: 1 }), target: app };
    expect(compareWithApproved(forged, app, table, plan)).toEqual({ verdict: 'changed' });
  });

  test('a note says what binds the plan when the server is not known', () => {
    expect(unboundServerNote(app)).toBeUndefined();
    expect(unboundServerNote({ name: 'app', oid: 16384 })).toMatch(
      /cannot name the server of the database app \(oid 16384\): .*when each applied migration was applied .*GRANT EXECUTE ON FUNCTION pg_catalog.pg_control_system\(\)/,
    );
  });
});
