import { join } from 'node:path';
import { InputError } from '../../src/foundation/errors.js';
import { discover } from '../../src/migrations/discover.js';
import { makeFolder } from '../harness/folders.js';

function problemsOf(files: Record<string, string>): string[] {
  try {
    discover(makeFolder(files));
  } catch (err) {
    if (err instanceof InputError) return err.problems;
    throw err;
  }
  throw new Error('expected an InputError');
}

const goose = (body: string) => problemsOf({ '00001_a.sql': body });

describe('goose annotations that goose itself refuses, or that would change what runs, stop the run', () => {
  test('an unknown annotation: a misspelt NO TRANSACTION must not quietly run in a transaction', () => {
    expect(goose('-- +goose NO TRANSACTIONS\n-- +goose Up\nselect 1;\n')).toEqual([
      "00001_a.sql:1: '-- +goose NO TRANSACTIONS' is not a goose annotation (Up, Down, StatementBegin, StatementEnd, NO TRANSACTION); correct or remove it",
    ]);
  });

  test('ENVSUB ON: we run the SQL as written', () => {
    expect(goose('-- +goose Up\n-- +goose ENVSUB ON\nselect 1;\n')[0]).toMatch(
      /^00001_a\.sql:2: '-- \+goose ENVSUB ON' substitutes environment variables/,
    );
  });

  test('StatementBegin and StatementEnd that do not pair up', () => {
    expect(goose('-- +goose Up\n-- +goose StatementBegin\nselect 1;\n')[0]).toMatch(
      /^00001_a\.sql:2: '-- \+goose StatementBegin' without a StatementEnd/,
    );
    expect(goose('-- +goose Up\nselect 1;\n-- +goose StatementEnd\n')[0]).toMatch(
      /^00001_a\.sql:3: '-- \+goose StatementEnd' without a StatementBegin/,
    );
    expect(goose('-- +goose StatementBegin\nselect 1;\n-- +goose StatementEnd\n-- +goose Up\n')[0]).toMatch(
      /^00001_a\.sql:1: .*above '-- \+goose Up'/,
    );
    expect(goose('-- +goose Up\n-- +goose StatementBegin\nselect 1;\n-- +goose Down\n')[0]).toMatch(
      /^00001_a\.sql:4: '-- \+goose Down' inside the StatementBegin of line 2/,
    );
  });

  test('Down before Up, or a second Up', () => {
    expect(goose('-- +goose Down\nselect 1;\n-- +goose Up\nselect 2;\n')).toEqual([
      "00001_a.sql:1: '-- +goose Down' needs a '-- +goose Up' marker before it; add '-- +goose Up' above the up script",
    ]);
    expect(goose('-- +goose Up\nselect 1;\n-- +goose Up\n')).toEqual([
      "00001_a.sql:3: a second '-- +goose Up' marker; keep exactly one",
    ]);
  });

  test('annotations are read as goose reads them: any case, any spacing after --', () => {
    const d = discover(
      makeFolder({ '00001_a.sql': '--+goose no transaction\n--  +goose up\nselect 1;\n-- +goose DOWN\nselect 2;\n' }),
    );
    expect(d.migrations[0]).toMatchObject({
      noTransactionDirective: true,
      up: { startLine: 3 },
      down: { startLine: 5 },
    });
  });

  test('a comment that only mentions goose is not an annotation', () => {
    const d = discover(makeFolder({ '001_a.sql': '-- ported from a +goose migration\nselect 1;\n' }));
    expect(d.migrations[0].up.startLine).toBe(1);
  });

  test("goose's Go migrations cannot run here and are named; its _test.go files and other files are not", () => {
    expect(
      problemsOf({
        '00001_a.sql': '-- +goose Up\nselect 1;\n',
        '00002_backfill.go': 'package migrations',
        '00002_backfill_test.go': '',
        'main.go': '',
      }),
    ).toEqual([
      '00002_backfill.go: a goose Go migration, which this tool cannot run; rewrite it as 00002_backfill.sql or move it out of the folder',
    ]);
  });
});

describe('section markers, whichever tool wrote them', () => {
  test('SQL above the up marker would never run: refused, as dbmate and goose refuse it', () => {
    expect(goose('-- header comment\n\nselect 0;\n-- +goose Up\nselect 1;\n')).toEqual([
      "00001_a.sql:3: SQL above '-- +goose Up' would never run; move it below the marker or delete it",
    ]);
    expect(problemsOf({ '1_a.sql': "create type t as enum ('a');\n-- migrate:up\nselect 1;\n" })).toEqual([
      "1_a.sql:1: SQL above '-- migrate:up' would never run; move it below the marker or delete it",
    ]);
  });

  test("node-pg-migrate's section lines are its own lines, not any comment that mentions a down migration", () => {
    const { migrations } = discover(
      makeFolder({
        '1_a.sql': '-- Up Migration\nselect 1;\n-- Down Migration\nselect 2;\n',
        '2_b.sql': 'select 3;\n-- down migration is done by hand\nselect 4;\n',
      }),
    );
    expect(migrations.map((m) => [m.up.sql.trim(), m.down?.sql.trim()])).toEqual([
      ['select 1;', 'select 2;'],
      ['select 3;\n-- down migration is done by hand\nselect 4;', undefined],
    ]);
  });

  test("one file uses one tool's markers", () => {
    expect(problemsOf({ '1_a.sql': '-- +goose Up\nselect 1;\n-- migrate:down\nselect 2;\n' })).toEqual([
      "1_a.sql: mixes '-- migrate:up' and '-- +goose Up' section markers; keep one convention",
    ]);
    expect(problemsOf({ '1_a.sql': '-- Up Migration\nselect 1;\n-- migrate:down\nselect 2;\n' })).toEqual([
      "1_a.sql: mixes '-- migrate:up' and '-- Up Migration' section markers; keep one convention",
    ]);
  });

  test('our own -- migrate:no-transaction works in a goose file too', () => {
    const d = discover(makeFolder({ '00001_a.sql': '-- migrate:no-transaction\n-- +goose Up\nselect 1;\n' }));
    expect(d.migrations[0].noTransactionDirective).toBe(true);
  });
});

describe('folders holding migration.sql', () => {
  test("drizzle-kit's folder per migration (migration.sql + snapshot.json) is the Prisma layout", () => {
    const d = discover(
      makeFolder({
        '20240119143000_quiet_harbor/migration.sql': 'CREATE TABLE "lanterns" ("id" serial PRIMARY KEY NOT NULL);\n',
        '20240119143000_quiet_harbor/snapshot.json': '{}',
        '20240120101500_bright_meadow/migration.sql': 'ALTER TABLE "lanterns" ADD COLUMN "label" text;\n',
        '20240120101500_bright_meadow/snapshot.json': '{}',
      }),
    );
    expect(d.layout).toBe('folder-migration-sql');
    expect(d.migrations.map((m) => m.up.file)).toEqual([
      join('20240119143000_quiet_harbor', 'migration.sql'),
      join('20240120101500_bright_meadow', 'migration.sql'),
    ]);
  });

  test('a folder with both migration.sql and up.sql, or with neither', () => {
    expect(problemsOf({ '20240119143000_a/migration.sql': '', '20240119143000_a/up.sql': '' })).toEqual([
      '20240119143000_a/: has both migration.sql and up.sql; keep the one your tool runs',
    ]);
    expect(problemsOf({ '20240119143000_a/notes.txt': '' })[0]).toMatch(
      /^20240119143000_a\/: looks like a migration folder but has no up\.sql or migration\.sql/,
    );
  });

  test('Prisma folders and up.sql folders do not mix', () => {
    const p = problemsOf({ '20240119143000_a/migration.sql': '', '20240120101500_b/up.sql': '' });
    expect(p.join('\n')).toMatch(/mixes migration layouts: folder-migration-sql .* and folder-per-migration/);
  });
});
