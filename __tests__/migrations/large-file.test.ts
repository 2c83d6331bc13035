import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sourceOf } from '../../src/db/history/layouts/layout.js';
import { discover } from '../../src/migrations/discover.js';
import { parseScript } from '../../src/migrations/parse.js';
import type { Migration, RowsOnDisk } from '../../src/model/migration.js';
import { makeFolder } from '../harness/folders.js';
import { loadParser } from '../../src/migrations/parse.js';

beforeAll(loadParser);

/**
 * A large file is read a line at a time with its COPY rows left on disk; everything the rest of the engine sees
 * must be what reading it whole gives: the statements, their lines, the rows byte for byte, the checksum, the
 * sections. Each folder is read both ways here (every file counted as large, and none).
 */
const rowsOf = (data: string | RowsOnDisk | undefined) =>
  data === undefined || typeof data === 'string'
    ? data
    : readFileSync(data.path).subarray(data.from, data.to).toString('utf8');

async function view(m: Migration) {
  const script = async (s: Migration['up'] | undefined) =>
    s &&
    (await parseScript(s)).map((st) => ({
      kind: st.kind,
      line: st.location.line,
      column: st.location.column,
      sql: st.sql,
      rows: rowsOf(st.copyData),
    }));
  return {
    name: m.name,
    checksum: m.checksum,
    up: await script(m.up),
    down: await script(m.down),
    upStart: m.up.startLine,
    downStart: m.down?.startLine,
  };
}

async function bothWays(dir: string) {
  const whole = discover(dir);
  const pieces = discover(dir, 0);
  expect(pieces.migrations.some((m) => m.up.elided?.length)).toBe(true);
  expect(whole.migrations.some((m) => m.up.elided?.length)).toBe(false);
  return {
    whole: await Promise.all(whole.migrations.map(view)),
    pieces: await Promise.all(pieces.migrations.map(view)),
  };
}

const dump = [
  '\\restrict abc',
  "SET client_encoding = 'UTF8';",
  'CREATE TABLE people (id int, name text);',
  '-- the rows',
  'COPY public.people (id, name) FROM stdin;',
  "1\tO'Brien",
  '2\t\\N',
  '3\tZoë 😀',
  '\\.',
  '',
  'COPY public.empty (id) FROM stdin;',
  '\\.',
  'COPY public.csv (id, v) FROM stdin WITH (FORMAT csv, HEADER true);',
  'id,v',
  '1,"two\r\nlines"',
  '\\.',
  'CREATE INDEX people_name ON people (name);',
  '\\unrestrict abc',
  '',
].join('\n');

test('a pg_dump-style file: the same statements at the same lines, the rows byte for byte, the same checksum', async () => {
  const { whole, pieces } = await bothWays(makeFolder({ '001_seed.sql': dump, '002_next.sql': 'SELECT 1;\n' }));
  expect(pieces).toEqual(whole);
  expect(whole[0].up!.find((s) => s.kind === 'CreateStmt' && s.sql.startsWith('CREATE INDEX'))).toBeUndefined();
  expect(whole[0].up!.filter((s) => s.kind === 'CopyStmt').map((s) => s.rows)).toEqual([
    "1\tO'Brien\n2\t\\N\n3\tZoë 😀\n",
    '',
    'id,v\n1,"two\r\nlines"\n',
  ]);
});

test('CRLF line ends, a byte-order mark and a COPY whose statement spans lines', async () => {
  const text =
    '\uFEFFCREATE TABLE t (a int, b text);\r\nCOPY t (a, b)\r\n  FROM stdin;\r\n1\tx\r\n2\ty\r\n\\.\r\nSELECT count(*) FROM t;\r\n';
  const { whole, pieces } = await bothWays(makeFolder({ '001_crlf.sql': text }));
  expect(pieces).toEqual(whole);
  expect(whole[0].up!.map((s) => s.line)).toEqual([1, 2, 7]);
});

test('dbmate sections around the rows: each section keeps its rows and its lines', async () => {
  const text = [
    '-- migrate:up',
    'CREATE TABLE t (a int);',
    'COPY t FROM stdin;',
    '1',
    '2',
    '3',
    '\\.',
    'SELECT 1;',
    '',
    '-- migrate:down',
    'DROP TABLE t;',
    '',
  ].join('\n');
  const { whole, pieces } = await bothWays(makeFolder({ '20240101000000_seed.sql': text }));
  expect(pieces).toEqual(whole);
  expect(whole[0].downStart).toBe(11);
});

test('the word stdin elsewhere, a COPY … FROM a file and a string holding a semicolon do not start rows', async () => {
  const text = [
    "CREATE TABLE stdin_log (note text DEFAULT 'from stdin;');",
    "COMMENT ON TABLE stdin_log IS 'COPY x FROM stdin;';",
    'COPY t FROM stdin',
    ';',
    'row',
    '\\.',
    "SELECT 'stdin;\n', 1;",
    '',
  ].join('\n');
  const dir = makeFolder({ '001_tricky.sql': text });
  const { whole, pieces } = await bothWays(dir);
  expect(pieces).toEqual(whole);
  expect(whole[0].up!.map((s) => s.kind)).toEqual(['CreateStmt', 'CommentStmt', 'CopyStmt', 'SelectStmt']);
});

test('rows without their end-of-data line are refused naming the line', () => {
  const dir = makeFolder({ '001_cut.sql': 'CREATE TABLE t (a int);\nCOPY t FROM stdin;\n1\n2\n' });
  expect(() => discover(dir, 0)).toThrow(/001_cut\.sql:2: COPY … FROM stdin has no end-of-data line/);
});

test('a file larger than the size read whole is read in pieces by default (64 MiB)', () => {
  const dir = makeFolder({});
  const rows = `${'x'.repeat(1023)}\n`.repeat(65 * 1024);
  writeFileSync(join(dir, '001_big.sql'), `CREATE TABLE t (v text);\nCOPY t FROM stdin;\n${rows}\\.\n`);
  const [m] = discover(dir).migrations;
  expect(m.up.elided).toEqual([expect.objectContaining({ line: 2, lines: 65 * 1024, from: 44, to: 44 + rows.length })]);
  expect(m.up.sql).toBe('CREATE TABLE t (v text);\nCOPY t FROM stdin;\n\\.\n');
  expect(m.source).toBeUndefined();
  // Other tools' checksums are taken over the file whole: refused, saying why, rather than taken over part of it.
  expect(() => sourceOf(m, 'Flyway')).toThrow(
    /001_big\.sql: Flyway hashes the whole file, and pg-migration-gate reads a file over 64 MiB in pieces/,
  );
});

test('a block comment after the semicolon, and rows ending the file with \\.\\r: still left on disk, as read whole', async () => {
  const blocks = Array.from({ length: 3 }, (_, i) => `COPY t${i} FROM stdin; /* block ${i} */\n${i}\n\\.\n`).join('');
  const { whole, pieces } = await bothWays(makeFolder({ '001_c.sql': `${blocks}COPY last FROM stdin;\n9\n\\.\r` }));
  expect(pieces).toEqual(whole);
  const dir = makeFolder({ '001_c.sql': `${blocks}COPY last FROM stdin;\n9\n\\.\r` });
  expect(discover(dir, 0).migrations[0].up.elided).toHaveLength(4);
});

test('a syntax error before the rows: the rows after it are still left on disk, and the file is refused at the error', async () => {
  const dir = makeFolder({ '001_typo.sql': 'SELECT * FRM t;\nCOPY t FROM stdin;\n1\n\\.\n' });
  const [m] = discover(dir, 0).migrations;
  expect(m.up.elided).toHaveLength(1);
  await expect(parseScript(m.up)).rejects.toMatchObject({
    message: 'syntax error: syntax error at or near "FRM"',
    details: { location: { file: '001_typo.sql', line: 1, column: 10 } },
  });
});
