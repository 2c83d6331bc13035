import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describeValue, metadataProblems } from '../../src/backup/metadata-schema.js';
import { withPgDump } from '../harness/backup-tools.js';
import { tableChecksums } from '../harness/data.js';
import { scratchDb, type ScratchDb } from '../harness/db.js';
import { runCliInProcess } from '../harness/in-process.js';

/**
 * A backup's metadata is checked field by field before a restore trusts it, and a dump pg_restore cannot read is
 * named as damaged: either way the CLI exits 2 (an input problem) and the target database is left as it was.
 */

type Metadata = Record<string, any>;
interface Finding {
  rule: string;
  severity: string;
  message: string;
}

/** A valid metadata file as a backup writes it, for the checks that need no database. */
const valid = (): Metadata => ({
  format: 'pg-migration-gate-backup/1',
  file: 'app-20260101T000000.dump',
  sha256: 'a'.repeat(64),
  size: 1234,
  database: '127.0.0.1:5432/app',
  serverVersion: '16.4',
  pgDumpVersion: '16.4 (/usr/bin/pg_dump)',
  createdAt: '2026-01-01T00:00:00.000Z',
  historyTable: 'schema_migrations',
  lastApplied: { version: '003', name: '003_c.sql' },
  entries: 12,
  databaseName: 'app',
  databaseOid: 16384,
  systemIdentifier: '7312345678901234567',
  snapshot: { xmin: '740', xmax: '745', xip: ['741', '743'], takenAt: '2026-01-01T00:00:00.000Z' },
  tableWrites: { 'public.users': 500, '"Odd".t': 0 },
});

describe('the metadata schema', () => {
  test('metadata as a backup writes it, with or without the optional fields, has no problem', () => {
    expect(metadataProblems(valid())).toEqual([]);
    const {
      lastApplied: _a,
      databaseName: _n,
      databaseOid: _o,
      systemIdentifier: _s,
      snapshot: _x,
      tableWrites: _w,
      ...oldest
    } = valid();
    expect(metadataProblems(oldest)).toEqual([]);
    expect(
      metadataProblems({
        ...valid(),
        planHash: `sha256:${'b'.repeat(64)}@7312345678901234567/16384/app`,
        encryption: { format: 'age', file: 'x.dump.age', sha256: 'c'.repeat(64) },
      }),
    ).toEqual([]);
  });

  test('every problem is collected, each naming its field, what it holds and what was expected', () => {
    expect(
      metadataProblems({
        ...valid(),
        size: '1234',
        snapshot: { ...valid().snapshot, xip: [741] },
        tableWrites: { 'public.users': -1 },
      }),
    ).toEqual([
      { field: 'size', holds: "'1234'", expected: 'a whole number, 0 or more' },
      {
        field: 'snapshot.xip',
        holds: 'an array of 1',
        expected: 'an array of transaction ids, each a string of decimal digits',
      },
      { field: 'tableWrites["public.users"]', holds: 'number -1', expected: 'a whole number, 0 or more' },
    ]);
    const { sha256: _, ...noSha } = valid();
    expect(metadataProblems(noSha)).toEqual([
      { field: 'sha256', holds: 'nothing (the field is missing)', expected: 'a sha256: 64 lowercase hex digits' },
    ]);
  });

  test('values are described, never printed whole', () => {
    expect(describeValue({ password: 'hunter2' })).toBe('an object');
    expect(describeValue(['secret'])).toBe('an array of 1');
    expect(describeValue('x'.repeat(100))).toBe(`a string of 100 characters ('${'x'.repeat(24)}…')`);
    expect(describeValue('a\nb')).toBe("'a?b'");
  });
});

withPgDump.describe('restore refuses a backup whose metadata or dump is not as the backup wrote it', () => {
  let db: ScratchDb;
  let dump: string;
  let metadata: Metadata;
  let written: Record<string, string>;

  beforeAll(async () => {
    db = await scratchDb();
    await db.query(`CREATE TABLE items (id int PRIMARY KEY, body text);
      INSERT INTO items SELECT g, md5(g::text) || md5((g * 7)::text) FROM generate_series(1, 60000) g`);
    const backups = mkdtempSync(join(tmpdir(), 'pmg-schema-backups-'));
    const taken = await runCliInProcess([
      'backup',
      '--yes',
      '--database-url',
      db.url,
      '--backup-dir',
      backups,
      '--format',
      'json',
    ]);
    expect(taken.code).toBe(0);
    dump = JSON.parse(taken.stdout).backup.path;
    metadata = JSON.parse(readFileSync(`${dump}.json`, 'utf8'));
    // Written since the backup: a restore would take these rows back out, and the guard refuses it.
    await db.query(
      `UPDATE items SET body = 'changed since' WHERE id <= 100; CREATE TABLE since_backup AS SELECT 1 AS one`,
    );
    written = await tableChecksums(db);
  }, 120_000);
  afterAll(async () => {
    await db.drop();
  });

  /** A copy of the backup in a folder of its own, the metadata changed by `edit`, and the dump by `cut` when given. */
  function copy(edit: (m: Metadata) => void, cut?: (bytes: Buffer) => Buffer): string {
    const to = join(mkdtempSync(join(tmpdir(), 'pmg-schema-copy-')), basename(dump));
    copyFileSync(dump, to);
    if (cut) writeFileSync(to, cut(readFileSync(dump)));
    const m = structuredClone(metadata);
    edit(m);
    writeFileSync(`${to}.json`, JSON.stringify(m, null, 2));
    return to;
  }

  async function restore(file: string, ...more: string[]) {
    const r = await runCliInProcess([
      'restore',
      '--yes',
      '--database-url',
      db.url,
      '--backup-file',
      file,
      '--format',
      'json',
      ...more,
    ]);
    return {
      code: r.code,
      findings: (JSON.parse(r.stdout).findings as Finding[]).filter((f) => f.severity !== 'info'),
      output: r.stdout + r.stderr,
    };
  }

  const cases: [string, (m: Metadata) => void, RegExp][] = [
    [
      'format',
      (m) => (m.format = 'pg-migration-gate-backup/9'),
      /not a pg-migration-gate backup metadata file \(it holds an object with format 'pg-migration-gate-backup\/9'/,
    ],
    ['file', (m) => (m.file = 42), /field file holds number 42, expected a file name/],
    [
      'file (a path)',
      (m) => (m.file = '../elsewhere.dump'),
      /field file holds '\.\.\/elsewhere\.dump', expected a file name \(no folder\)/,
    ],
    ['sha256', (m) => (m.sha256 = 'abc123'), /field sha256 holds 'abc123', expected a sha256: 64 lowercase hex digits/],
    [
      'sha256 (missing)',
      (m) => delete m.sha256,
      /field sha256 holds nothing \(the field is missing\), expected a sha256/,
    ],
    ['size', (m) => (m.size = -1), /field size holds number -1, expected a whole number, 0 or more/],
    ['size (a string)', (m) => (m.size = String(m.size)), /field size holds '\d+', expected a whole number/],
    ['database', (m) => (m.database = null), /field database holds null, expected a non-empty string/],
    ['serverVersion', (m) => (m.serverVersion = 16), /field serverVersion holds number 16, expected a version/],
    ['pgDumpVersion', (m) => (m.pgDumpVersion = 'unknown'), /field pgDumpVersion holds 'unknown', expected a version/],
    [
      'createdAt',
      (m) => (m.createdAt = 'yesterday'),
      /field createdAt holds 'yesterday', expected a date and time in ISO 8601/,
    ],
    ['historyTable', (m) => (m.historyTable = ''), /field historyTable holds '', expected a non-empty string/],
    [
      'lastApplied',
      (m) => (m.lastApplied = '003'),
      /field lastApplied holds '003', expected an object with version, name/,
    ],
    [
      'lastApplied.version',
      (m) => (m.lastApplied = { version: 3, name: '003_c.sql' }),
      /field lastApplied\.version holds number 3, expected a migration version/,
    ],
    ['planHash', (m) => (m.planHash = 'approved'), /field planHash holds 'approved', expected a plan hash/],
    ['entries', (m) => (m.entries = 2.5), /field entries holds number 2\.5, expected a whole number/],
    [
      'encryption',
      (m) => (m.encryption = { format: 'gpg', file: 'x.gpg', sha256: 'c'.repeat(64) }),
      /field encryption\.format holds 'gpg', expected 'age'/,
    ],
    [
      'databaseName',
      (m) => (m.databaseName = ['app']),
      /field databaseName holds an array of 1, expected a non-empty string/,
    ],
    ['databaseOid', (m) => (m.databaseOid = 0), /field databaseOid holds number 0, expected a database oid/],
    [
      'databaseOid (a string)',
      (m) => (m.databaseOid = String(m.databaseOid)),
      /field databaseOid holds '\d+', expected a database oid/,
    ],
    [
      'systemIdentifier',
      (m) => (m.systemIdentifier = 7.3e18),
      /field systemIdentifier holds number 7300000000000000000, expected a string of decimal digits/,
    ],
    [
      'snapshot',
      (m) => (m.snapshot = '740:745:741'),
      /field snapshot holds '740:745:741', expected an object with xmin, xmax, xip, takenAt/,
    ],
    [
      'snapshot.xmin',
      (m) => (m.snapshot.xmin = Number(m.snapshot.xmin)),
      /field snapshot\.xmin holds number \d+, expected a string of decimal digits/,
    ],
    [
      'snapshot.xmin (past xmax)',
      (m) => (m.snapshot.xmin = String(BigInt(m.snapshot.xmax) + 1n)),
      /field snapshot\.xmin holds '\d+', expected at most xmax/,
    ],
    [
      'snapshot.xip',
      (m) => (m.snapshot.xip = [1]),
      /field snapshot\.xip holds an array of 1, expected an array of transaction ids/,
    ],
    [
      'snapshot.takenAt',
      (m) => (m.snapshot.takenAt = 1767225600000),
      /field snapshot\.takenAt holds number 1767225600000, expected a date and time in ISO 8601/,
    ],
    [
      'tableWrites (a string)',
      (m) => (m.tableWrites = 'lots'),
      /field tableWrites holds 'lots', expected an object of write counts keyed by table name/,
    ],
    [
      'tableWrites (an array)',
      (m) => (m.tableWrites = [1]),
      /field tableWrites holds an array of 1, expected an object of write counts/,
    ],
    [
      'tableWrites (a count)',
      (m) => (m.tableWrites['public.items'] = '60000'),
      /field tableWrites\["public\.items"\] holds '60000', expected a whole number, 0 or more/,
    ],
    [
      'tableWrites (a negative count)',
      (m) => (m.tableWrites['public.items'] = -5),
      /field tableWrites\["public\.items"\] holds number -5, expected a whole number/,
    ],
  ];

  test.each(cases)(
    '%s of the wrong type or range: exit 2 naming it, nothing restored',
    async (_field, edit, message) => {
      const r = await restore(copy(edit));
      expect(r.code).toBe(2);
      expect(r.findings.map((f) => f.rule)).toContain('configuration');
      const said = r.findings.map((f) => f.message).join('\n');
      expect(said).toMatch(message);
      expect(said).toMatch(/\.dump\.json: /);
      expect(said).toMatch(/nothing was restored/);
      expect(r.output).not.toMatch(/internal-error|\n\s+at /);
      expect(await tableChecksums(db)).toEqual(written);
    },
  );

  test('write counters that are not an object never switch the guard off: refused whole, and the writes since stay', async () => {
    for (const tableWrites of ['lots', [1], true]) {
      const r = await restore(
        copy((m) => (m.tableWrites = tableWrites)),
        '--restore-discards-writes',
        'false',
      );
      expect([r.code, r.findings.map((f) => f.rule)]).toEqual([2, ['configuration', 'configuration']]);
      expect(r.findings[0].message).toMatch(/field tableWrites holds/);
    }
    expect(await tableChecksums(db)).toEqual(written);
    expect((await db.query(`SELECT count(*)::int AS n FROM items WHERE body = 'changed since'`)).rows[0].n).toBe(100);
  });

  test('a dump cut in half, its sha256 and size recomputed so that only pg_restore notices: exit 2 naming the dump, nothing restored', async () => {
    const half = (b: Buffer) => b.subarray(0, Math.floor(b.length / 2));
    const cut = copy(() => {}, half);
    const bytes = readFileSync(cut);
    const fixed = { ...metadata, sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length };
    writeFileSync(`${cut}.json`, JSON.stringify(fixed));
    // Allowed to discard the writes since, so that the guard lets it through to pg_restore.
    const r = await restore(cut, '--restore-discards-writes', 'true');
    expect([r.code, r.findings.map((f) => f.rule)]).toEqual([2, ['configuration']]);
    expect(r.findings[0].message).toContain(`${cut}: pg_restore cannot read the dump (`);
    expect(r.findings[0].message).toMatch(
      /the file is damaged or truncated, though it matches the sha256 its metadata records; nothing was restored/,
    );
    expect(r.output).not.toMatch(/internal-error/);
    expect(await tableChecksums(db)).toEqual(written);
  });

  test('a dump whose header is not an archive: exit 2 naming the dump, nothing restored', async () => {
    const bogus = copy(
      () => {},
      () => Buffer.from('PGDMP but not really a dump'),
    );
    const bytes = readFileSync(bogus);
    writeFileSync(
      `${bogus}.json`,
      JSON.stringify({ ...metadata, sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length }),
    );
    const r = await restore(bogus, '--restore-discards-writes', 'true');
    expect([r.code, r.findings.map((f) => f.rule)]).toEqual([2, ['configuration']]);
    expect(r.findings[0].message).toMatch(
      /pg_restore cannot read the dump \(.*(version|archive|magic).*\): the file is damaged or truncated/,
    );
    expect(await tableChecksums(db)).toEqual(written);
  });

  test('a dump cut short whose metadata still records the whole: refused by its size before it is hashed', async () => {
    const cut = copy(
      () => {},
      (b) => b.subarray(0, 1000),
    );
    const r = await restore(cut, '--restore-discards-writes', 'true');
    expect([r.code, r.findings.map((f) => f.rule)]).toEqual([2, ['configuration']]);
    expect(r.findings[0].message).toBe(
      `${cut}: the file is 1000 bytes, the backup was ${metadata.size} bytes when taken; it is truncated or damaged, nothing was restored`,
    );
    expect(await tableChecksums(db)).toEqual(written);
  });

  test('the intact backup with its metadata as written still restores: refused by the guard for the writes since, then restored when allowed', async () => {
    const intact = copy(() => {});
    const refused = await restore(intact);
    expect([refused.code, refused.findings.map((f) => f.rule)]).toEqual([1, ['restore-refused']]);
    expect(refused.findings[0].message).toMatch(/tables written since.*public\.items/);
    expect(await tableChecksums(db)).toEqual(written);

    const restored = await restore(intact, '--restore-discards-writes', 'true');
    expect([restored.code, restored.findings.map((f) => f.rule)]).toEqual([0, []]);
    expect((await db.query(`SELECT count(*)::int AS n FROM items WHERE body = 'changed since'`)).rows[0].n).toBe(0);
  });
});
