import { symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { loadParser } from '../../src/migrations/parse.js';
import { join } from 'node:path';
import { InputError } from '../../src/foundation/errors.js';
import { discover } from '../../src/migrations/discover.js';
import { checksum } from '../../src/migrations/checksum.js';
import { example, fixture, makeFolder } from '../harness/folders.js';

const versions = (dir: string) => discover(dir).migrations.map((m) => m.version.text);

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof InputError) return err.problems;
    throw err;
  }
  throw new Error('expected an InputError');
}

describe('discover: layouts', () => {
  test('one file per migration, timestamped (the YogaStudio runbook)', () => {
    const d = discover(example('timestamped'));
    expect(d.layout).toBe('single-file');
    expect(d.migrations.map((m) => m.name)).toEqual([
      '20240101_090000_create_users.sql',
      '20240119_143000_add_user_preferences_table.sql',
      '20240205_091500_add_class_bookings.sql',
      '20240302_120000_index_bookings_by_start.sql',
    ]);
    expect(d.migrations[1].description).toBe('add_user_preferences_table');
    expect(d.migrations[1].down?.sql).toContain('DROP TABLE IF EXISTS user_preferences');
    expect(d.migrations[1].up.sql).not.toContain('DROP TABLE');
  });

  test('numbered files with -- ROLLBACK: lines (the numbered runbook)', () => {
    const d = discover(example('numbered'));
    expect(d.migrations.map((m) => m.version.text)).toEqual(['001', '002', '003']);
    const down = d.migrations[0].down!;
    expect(down.sql.trim().split('\n')).toEqual([
      'DROP TABLE IF EXISTS tickets;',
      'DROP TABLE IF EXISTS conversations;',
      'DROP TABLE IF EXISTS users;',
    ]);
    expect(down.startLine).toBe(32);
  });

  test('up/down pairs with dotted tags, ordered as numbers (9 before 10)', () => {
    const d = discover(fixture('up-down-pairs'));
    expect(d.layout).toBe('up-down-files');
    expect(d.migrations.map((m) => m.version.text)).toEqual(['1', '2', '9', '10']);
    const identities = d.migrations[1];
    expect(identities.name).toBe('2_create_identities.postgres');
    expect(identities.description).toBe('create_identities.postgres');
    expect(identities.down?.file).toBe('2_create_identities.postgres.down.sql');
    expect(d.migrations[2].noTransactionDirective).toBe(true);
  });

  test('one folder per migration (diesel)', () => {
    const d = discover(fixture('folder-per-migration'));
    expect(d.layout).toBe('folder-per-migration');
    expect(d.migrations.map((m) => m.version.text)).toEqual([
      '00000000000000',
      '2019-02-26-002946',
      '2019-03-01-101500',
    ]);
    expect(d.migrations[1].up.file).toBe(join('2019-02-26-002946_create_posts', 'up.sql'));
    expect(d.migrations[1].down?.file).toBe(join('2019-02-26-002946_create_posts', 'down.sql'));
  });

  test("Flyway's V<version>__ files: dotted versions by segment (1.1 < 1.10 < 2), U files as downs", () => {
    const d = discover(fixture('flyway'));
    expect(d.layout).toBe('flyway');
    expect(d.migrations.map((m) => m.version.text)).toEqual(['1', '1.1', '1.10', '2']);
    expect(d.migrations[3].down?.file).toBe('U2__seed_people.sql');
  });

  test("dbmate's -- migrate:up / -- migrate:down with transaction:false", () => {
    const d = discover(fixture('dbmate'));
    expect(d.migrations[0].up.startLine).toBe(2);
    expect(d.migrations[0].down?.sql.trim()).toBe('drop table users;');
    expect(d.migrations[1].noTransactionDirective).toBe(true);
  });

  test('versions of any length compare as numbers, never as strings', () => {
    const dir = makeFolder({
      '20191100000001000000_identities.postgres.up.sql': 'select 1;',
      '3_small.up.sql': 'select 1;',
      '20191100000000999999_before.up.sql': 'select 1;',
    });
    expect(versions(dir)).toEqual(['3', '20191100000000999999', '20191100000001000000']);
  });

  test('YYYYMMDD_HHMMSS and YYYYMMDDHHMMSS order together', () => {
    const dir = makeFolder({ '20240119143001_b.sql': '', '20240119_143000_a.sql': '', '20240119_143002_c.sql': '' });
    expect(versions(dir)).toEqual(['20240119_143000', '20240119143001', '20240119_143002']);
  });

  test('an empty migration is a valid no-op', () => {
    const d = discover(makeFolder({ '001_nothing.sql': '' }));
    expect(d.migrations).toHaveLength(1);
    expect(d.migrations[0].up.sql).toBe('');
  });

  test('an empty folder has no migrations', () => {
    expect(discover(makeFolder({})).layout).toBe('empty');
  });
});

describe('discover: errors name the files and the fix', () => {
  test('duplicate versions', () => {
    const p = problemsOf(() => discover(makeFolder({ '001_a.sql': '', '1_b.sql': '' })));
    expect(p).toHaveLength(1);
    expect(p[0]).toMatch(/duplicate version 1: 001_a\.sql and 1_b\.sql; give one of them a new, later version/);
  });

  test('a name that matches no layout', () => {
    const p = problemsOf(() => discover(makeFolder({ '001_ok.sql': '', 'add_users.sql': '' })));
    expect(p[0]).toMatch(
      /^add_users\.sql: matches no migration naming layout; rename it to <version>_<description>\.sql/,
    );
  });

  test('a folder mixing layouts', () => {
    const p = problemsOf(() => discover(makeFolder({ '001_a.sql': '', '002_b.up.sql': '', '002_b.down.sql': '' })));
    expect(p.join('\n')).toMatch(/mixes migration layouts: .*single-file \(001_a\.sql\).*up-down-files/);
  });

  test('a down script without its up script', () => {
    const p = problemsOf(() => discover(makeFolder({ '1_a.up.sql': '', '2_b.down.sql': '' })));
    expect(p).toEqual(['2_b.down.sql: a down script without its up script; add the matching up script or remove it']);
  });

  test('every problem is reported at once', () => {
    const p = problemsOf(() => discover(makeFolder({ 'x.sql': '', 'y.sql': '', '1_a.sql': '', '01_b.sql': '' })));
    expect(p).toHaveLength(3);
  });

  test('a missing folder', () => {
    const p = problemsOf(() => discover('/nonexistent/migrations'));
    expect(p[0]).toMatch(/migrations folder '\/nonexistent\/migrations' does not exist; set migrations-dir/);
  });

  test('-- migrate:down without -- migrate:up', () => {
    const p = problemsOf(() => discover(makeFolder({ '1_a.sql': 'select 1;\n-- migrate:down\nselect 2;\n' })));
    expect(p[0]).toMatch(/^1_a\.sql:2: '-- migrate:down' needs a '-- migrate:up' marker before it/);
  });

  test('a symlink leading outside the folder', () => {
    const outside = makeFolder({ 'secret.sql': 'select 1;' });
    const dir = makeFolder({});
    symlinkSync(join(outside, 'secret.sql'), join(dir, '001_link.sql'));
    const p = problemsOf(() => discover(dir));
    expect(p[0]).toMatch(/^001_link\.sql: is a link to .*outside the migrations folder/);
  });

  test('bytes that are not UTF-8', () => {
    const dir = makeFolder({});
    writeFileSync(
      join(dir, '001_latin1.sql'),
      Buffer.from([0x73, 0x65, 0x6c, 0x65, 0x63, 0x74, 0x20, 0x27, 0xe9, 0x27, 0x3b]),
    );
    expect(problemsOf(() => discover(dir))[0]).toMatch(/^001_latin1\.sql: is not valid UTF-8/);
  });

  test('SQL longer than a string can hold is refused naming that limit, not its encoding', async () => {
    await loadParser();
    const dir = makeFolder({});
    const file = join(dir, '001_huge.sql');
    writeFileSync(file, 'select 1;\n');
    truncateSync(file, 551_550_976); // a sparse file: 526 MiB of ASCII (NUL bytes) on one line, more than 2^29 - 24 characters
    expect(problemsOf(() => discover(dir))[0]).toMatch(
      /^001_huge\.sql: has a line of more than 536,870,888 bytes, more than a JavaScript string can hold; break it into lines/,
    );
  });
});

describe('checksum', () => {
  test('is sha256 with its algorithm, equal for CRLF and LF', () => {
    const lf = checksum('create table a (id int);\nselect 1;\n');
    expect(lf).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(checksum('create table a (id int);\r\nselect 1;\r\n')).toBe(lf);
    expect(checksum('create table a (id int);\nselect 2;\n')).not.toBe(lf);
  });

  test('a CRLF checkout of a folder gives the same checksums', () => {
    const lf = discover(makeFolder({ '001_a.sql': 'select 1;\nselect 2;\n' }));
    const crlf = discover(makeFolder({ '001_a.sql': 'select 1;\r\nselect 2;\r\n' }));
    expect(crlf.migrations[0].checksum).toBe(lf.migrations[0].checksum);
  });

  test('covers the up script only: editing the down section does not change it', () => {
    const a = discover(makeFolder({ '1_a.sql': '-- migrate:up\nselect 1;\n-- migrate:down\nselect 2;\n' }));
    const b = discover(makeFolder({ '1_a.sql': '-- migrate:up\nselect 1;\n-- migrate:down\nselect 3;\n' }));
    expect(a.migrations[0].checksum).toBe(b.migrations[0].checksum);
  });
});
