import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checksum } from '../../src/migrations/checksum.js';
import { discover } from '../../src/migrations/discover.js';
import { parseScript } from '../../src/migrations/parse.js';
import { executionPlan } from '../../src/migrations/transaction-mode.js';
import type { Migration, Script } from '../../src/model/migration.js';
import { example, fixture, makeFolder } from '../harness/folders.js';

const kindsAndLines = async (s: Script) => (await parseScript(s)).map((x) => [x.kind, x.location.line]);
const modeOf = async (m: Migration) => executionPlan(await parseScript(m.up), m.noTransactionDirective).mode;

/** Reads each statement back from the file on disk at the line and column it is reported at. */
async function expectStatementsAtTheirLines(dir: string, migrations: Migration[]) {
  for (const script of migrations.flatMap((m) => (m.down ? [m.up, m.down] : [m.up]))) {
    const lines = readFileSync(join(dir, script.file), 'utf8').split('\n');
    for (const s of await parseScript(script)) {
      const first = s.sql.split('\n')[0];
      const { line, column } = s.location;
      expect([script.file, line, lines[line - 1].slice(column - 1, column - 1 + first.length)]).toEqual([
        script.file,
        line,
        first,
      ]);
    }
  }
}

describe('Prisma: prisma/migrations/<timestamp>_<name>/migration.sql', () => {
  const dir = fixture('prisma');
  const d = discover(dir);

  test('one migration per folder, named and ordered as Prisma records them; migration_lock.toml is not read', () => {
    expect(d.layout).toBe('folder-migration-sql');
    expect(d.migrations.map((m) => [m.version.text, m.name, m.description])).toEqual([
      ['20240119143000', '20240119143000_init', 'init'],
      ['20240120091500', '20240120091500_add_book', 'add_book'],
      ['20240201120000', '20240201120000_index_book_title', 'index_book_title'],
    ]);
    expect(d.migrations[1].up).toMatchObject({ file: join('20240120091500_add_book', 'migration.sql'), startLine: 1 });
    expect(d.migrations.every((m) => m.down === undefined && !m.noTransactionDirective)).toBe(true);
  });

  test('the whole file is the up script, checksummed as written', () => {
    const text = readFileSync(join(dir, '20240119143000_init', 'migration.sql'), 'utf8');
    expect(d.migrations[0].up.sql).toBe(text);
    expect(d.migrations[0].checksum).toBe(checksum(text));
  });

  test('statements sit at their lines of migration.sql', async () => {
    expect(await kindsAndLines(d.migrations[1].up)).toEqual([
      ['CreateEnumStmt', 2],
      ['CreateStmt', 5],
      ['AlterTableStmt', 15],
    ]);
    await expectStatementsAtTheirLines(dir, d.migrations);
  });

  test('one transaction per file, as the one simple query Prisma sends; CONCURRENTLY runs outside', async () => {
    expect(await Promise.all(d.migrations.map(modeOf))).toEqual(['transaction', 'transaction', 'no-transaction']);
  });
});

describe('goose: <version>_<name>.sql with -- +goose annotations', () => {
  const dir = fixture('goose');
  const d = discover(dir);

  test('sequential and timestamped versions order as numbers', () => {
    expect(d.layout).toBe('single-file');
    expect(d.migrations.map((m) => m.version.text)).toEqual(['00001', '00002', '00003', '20240119143000']);
    expect(d.migrations[0].name).toBe('00001_create_accounts.sql');
  });

  test('-- +goose Up is the up script and -- +goose Down the down script, each at its lines', () => {
    const [accounts] = d.migrations;
    expect(accounts.up.startLine).toBe(2);
    expect(accounts.up.sql).toContain('CREATE TABLE accounts');
    expect(accounts.up.sql).not.toContain('DROP TABLE');
    expect(accounts.down).toMatchObject({ startLine: 9, sql: 'DROP TABLE accounts;\n' });
  });

  test('StatementBegin/End stay comments: a function body is one statement, lines unchanged', async () => {
    const touch = d.migrations[1];
    expect(await kindsAndLines(touch.up)).toEqual([
      ['CreateFunctionStmt', 3],
      ['CreateTrigStmt', 12],
    ]);
    expect(await kindsAndLines(touch.down!)).toEqual([
      ['DropStmt', 16],
      ['DropStmt', 18],
    ]);
    await expectStatementsAtTheirLines(dir, d.migrations);
  });

  test('-- +goose NO TRANSACTION runs the migration outside a transaction; the others run in one', async () => {
    expect(d.migrations.map((m) => m.noTransactionDirective)).toEqual([false, false, true, false]);
    expect(await Promise.all(d.migrations.map(modeOf))).toEqual([
      'transaction',
      'transaction',
      'no-transaction',
      'transaction',
    ]);
  });

  test('the checksum covers the up section only', () => {
    const text = readFileSync(join(dir, '00001_create_accounts.sql'), 'utf8');
    const edited = discover(
      makeFolder({
        '00001_create_accounts.sql': text.replace('DROP TABLE accounts;', 'DROP TABLE IF EXISTS accounts;'),
      }),
    );
    expect(edited.migrations[0].checksum).toBe(d.migrations[0].checksum);
  });
});

describe('Supabase: supabase/migrations/<timestamp>_<name>.sql', () => {
  const dir = fixture('supabase');
  const d = discover(dir);

  test('one file per migration: the whole file is the up script, with no down', () => {
    expect(d.layout).toBe('single-file');
    expect(d.migrations.map((m) => [m.version.text, m.name])).toEqual([
      ['20240119143000', '20240119143000_create_profiles.sql'],
      ['20240120101500', '20240120101500_profiles_policies.sql'],
    ]);
    expect(d.migrations.every((m) => m.up.startLine === 1 && m.down === undefined)).toBe(true);
  });

  test('statements at their lines, one transaction per file as the CLI batch runs it', async () => {
    expect(await kindsAndLines(d.migrations[1].up)).toEqual([
      ['CreatePolicyStmt', 1],
      ['IndexStmt', 5],
    ]);
    await expectStatementsAtTheirLines(dir, d.migrations);
    expect(await Promise.all(d.migrations.map(modeOf))).toEqual(['transaction', 'transaction']);
  });
});

describe('Drizzle: drizzle/<idx>_<name>.sql beside meta/', () => {
  const dir = fixture('drizzle');
  const d = discover(dir);

  test('numbered files in journal order; meta/ (journal, snapshots) is not read', () => {
    expect(d.layout).toBe('single-file');
    expect(d.migrations.map((m) => [m.version.text, m.name])).toEqual([
      ['0000', '0000_quiet_harbor.sql'],
      ['0001', '0001_bright_meadow.sql'],
    ]);
    expect(d.migrations.every((m) => m.down === undefined)).toBe(true);
  });

  test('--> statement-breakpoint is a comment, on its own line or after a statement', async () => {
    expect(await kindsAndLines(d.migrations[0].up)).toEqual([
      ['CreateStmt', 1],
      ['CreateStmt', 7],
      ['AlterTableStmt', 12],
      ['IndexStmt', 13],
    ]);
    expect(await kindsAndLines(d.migrations[1].up)).toEqual([
      ['AlterTableStmt', 1],
      ['IndexStmt', 2],
    ]);
    await expectStatementsAtTheirLines(dir, d.migrations);
    expect(await Promise.all(d.migrations.map(modeOf))).toEqual(['transaction', 'transaction']);
  });
});

describe('existing layouts keep their checksums', () => {
  const sums = (dir: string) =>
    Object.fromEntries(discover(dir).migrations.map((m) => [m.name, m.checksum.slice(7, 23)]));

  test('dbmate sections, -- ROLLBACK: lines and Flyway files', () => {
    expect(sums(fixture('dbmate'))).toEqual({
      '20151129054053_create_users.sql': '6e73c1ebf11e0a63',
      '20151129054100_users_email_index.sql': '0c6cbbecc1e1ef37',
    });
    expect(sums(example('timestamped'))).toEqual({
      '20240101_090000_create_users.sql': '2e1a11bd3fa70a2a',
      '20240119_143000_add_user_preferences_table.sql': '1de75f9e57557e63',
      '20240205_091500_add_class_bookings.sql': '9807734effced34e',
      '20240302_120000_index_bookings_by_start.sql': '49e09e0130f4c721',
    });
    expect(sums(example('numbered'))).toEqual({
      '001_initial_schema.sql': '26af41b10796c70b',
      '002_add_user_preferences.sql': '2ea88d03e92050c3',
      '003_add_ticket_escalation.sql': '4de1260d2272173e',
    });
    expect(sums(fixture('flyway'))).toEqual({
      'V1__init.sql': 'bb066a1a443f3576',
      'V1.1__add_person_email.sql': '4a8a5dc6c3924508',
      'V1.10__add_person_phone.sql': '340bebf933c73287',
      'V2__seed_people.sql': 'fd975b905e363f4a',
    });
  });
});
