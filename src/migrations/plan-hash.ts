import { createHash } from 'node:crypto';
import type { Plan } from './make-plan.js';

/**
 * The plan hash: what an approver pins with expected-plan. It names the database the plan was made on, and a
 * sha256 covers that database, the history table, the newest applied version and the ordered pending migrations
 * with their checksums:
 *
 *   sha256:<64 hex digits>@<system identifier>/<database oid>/<database name>
 *
 * The database is named as the server knows it, never by the URL that reached it: a plan made through a read
 * replica, a session-mode pooler or another host name of the same cluster is the same plan. Where the role may not
 * read the system identifier the middle part is left out (`@<database oid>/<database name>`) and the hash binds
 * the database's oid and name and the history's applied times instead (historyOf). The name is percent-encoded (encodeURIComponent), so `/`, `@` and spaces cannot
 * blur the parts.
 */

/** The database a plan was made on, as the plan hash binds it. */
export interface PlanTarget {
  name: string;
  oid: number;
  /** The server's system identifier (pg_control_system()), when the role may read it. */
  systemIdentifier?: string;
}

/** A plan hash read back. */
export interface ParsedPlanHash {
  /** The 64 hex digits. */
  digest: string;
  target: PlanTarget;
}

/** The form, for messages. */
const PLAN_HASH_FORM = 'sha256:<64 hex digits>@<system identifier>/<database oid>/<database name>';

/**
 * Without the system identifier a database's oid and name may repeat on another server (PostgreSQL 15 and later give
 * `postgres` the oid 5 everywhere), so the history itself stands in for the server: when each migration was
 * applied differs from one server to another, and not between a server and its replicas.
 */
function historyOf(plan: Plan): [string, string | null][] {
  return plan.applied.map((a) => [
    a.row.version?.text ?? a.row.name,
    a.row.appliedAt ? a.row.appliedAt.toISOString() : null,
  ]);
}

function digestOf(target: PlanTarget, historyTable: string, plan: Plan): string {
  const body = JSON.stringify({
    server: target.systemIdentifier ?? null,
    database: [target.oid, target.name],
    historyTable,
    lastApplied: plan.lastApplied?.text ?? null,
    pending: plan.pending.map((m) => [m.version.text, m.checksum]),
    ...(target.systemIdentifier ? {} : { history: historyOf(plan) }),
  });
  return createHash('sha256').update(body).digest('hex');
}

/** The database part, as it follows the `@`. */
function targetText(t: PlanTarget): string {
  return `${t.systemIdentifier ? `${t.systemIdentifier}/` : ''}${t.oid}/${encodeURIComponent(t.name)}`;
}

/** Identifies exactly what an apply would do, and where: the same plan on the same database gives the same hash. */
export function planHash(target: PlanTarget, historyTable: string, plan: Plan): string {
  return `sha256:${digestOf(target, historyTable, plan)}@${targetText(target)}`;
}

const FORM = /^sha256:([0-9a-f]{64})@(?:(\d+)\/)?(\d+)\/([^\s/@]+)$/;
const BARE = /^sha256:[0-9a-f]{64}$/;

/** Reads a plan hash back; undefined when the text is not one. */
export function parsePlanHash(text: string): ParsedPlanHash | undefined {
  const m = FORM.exec(text);
  if (!m) return undefined;
  let name: string;
  try {
    name = decodeURIComponent(m[4]);
  } catch {
    return undefined;
  }
  return { digest: m[1], target: { name, oid: Number(m[3]), ...(m[2] ? { systemIdentifier: m[2] } : {}) } };
}

/** Why an expected-plan value is not a plan hash, or undefined when it is one. */
export function planHashProblem(text: string): string | undefined {
  if (parsePlanHash(text)) return undefined;
  if (BARE.test(text)) {
    return `'${text}' names no database: a plan hash ends with the database it was made on (${PLAN_HASH_FORM}); this one comes from an earlier version of this action, so run the plan job again and approve its plan-hash output`;
  }
  return `'${text}' is not a plan hash (${PLAN_HASH_FORM}, the plan job's plan-hash output)`;
}

/**
 * How the plan made now compares with the approved one. The database is compared first, by what both sides
 * know: the system identifier when both read it, then the oid and the name; an approved plan that names its server
 * is refused where this role cannot tell the server (it fails closed). Only on the same database does the hash say
 * whether the plan itself changed; it is then computed as the approved one was (with or without the system
 * identifier, which brings the history's applied times in), so a plan role that cannot read it does not make the
 * plan differ.
 */
export type Approval =
  /** serverChecked: both sides read the same system identifier; otherwise the oid and name alone matched. */
  | { verdict: 'approved'; serverChecked: boolean }
  | { verdict: 'other-server' }
  /** The approved plan names a server, and this role may not read which server this is: not proven, refused. */
  | { verdict: 'server-unchecked' }
  /** sameServer: both sides read the same system identifier; otherwise it is not known. */
  | { verdict: 'other-database'; sameServer: boolean }
  | { verdict: 'changed' };

export function compareWithApproved(
  approved: ParsedPlanHash,
  current: PlanTarget,
  historyTable: string,
  plan: Plan,
): Approval {
  const a = approved.target;
  const bothRead = a.systemIdentifier !== undefined && current.systemIdentifier !== undefined;
  if (bothRead && a.systemIdentifier !== current.systemIdentifier) return { verdict: 'other-server' };
  if (a.systemIdentifier !== undefined && current.systemIdentifier === undefined)
    return { verdict: 'server-unchecked' };
  if (a.oid !== current.oid || a.name !== current.name) return { verdict: 'other-database', sameServer: bothRead };
  if (digestOf({ ...current, systemIdentifier: a.systemIdentifier }, historyTable, plan) !== approved.digest)
    return { verdict: 'changed' };
  return { verdict: 'approved', serverChecked: bothRead };
}

/** The note a report carries when the plan hash cannot bind the server: what it binds instead, and the way out. */
export function unboundServerNote(t: PlanTarget): string | undefined {
  if (t.systemIdentifier) return undefined;
  return (
    `the plan hash cannot name the server of the database ${t.name} (oid ${t.oid}): this role may not call pg_control_system(), so it binds the database's name and oid and when each applied migration was applied instead, ` +
    `which another server's copy of the database matches only if it was built from this one (a physical copy) or has no migration applied yet; GRANT EXECUTE ON FUNCTION pg_catalog.pg_control_system() TO the role to bind the server itself`
  );
}
