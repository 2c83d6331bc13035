import { randomBytes } from 'node:crypto';
import { verify } from '../../src/commands/verify.js';
import { silentLogger } from '../../src/foundation/logger.js';
import { testConfig } from '../harness/config.js';
import { adminQuery, scratchDb, type ScratchDb } from '../harness/db.js';
import { makeFolder } from '../harness/folders.js';

let db: ScratchDb;
beforeEach(async () => {
  db = await scratchDb();
});
afterEach(async () => {
  await db.drop();
});

const run = (dir: string) =>
  verify(testConfig({ command: 'verify', 'migrations-dir': dir, 'database-url': db.url, checks: 'apply' }), {
    databaseUrl: db.url,
    log: silentLogger,
  });

describe('verify leaves the server as it found it', () => {
  test('roles, databases and ALTER SYSTEM settings the migrations make are undone, so a second verify passes too', async () => {
    const id = randomBytes(4).toString('hex');
    const dir = makeFolder({
      '001_role.sql': `CREATE ROLE pmg_reader_${id} NOLOGIN;\nCREATE TABLE t (id int);\nGRANT SELECT ON t TO pmg_reader_${id};`,
      '002_role_if_missing.sql': `DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'pmg_writer_${id}') THEN CREATE ROLE pmg_writer_${id} NOLOGIN; END IF; END $$;`,
      '003_database.sql': `CREATE DATABASE pmg_side_${id};`,
      '004_system.sql': "ALTER SYSTEM SET log_min_duration_statement = '12345';",
    });
    const exists = async () => ({
      roles: (await adminQuery('SELECT count(*)::int AS n FROM pg_roles WHERE rolname LIKE $1', [`%_${id}`])).rows[0].n,
      databases: (await adminQuery('SELECT count(*)::int AS n FROM pg_database WHERE datname = $1', [`pmg_side_${id}`]))
        .rows[0].n,
      system: (
        await adminQuery(
          "SELECT count(*)::int AS n FROM pg_file_settings WHERE name = 'log_min_duration_statement' AND sourcefile LIKE '%auto.conf'",
        )
      ).rows[0].n,
    });
    for (const round of [1, 2]) {
      const r = await run(dir);
      expect([round, r.findings.filter((f) => f.severity !== 'info')]).toEqual([round, []]);
      expect(r.verify!.migrations.map((m) => m.apply)).toEqual(['ok', 'ok', 'ok', 'ok']);
      expect(r.notes.join('\n')).toMatch(
        new RegExp(
          `role pmg_reader_${id} dropped.*role pmg_writer_${id} dropped|role pmg_writer_${id} dropped.*role pmg_reader_${id} dropped`,
        ),
      );
      expect(await exists()).toEqual({ roles: 0, databases: 0, system: 0 });
    }
  });
});
