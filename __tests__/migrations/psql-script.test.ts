import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { chooseTool } from '../../src/backup/pg-tools.js';
import { toolConnection } from '../../src/backup/tool-connection.js';
import { MigrationError } from '../../src/foundation/errors.js';
import { relationOf } from '../../src/migrations/ast-node.js';
import { parsePsqlScript, parseScript, type Statement } from '../../src/migrations/parse.js';
import { withPgDump } from '../harness/backup-tools.js';
import { scratchDb } from '../harness/db.js';

const script = (sql: string, startLine = 1) => ({ file: 'm.sql', sql, startLine });
const parse = (sql: string) => parseScript(script(sql));
const lines = (...l: string[]) => l.map((x) => `${x}\n`).join('');
const shape = (s: Statement[]) => s.map((x) => [x.kind, x.location.line, x.location.column]);

async function refusal(sql: string): Promise<MigrationError> {
  const err = await parse(sql).catch((e) => e);
  if (err instanceof MigrationError) return err;
  throw new Error(`expected a MigrationError, got ${err instanceof Error ? err.message : JSON.stringify(err)}`);
}

describe('COPY … FROM stdin rows', () => {
  test('carry tricky data exactly as psql sends it, and what follows keeps its lines', async () => {
    const rows = lines(
      "1\tO'Brien\ttab\\there",
      '\\N\t"quoted"\t$$not a body',
      '\\\\server\\share\t-- not a comment\t/* nor this',
      "3\t'\t;",
    );
    const s = await parse(
      lines('COPY people (id, name, note) FROM stdin;') + rows + lines('\\.', '', 'CREATE TABLE after (id int);'),
    );
    expect(shape(s)).toEqual([
      ['CopyStmt', 1, 1],
      ['CreateStmt', 8, 1],
    ]);
    expect(s[0].copyData).toBe(rows);
    expect(s[0].sql).toBe('COPY people (id, name, note) FROM stdin');
    expect(s[1].sql).toBe('CREATE TABLE after (id int)');
  });

  test('an empty block, several blocks, and statements between them', async () => {
    const s = await parse(
      lines(
        'SET client_encoding = x;',
        'COPY a FROM stdin;',
        '\\.',
        'COPY b (x) FROM STDIN WITH (FORMAT csv);',
        '1,"a,b"',
        '\\.',
        "SELECT setval('s', 2);",
        'COPY c FROM stdin;',
        'x',
        '\\.',
        'ANALYZE c;',
      ),
    );
    expect(shape(s)).toEqual([
      ['VariableSetStmt', 1, 1],
      ['CopyStmt', 2, 1],
      ['CopyStmt', 4, 1],
      ['SelectStmt', 7, 1],
      ['CopyStmt', 8, 1],
      ['VacuumStmt', 11, 1],
    ]);
    expect(s.map((x) => x.copyData)).toEqual([undefined, '', '1,"a,b"\n', undefined, 'x\n', undefined]);
  });

  test('rows that happen to parse as SQL are still rows', async () => {
    const s = await parse(lines('COPY t FROM stdin;', 'select 1;', 'create', '\\.', 'SELECT 2;'));
    expect(s.map((x) => [x.kind, x.copyData])).toEqual([
      ['CopyStmt', 'select 1;\ncreate\n'],
      ['SelectStmt', undefined],
    ]);
  });

  test('CRLF line endings: rows keep them, as psql sends them, and \\.\\r ends the block', async () => {
    const s = await parse('COPY t FROM stdin;\r\n1\ta\r\n2\tb\r\n\\.\r\nSELECT 1;\r\n');
    expect(s.map((x) => x.copyData)).toEqual(['1\ta\r\n2\tb\r\n', undefined]);
    expect(s[1].location.line).toBe(5);
  });

  test('COPY … FROM a file and COPY … TO STDOUT read no rows', async () => {
    const s = await parse(lines("COPY t FROM '/tmp/x';", 'COPY t TO STDOUT;', 'SELECT 1;'));
    expect(s.map((x) => x.copyData)).toEqual([undefined, undefined, undefined]);
  });

  test('rows without their end-of-data line are refused at the COPY', async () => {
    const err = await refusal(lines('SELECT 1;', 'COPY t FROM stdin;', '1\ta', '2\tb'));
    expect(err.message).toBe('COPY … FROM stdin has no end-of-data line (a line holding only \\.)');
    expect(err.details.location).toEqual({ file: 'm.sql', line: 2, column: 1 });
    expect((await refusal('COPY t FROM stdin;')).details.location?.line).toBe(1);
  });

  test('a \\. line not alone on its line is a row', async () => {
    const err = await refusal(lines('COPY t FROM stdin;', '\\. x', '\\.x'));
    expect(err.message).toMatch(/no end-of-data line/);
  });

  test('non-ASCII text before and inside a block keeps later lines, columns and text right', async () => {
    const s = await parse(
      lines(
        '-- données: ü',
        "INSERT INTO é VALUES ('ß😀');",
        'COPY é FROM stdin;',
        'Zoë\t😀',
        '\\.',
        "  UPDATE é SET v = 'ñ' WHERE x;",
      ),
    );
    expect(shape(s)).toEqual([
      ['InsertStmt', 2, 1],
      ['CopyStmt', 3, 1],
      ['UpdateStmt', 6, 3],
    ]);
    expect(s[1].copyData).toBe('Zoë\t😀\n');
    expect(s[2].sql).toBe("UPDATE é SET v = 'ñ' WHERE x");
  });

  test('a syntax error after a block is reported at its own line', async () => {
    const err = await refusal(lines('COPY t FROM stdin;', "O'Brien", '\\.', 'SELECT 1;', '', 'SELECT * FRM t;'));
    expect(err.message).toBe('syntax error: syntax error at or near "FRM"');
    expect(err.details.location).toEqual({ file: 'm.sql', line: 6, column: 10 });
  });

  test('offsets count from the file, in sections that start further down', async () => {
    const text = lines('COPY t FROM stdin;', 'ä', '\\.', 'SELECT 1;');
    const s = await parseScript(script(text, 10));
    expect(s[1].location.line).toBe(13);
    expect(text.slice(s[1].offset, s[1].offset + s[1].sql.length)).toBe('SELECT 1');
  });

  test('the SQL-only text blanks rows and meta-commands and keeps every line', async () => {
    const text = lines('\\restrict k', 'COPY t FROM stdin;', 'a very long row', '\\.', 'SELECT 1;');
    const { sql } = await parsePsqlScript(script(text));
    expect(sql.split('\n')).toEqual(['           ', 'COPY t FROM stdin;', '               ', '  ', 'SELECT 1;', '']);
  });
});

describe('large files', () => {
  /** Plain SQL whose functions, strings and comments run across many lines, some starting with a backslash. */
  const body = (n: number) =>
    Array.from({ length: n }, (_, i) =>
      lines(
        `CREATE FUNCTION f${i}() RETURNS text LANGUAGE plpgsql AS $$`,
        ...Array.from({ length: 40 }, () => "  -- \\N in a body\n  PERFORM 'x';"),
        '\\i not a command here',
        `BEGIN RETURN 'a`,
        "\\b';",
        'END $$;',
        '/* a comment',
        '\\connect not a command either */',
        `CREATE TABLE t${i} (id bigint, note varchar(${i + 1}) DEFAULT 'multi`,
        `line');`,
      ),
    ).join('');

  test('read a window at a time, give the same statements, offsets and AST locations as one parse', async () => {
    const sql = body(400);
    expect(sql.length).toBeGreaterThan(500_000);
    const copy = lines('COPY t FROM stdin;', 'x', '\\.');
    const alone = await parse(sql);
    const after = await parse(copy + sql);
    expect(
      after.slice(1).map((x) => [x.kind, x.sql, x.location.line - 3, x.location.column, x.offset - copy.length]),
    ).toEqual(alone.map((x) => [x.kind, x.sql, x.location.line, x.location.column, x.offset]));
    // every location inside a statement's AST points into that statement's own text
    const locations = (n: unknown): number[] =>
      Array.isArray(n)
        ? n.flatMap(locations)
        : n && typeof n === 'object'
          ? Object.entries(n).flatMap(([k, v]) => (k === 'location' && typeof v === 'number' ? [v] : locations(v)))
          : [];
    for (const x of after.slice(1)) {
      for (const l of locations(x.node)) expect(l - x.offset >= 0 && l - x.offset < x.sql.length).toBe(true);
    }
  });

  test('a syntax error far into a large file, after a COPY block, is reported at its line', async () => {
    const head = lines('COPY t FROM stdin;', 'x', '\\.') + body(300);
    const err = await refusal(head + lines('SELECT 1;', 'SELEC 2;'));
    expect(err.message).toBe('syntax error: syntax error at or near "SELEC"');
    expect(err.details.location).toEqual({ file: 'm.sql', line: head.split('\n').length + 1, column: 1 });
  });
});

describe('psql meta-commands', () => {
  test('a file without them parses as plain SQL', async () => {
    const s = await parse("SELECT 'a\\b';\nSELECT E'\\\\';");
    expect(s.map((x) => x.sql)).toEqual(["SELECT 'a\\b'", "SELECT E'\\\\'"]);
  });

  test('a backslash line inside a dollar-quoted body is SQL, untouched', async () => {
    const body = lines('CREATE FUNCTION f() RETURNS text LANGUAGE sql AS $$', '\\i /etc/passwd', "SELECT 'x'", '$$;');
    const s = await parse(body + 'SELECT f();');
    expect(shape(s)).toEqual([
      ['CreateFunctionStmt', 1, 1],
      ['SelectStmt', 5, 1],
    ]);
    expect(s[0].sql).toBe(body.slice(0, body.lastIndexOf(';')));
  });

  test('\\restrict and \\unrestrict are read and leave no statement', async () => {
    const s = await parse(lines('\\restrict abc123', 'SET x = 1;', '  \\unrestrict abc123', 'SELECT 1;'));
    expect(shape(s)).toEqual([
      ['VariableSetStmt', 2, 1],
      ['SelectStmt', 4, 1],
    ]);
  });

  test("\\restrict mode refuses other meta-commands, and \\unrestrict needs the same key, as psql's", async () => {
    const inMode = await refusal(lines('\\restrict abc', '\\connect other'));
    expect(inMode.message).toBe('psql refuses \\connect in restricted mode (\\restrict at line 1)');
    expect(inMode.details.location?.line).toBe(2);
    expect((await refusal(lines('\\restrict abc', '\\unrestrict xyz'))).message).toMatch(
      /^\\unrestrict with no \\restrict of the same key/,
    );
    expect((await refusal('\\unrestrict abc\n')).message).toMatch(/^\\unrestrict with no \\restrict/);
  });

  test.each(['on', 'ON', '1', 'true', 't', 'yes', "'on'"])(
    '\\set ON_ERROR_STOP %s is read and leaves no statement',
    async (value) => {
      expect(shape(await parse(lines(`\\set ON_ERROR_STOP ${value}`, 'SELECT 1;')))).toEqual([['SelectStmt', 2, 1]]);
    },
  );

  test('\\set ON_ERROR_STOP off, a value psql rejects, or another variable are refused', async () => {
    expect((await refusal('\\set ON_ERROR_STOP off\n')).message).toBe(
      '\\set ON_ERROR_STOP off is not run by pg-migration-gate: it always stops at the first error',
    );
    expect((await refusal('\\set ON_ERROR_STOP o\n')).message).toBe(
      "\\set ON_ERROR_STOP 'o': psql rejects the value and stops",
    );
    const other = await refusal(lines('SELECT 1;', '\\set AUTOCOMMIT off'));
    expect(other.message).toBe('psql meta-command \\set AUTOCOMMIT is not run by pg-migration-gate');
    expect(other.details.location?.line).toBe(2);
  });

  test.each([
    ['\\connect', {}],
    ['\\c', {}],
    ['\\connect -', {}],
    ['\\connect appdb', { database: 'appdb' }],
    ['\\c - migrator', { user: 'migrator' }],
    ['\\connect appdb migrator - -', { database: 'appdb', user: 'migrator' }],
    ['\\connect "Odd DB"', { database: 'Odd DB' }],
    ['\\connect "-"', { database: '-' }],
    ['\\connect -reuse-previous=on "dbname=\'odd name\'"', { database: 'odd name' }],
    ["\\connect 'dbname=appdb user=bob'", { database: 'appdb', user: 'bob' }],
    ['\\connect postgresql:///appdb?user=bob', { database: 'appdb', user: 'bob' }],
  ])('%s is a PsqlConnect statement', async (line, target) => {
    const s = await parse(lines('SELECT 1;', line, 'SELECT 2;'));
    expect(shape(s)).toEqual([
      ['SelectStmt', 1, 1],
      ['PsqlConnect', 2, 1],
      ['SelectStmt', 3, 1],
    ]);
    expect(s[1].sql).toBe(line);
    expect(s[1].node).toEqual({ database: undefined, user: undefined, ...target });
  });

  test('\\connect to another server is refused', async () => {
    expect((await refusal('\\connect appdb bob db.example.com 5432\n')).message).toBe(
      '\\connect to another server (host, port) is not run by pg-migration-gate',
    );
    expect((await refusal('\\connect postgresql://bob@db.example.com/appdb\n')).message).toMatch(
      /another server \(host\)/,
    );
    expect((await refusal('\\connect :target\n')).message).toMatch(/psql variables/);
  });

  test.each([
    ['\\i other.sql', '\\i', 'inline the included file or make it a migration of its own'],
    ['\\ir ../x.sql', '\\ir', 'inline the included file or make it a migration of its own'],
    ['\\include x.sql', '\\include', 'inline the included file or make it a migration of its own'],
    ["\\copy t from 'data.csv' csv", '\\copy', 'load the data with COPY … FROM stdin inline, or in a seed step'],
    ['\\! rm -rf /', '\\!', undefined],
    ['\\o /tmp/out', '\\o', undefined],
    ['\\if :x', '\\if', undefined],
    ['\\echo hello', '\\echo', undefined],
    [
      '\\.',
      '\\.',
      'a line holding only \\. ends the rows of a COPY … FROM stdin, and no COPY is reading rows here; remove it',
    ],
  ])('%s is refused at its line, naming the command', async (line, command, hint) => {
    const err = await refusal(lines('SELECT 1;', '', `  ${line}`, 'SELECT 2;'));
    expect(err.message).toBe(`psql meta-command ${command} is not run by pg-migration-gate`);
    expect(err.details.location).toEqual({ file: 'm.sql', line: 3, column: 3 });
    expect(err.details.hint).toBe(
      hint ??
        'psql meta-commands other than \\restrict, \\unrestrict, \\connect to the same database and \\set ON_ERROR_STOP are not run by pg-migration-gate; remove it',
    );
  });

  test('a meta-command in the middle of a statement is refused by name', async () => {
    const gexec = await refusal("SELECT 'x' \\gexec\n");
    expect(gexec.message).toBe('psql meta-command \\gexec is not run by pg-migration-gate');
    expect(gexec.details.location).toEqual({ file: 'm.sql', line: 1, column: 12 });
    const g = await refusal(lines('SELECT 1;', 'SELECT 2', '\\g'));
    expect(g.message).toBe('psql meta-command \\g is not run by pg-migration-gate');
    expect(g.details.location?.line).toBe(3);
    const inside = await refusal(lines('CREATE TABLE t (', '\\connect x', 'id int);'));
    expect(inside.message).toBe('psql meta-command \\connect in the middle of a statement');
    expect(inside.details.location?.line).toBe(2);
  });

  test('a statement after COPY … FROM stdin on its own line is refused', async () => {
    const err = await refusal(lines('COPY t FROM stdin; SELECT 1;', 'a', '\\.'));
    expect(err.message).toBe('a statement after COPY … FROM stdin on the same line');
  });
});

describe('a real pg_dump plain-format file', () => {
  withPgDump.test('parses into its statements, every COPY carrying its rows', async () => {
    const db = await scratchDb();
    try {
      await db.query(`
        CREATE SCHEMA app;
        CREATE TABLE app.people (id bigint PRIMARY KEY, name text, note text);
        CREATE TABLE app.empty (id int);
        CREATE FUNCTION app.greet(who text) RETURNS text LANGUAGE plpgsql AS $$
        BEGIN
          RETURN 'hello ' || who || E'\\n';
        END $$;
        INSERT INTO app.people VALUES (1, 'O''Brien', E'tab\\there'), (2, NULL, E'two\\nlines'), (3, '\\N', E'back\\\\slash'), (4, 'Zoë', '');
      `);
      const major = Math.floor(Number((await db.query('SHOW server_version_num')).rows[0].server_version_num) / 10000);
      const pgDump = await chooseTool('pg_dump', major);
      const { dbnameArg, env } = toolConnection(db.url, pgDump);
      const dumpOf = async (...args: string[]) =>
        (await promisify(execFile)(pgDump.path, ['--no-owner', '-Fp', ...args, dbnameArg], { env })).stdout;
      const dump = await dumpOf();

      const s = await parse(dump);
      const copies = s.filter((x) => x.kind === 'CopyStmt');
      expect(copies.map((c) => relationOf(c)?.relname).sort()).toEqual(['empty', 'people']);
      const people = copies.find((c) => relationOf(c)?.relname === 'people')!;
      expect(people.copyData).toBe("1\tO'Brien\ttab\\there\n2\t\\N\ttwo\\nlines\n3\t\\\\N\tback\\\\slash\n4\tZoë\t\n");
      expect(copies.find((c) => relationOf(c)?.relname === 'empty')!.copyData).toBe('');
      expect(s.some((x) => x.kind === 'CreateFunctionStmt' && x.sql.includes("RETURN 'hello '"))).toBe(true);
      expect(s.some((x) => x.kind === 'PsqlConnect')).toBe(false);
      // every statement's text is where its location says, in the dump as written
      const dumpLines = dump.split('\n');
      for (const x of s)
        expect(dumpLines[x.location.line - 1].slice(x.location.column - 1).startsWith(x.sql.split('\n')[0])).toBe(true);

      // --create adds CREATE DATABASE and a \connect to it (between \unrestrict and \restrict in current pg_dump)
      const created = await parse(await dumpOf('--create'));
      expect(created.filter((x) => x.kind === 'PsqlConnect').map((x) => x.node)).toEqual([{ database: db.name }]);
      expect(created.filter((x) => x.kind === 'CopyStmt').map((c) => c.copyData)).toEqual(
        copies.map((c) => c.copyData),
      );
    } finally {
      await db.drop();
    }
  });
});
