import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { applyMigrations } from '../../src/engine/pipeline.js';
import { readMetadata } from '../../src/backup/metadata.js';
import { backup } from '../../src/commands/backup.js';
import { restore } from '../../src/commands/restore.js';
import type { RawConfig } from '../../src/config/inputs-spec.js';
import { silentLogger } from '../../src/foundation/logger.js';
import { withPgDump } from '../harness/backup-tools.js';
import { testConfig } from '../harness/config.js';
import { tableChecksums } from '../harness/data.js';
import { queryAt } from '../harness/db.js';
import { makeFolder } from '../harness/folders.js';
import { quietDatabasePerTest } from './quiet-server.js';

// Changes that move no write counter: another session's index, dropped column, GRANT, new owner, comment, TRUNCATE
// and sequence advance since the backup. A restore would undo each; the guard names it and refuses, changing
// nothing, unless told to discard it. On a server of its own with autovacuum on, as busy servers run.
const { db, server } = quietDatabasePerTest();

const ctx = () => ({ databaseUrl: db.url, log: silentLogger, appliedBy: 'test', backupDir: makeFolder({}) });
const restoreTo = (file: string, raw: RawConfig = {}) =>
  restore(testConfig({ 'database-url': db.url, 'backup-file': file, ...raw }), ctx());

const deployedAndBackedUp = () =>
  deployedAndBackedUpWith("INSERT INTO accounts (name) SELECT 'a' || g FROM generate_series(1, 5) g");

async function deployedAndBackedUpWith(rows: string): Promise<string> {
  const dir = makeFolder({
    '001_accounts.sql':
      "CREATE TABLE accounts (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL, note text);\nCREATE SEQUENCE invoice_no;\nCOMMENT ON COLUMN accounts.note IS 'free text';",
  });
  expect((await applyMigrations(testConfig({ 'migrations-dir': dir, 'database-url': db.url }), ctx())).ok).toBe(true);
  await db.query(rows);
  return (await backup(testConfig({ 'database-url': db.url }), ctx())).backup!.path;
}

const role = `pmg_owner_${randomBytes(4).toString('hex')}`;
afterAll(async () => {
  await queryAt(server().url, `DROP ROLE IF EXISTS ${role}`).catch(() => undefined);
});

/** What another session does after the backup, what the refusal names, and how to see it is still there. */
const changes: [what: string, sql: string, named: RegExp, stillThere: string][] = [
  [
    'an index on a table of the dump',
    'CREATE INDEX accounts_name ON accounts (name)',
    /index public\.accounts_name added/,
    "SELECT to_regclass('accounts_name') IS NOT NULL AS ok",
  ],
  [
    'a dropped column',
    'ALTER TABLE accounts DROP COLUMN note',
    /table column public\.accounts\.note \(now table column public\.accounts\."\.+pg\.dropped\.3\.+"\) changed/,
    "SELECT NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = 'accounts'::regclass AND attname = 'note') AS ok",
  ],
  [
    'a GRANT',
    'GRANT SELECT ON accounts TO PUBLIC',
    /table public\.accounts changed/,
    "SELECT has_table_privilege('public', 'accounts', 'SELECT') AS ok",
  ],
  [
    'a new owner',
    `CREATE ROLE ${role}; ALTER TABLE accounts OWNER TO ${role}`,
    /table public\.accounts changed/,
    `SELECT relowner::regrole::text = '${role}' AS ok FROM pg_class WHERE oid = 'accounts'::regclass`,
  ],
  [
    'a comment removed',
    'COMMENT ON COLUMN accounts.note IS NULL',
    /comment on table column public\.accounts\.note removed/,
    "SELECT col_description('accounts'::regclass, 3) IS NULL AS ok",
  ],
  [
    'a TRUNCATE (a new relfilenode)',
    'TRUNCATE accounts',
    /table public\.accounts changed/,
    'SELECT count(*) = 0 AS ok FROM accounts',
  ],
  [
    'a sequence advanced',
    "SELECT setval('invoice_no', 100)",
    /value of sequence public\.invoice_no moved \(a restore would set it back, and hand out those values again\)/,
    'SELECT last_value = 100 AS ok FROM invoice_no',
  ],
];

withPgDump.describe(
  'the restore command refuses to undo what others changed since the backup, though no table was written',
  () => {
    test.each(changes)(
      '%s: refused, naming it, nothing changed; restore-discards-writes: true undoes it and says so',
      async (_what, sql, named, stillThere) => {
        const file = await deployedAndBackedUp();
        await db.query(sql);
        const after = await tableChecksums(db);
        const r = await restoreTo(file);
        expect(r.findings.map((f) => f.rule)).toEqual(['restore-refused']);
        expect(r.findings[0].message).toMatch(
          /restoring would undo what others changed since the backup: the catalog changed since the backup: /,
        );
        expect(r.findings[0].message).toMatch(named);
        expect((await db.query(stillThere)).rows[0].ok).toBe(true);
        expect(await tableChecksums(db)).toEqual(after);

        const forced = await restoreTo(file, { 'restore-discards-writes': 'true' });
        expect(forced.ok).toBe(true);
        expect(forced.notes.join('\n')).toMatch(named);
        expect((await db.query(stillThere)).rows[0].ok).toBe(false);
      },
    );

    test('nothing changed since: the note says the catalog was compared, and the restore goes ahead', async () => {
      const file = await deployedAndBackedUp();
      const r = await restoreTo(file);
      expect(r.findings).toEqual([]);
      expect(r.notes).toContain(
        'nothing in the catalog changed since the backup (objects, columns, indexes, privileges, owners, comments, relfilenodes, sequence values)',
      );
    });

    test('the backup records the catalog with what each entry is', async () => {
      const m = readMetadata(await deployedAndBackedUp());
      const labels = Object.values(m.catalog!).map(([, label]) => label);
      expect(labels).toEqual(
        expect.arrayContaining([
          'table public.accounts',
          'table column public.accounts.note',
          'comment on table column public.accounts.note',
          'value of sequence public.invoice_no',
          `database ${db.name}`,
        ]),
      );
    });
  },
);

withPgDump.describe('no write slips between the check and the restore', () => {
  test('a row inserted while the restore holds its check: it waits for the restore, then lands in the restored table', async () => {
    const file = await deployedAndBackedUp();
    const restoring = restoreTo(file);
    // The restore's psql holds every table against writes and waits at its gate while the guard checks.
    for (
      let i = 0;
      !(
        await db.query(
          "SELECT 1 FROM pg_stat_activity a JOIN pg_locks l ON l.pid = a.pid WHERE a.application_name LIKE 'pg-migration-gate restore %' AND l.locktype = 'advisory' AND NOT l.granted",
        )
      ).rows.length;
      i++
    ) {
      if (i > 400) throw new Error('the restore never waited at its gate');
      await new Promise((r) => setTimeout(r, 25));
    }
    const inserting = db.query("INSERT INTO accounts (name) VALUES ('during the restore') RETURNING id");
    const r = await restoring;
    expect(r.findings).toEqual([]);
    const id = (await inserting).rows[0].id;
    expect((await db.query('SELECT name FROM accounts WHERE id = $1', [id])).rows).toEqual([
      { name: 'during the restore' },
    ]);
  });
});

withPgDump.describe('the restore streams pg_restore into psql', () => {
  test('psql stopped before it reads (a lock not had in time) while pg_restore has more than a pipe holds: both end, the restore fails naming the lock', async () => {
    const file = await deployedAndBackedUpWith(
      "INSERT INTO accounts (name, note) SELECT 'a' || g, repeat('x', 200) FROM generate_series(1, 20000) g",
    );
    const holder = new pg.Client({ connectionString: db.url });
    await holder.connect();
    try {
      await holder.query('BEGIN; LOCK TABLE accounts IN ACCESS EXCLUSIVE MODE');
      const started = performance.now();
      // Its LOCK TABLE took a transaction id, as a writer's would: told to go ahead anyway, the restore then waits.
      const r = restoreTo(file, { 'backup-lock-timeout': '1s', 'restore-discards-writes': 'true' });
      await expect(r).rejects.toThrow(
        /^the restore waited longer than 1000 ms \(backup-lock-timeout\) for ExclusiveLock on public\.accounts/,
      );
      expect(performance.now() - started).toBeLessThan(15_000);
      expect(spawnSync('pgrep', ['-f', `pg_restore.*${file}`], { encoding: 'utf8' }).stdout.trim()).toBe('');
    } finally {
      await holder.end();
    }
  });

  test('a dump with a large object (pg_restore writes its own transaction for them otherwise): restored whole, in one transaction', async () => {
    const file = await deployedAndBackedUpWith("SELECT lo_from_bytea(424242, 'large object contents')");
    await db.query('SELECT lo_unlink(424242)');
    const r = await restoreTo(file, { 'restore-discards-writes': 'true' });
    expect(r.ok).toBe(true);
    expect((await db.query("SELECT convert_from(lo_get(424242), 'UTF8') AS v")).rows[0].v).toBe(
      'large object contents',
    );
  });
});
