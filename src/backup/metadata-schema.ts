/**
 * The shape of a backup's metadata file (`<dump>.json`, see metadata.ts), checked field by field when it is read.
 * Restore trusts these fields: the sha256 decides whether the dump is intact, the snapshot and the table write
 * counters whether anyone wrote since. A field of the wrong type must never read as "nothing recorded" (write
 * counters that are a string would switch the check off), so anything off is a problem, named with the field, what
 * it holds and what was expected. Optional fields may be absent, never of another type; fields this version does
 * not know are left alone.
 */

/** One field that is not as expected: `field holds X, expected Y`. */
export interface FieldProblem {
  field: string;
  holds: string;
  expected: string;
}

type Check = (value: unknown, field: string, problems: FieldProblem[]) => void;

/** A string as a message may show it: printable ASCII, cut short. */
const printable = (s: string, max = 40) =>
  `${s.slice(0, max).replace(/[^\x20-\x7e]/g, '?')}${s.length > max ? '…' : ''}`;

/** What a value is, for a message: short strings and numbers as they are, objects and arrays by their kind only. */
export function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return v.length ? `an array of ${v.length}` : 'an empty array';
  if (typeof v === 'string')
    return v.length > 40 ? `a string of ${v.length} characters ('${printable(v, 24)}')` : `'${printable(v)}'`;
  if (typeof v === 'number' || typeof v === 'boolean') return `${typeof v} ${v}`;
  if (typeof v === 'object') return 'an object';
  return typeof v;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A check from a test on the value and what it should have been. */
const when =
  (ok: (v: unknown) => boolean, expected: string): Check =>
  (v, field, problems) => {
    if (!ok(v)) problems.push({ field, holds: describeValue(v), expected });
  };

const matching = (re: RegExp, expected: string) => when((v) => typeof v === 'string' && re.test(v), expected);

const DIGITS = /^\d{1,20}$/;
const SHA256 = /^[0-9a-f]{64}$/;
/** As Date.prototype.toISOString writes it, or with an offset. */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

const text = when(
  (v) => typeof v === 'string' && v.length > 0 && v.length <= 4096 && !v.includes('\0'),
  'a non-empty string',
);
const fileName = when(
  (v) => typeof v === 'string' && v.length > 0 && v.length <= 255 && !/[/\\\0]/.test(v) && v !== '.' && v !== '..',
  'a file name (no folder)',
);
const sha256 = matching(SHA256, 'a sha256: 64 lowercase hex digits');
const count = when((v) => Number.isSafeInteger(v) && (v as number) >= 0, 'a whole number, 0 or more');
const digits = matching(DIGITS, 'a string of decimal digits');
const isoTime = when(
  (v) => typeof v === 'string' && ISO_TIME.test(v) && !Number.isNaN(Date.parse(v)),
  'a date and time in ISO 8601 (2026-01-31T12:00:00.000Z)',
);
const version = matching(/^\d+/, 'a version starting with its major number (16.4)');

/** An object whose listed fields each pass their check; a field marked optional may be absent (undefined). */
function shape(fields: Record<string, Check>, optional: readonly string[] = []): Check {
  return (v, field, problems) => {
    if (!isObject(v)) {
      problems.push({
        field,
        holds: describeValue(v),
        expected: `an object with ${Object.keys(fields)
          .filter((k) => !optional.includes(k))
          .join(', ')}`,
      });
      return;
    }
    for (const [name, check] of Object.entries(fields)) {
      const inner = field ? `${field}.${name}` : name;
      if (v[name] !== undefined) check(v[name], inner, problems);
      else if (!optional.includes(name)) {
        // No check accepts undefined: what it says is what the field should have held.
        const missing: FieldProblem[] = [];
        check(undefined, inner, missing);
        problems.push(...missing.map((p) => ({ ...p, holds: 'nothing (the field is missing)' })));
      }
    }
  };
}

const transactionIds = when(
  (v) => Array.isArray(v) && v.every((id) => typeof id === 'string' && DIGITS.test(id)),
  'an array of transaction ids, each a string of decimal digits',
);

/** A transaction snapshot (XidSnapshot): xmin ≤ every id in xip < xmax, as PostgreSQL prints it. */
const snapshot: Check = (v, field, problems) => {
  const before = problems.length;
  shape({ xmin: digits, xmax: digits, xip: transactionIds, takenAt: isoTime, next: digits }, ['next'])(
    v,
    field,
    problems,
  );
  if (problems.length > before) return;
  const s = v as { xmin: string; xmax: string; xip: string[] };
  const [xmin, xmax] = [BigInt(s.xmin), BigInt(s.xmax)];
  if (xmin > xmax)
    problems.push({ field: `${field}.xmin`, holds: describeValue(s.xmin), expected: `at most xmax (${s.xmax})` });
  const outside = s.xip.find((id) => BigInt(id) < xmin || BigInt(id) >= xmax);
  if (outside !== undefined)
    problems.push({
      field: `${field}.xip`,
      holds: `${describeValue(outside)} among its ids`,
      expected: `ids from xmin (${s.xmin}) up to xmax (${s.xmax})`,
    });
};

/** Per table (`schema.table`), rows written by then: an object, never an array or a string. */
const tableWrites: Check = (v, field, problems) => {
  if (!isObject(v)) {
    problems.push({
      field,
      holds: describeValue(v),
      expected: 'an object of write counts keyed by table name ({"public.users": 42})',
    });
    return;
  }
  for (const [table, n] of Object.entries(v)) {
    if (!table) problems.push({ field, holds: 'an empty table name', expected: 'table names (schema.table)' });
    else count(n, `${field}["${printable(table, 60)}"]`, problems);
  }
};

/** Per catalog entry (`kind:classid/objid/subid`), [hash, label]: an object, never an array or a string. */
const catalog: Check = (v, field, problems) => {
  if (!isObject(v)) {
    problems.push({
      field,
      holds: describeValue(v),
      expected: 'an object of catalog entries ({"object:1259/16384/0": ["<md5>", "table public.users"]})',
    });
    return;
  }
  for (const [key, entry] of Object.entries(v)) {
    const inner = `${field}["${printable(key, 60)}"]`;
    if (!CATALOG_KEY.test(key))
      problems.push({
        field: inner,
        holds: 'an entry of that name',
        expected: 'entries named kind:classid/objid/subid',
      });
    else if (!Array.isArray(entry) || entry.length !== 2 || !entry.every((s) => typeof s === 'string'))
      problems.push({ field: inner, holds: describeValue(entry), expected: 'an array of two strings: [hash, label]' });
    if (problems.length > 100) return;
  }
};
const CATALOG_KEY = /^[a-z]+:\d+\/\d+\/-?\d+(\.\d+)?$/;

const BACKUP_METADATA = shape(
  {
    format: when((v) => v === 'pg-migration-gate-backup/1', "'pg-migration-gate-backup/1'"),
    file: fileName,
    sha256,
    size: count,
    database: text,
    serverVersion: version,
    pgDumpVersion: version,
    createdAt: isoTime,
    historyTable: text,
    lastApplied: shape({
      version: matching(/^\d+(?:[._-]\d+)*$/, 'a migration version (digits, separated by . _ or -)'),
      name: text,
    }),
    planHash: matching(/^sha256:[0-9a-f]{64}(@.+)?$/, 'a plan hash (sha256:<64 hex digits>@<database>)'),
    entries: count,
    encryption: shape({ format: when((v) => v === 'age', "'age'"), file: fileName, sha256 }),
    databaseName: text,
    databaseOid: when(
      (v) => Number.isSafeInteger(v) && (v as number) > 0 && (v as number) < 2 ** 32,
      'a database oid: a whole number from 1 to 4294967295',
    ),
    systemIdentifier: digits,
    snapshot,
    tableWrites,
    catalog,
  },
  [
    'lastApplied',
    'planHash',
    'encryption',
    'databaseName',
    'databaseOid',
    'systemIdentifier',
    'snapshot',
    'tableWrites',
    'catalog',
  ],
);

/** Every field of parsed metadata that is not as a backup writes it; empty when all are. */
export function metadataProblems(parsed: unknown): FieldProblem[] {
  const problems: FieldProblem[] = [];
  BACKUP_METADATA(parsed, '', problems);
  return problems;
}
