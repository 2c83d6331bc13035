import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateIdentity, identityToRecipient } from 'age-encryption';
import { chooseTool, dockerTool, installedTools } from '../../src/backup/pg-tools.js';
import { toolConnection } from '../../src/backup/tool-connection.js';
import { readMetadata } from '../../src/backup/metadata.js';
import { applyMigrations as apply } from '../../src/engine/pipeline.js';
import { backup } from '../../src/commands/backup.js';
import { runCommand } from '../../src/commands/run-command.js';
import { restore } from '../../src/commands/restore.js';
import { verify } from '../../src/commands/verify.js';
import type { RawConfig } from '../../src/config/inputs-spec.js';
import { connect } from '../../src/db/session/connect.js';
import { InputError } from '../../src/foundation/errors.js';
import { silentLogger } from '../../src/foundation/logger.js';
import { takeSnapshot } from '../../src/verify/snapshot.js';
import { testServerMajor, withPgDump } from '../harness/backup-tools.js';
import { testConfig } from '../harness/config.js';
import { tableChecksums } from '../harness/data.js';
import { scratchDb, type ScratchDb } from '../harness/db.js';
import { example, makeFolder } from '../harness/folders.js';
import { runAction } from '../harness/action-runner.js';
import { useArtifactService } from '../harness/artifact-service.js';

let source: ScratchDb;
let target: ScratchDb;
beforeEach(async () => {
  source = await scratchDb();
  target = await scratchDb();
});
afterEach(async () => {
  await source.drop();
  await target.drop();
});

const ctx = (url: string) => ({ databaseUrl: url, log: silentLogger, appliedBy: 'test', backupDir: makeFolder({}) });
const config = (raw: RawConfig) => testConfig({ 'migrations-dir': example('numbered'), ...raw });
const snapshot = async (db: ScratchDb) => {
  const c = await connect(db.url);
  try {
    return Object.fromEntries(await takeSnapshot(c));
  } finally {
    await c.end();
  }
};

async function populated(): Promise<void> {
  expect((await apply(config({ 'database-url': source.url }), ctx(source.url))).ok).toBe(true);
  await source.query(
    `INSERT INTO users (email, display_name) SELECT 'u' || g || '@example.com', 'User ' || g FROM generate_series(1, 500) g`,
  );
  await source.query(`INSERT INTO conversations (user_id) SELECT id FROM users WHERE id % 3 = 0`);
  await source.query(
    `INSERT INTO tickets (conversation_id, subject, escalate_after) SELECT id, 'Ticket ' || id || ' é ü 😀', now() + interval '1 day' FROM conversations`,
  );
  await source.query(`CREATE VIEW open_tickets AS SELECT * FROM tickets WHERE status = 'open'`);
}

describe('backup and restore', () => {
  withPgDump.test('round-trip schema and data exactly, with a checksummed, described dump', async () => {
    await populated();
    const report = await backup(config({ 'database-url': source.url }), ctx(source.url));
    const b = report.backup!;
    expect(b.sha256).toBe(createHash('sha256').update(readFileSync(b.path)).digest('hex'));
    expect(readFileSync(b.path).subarray(0, 5).toString()).toBe('PGDMP');
    const meta = readMetadata(b.path);
    expect(meta).toMatchObject({
      sha256: b.sha256,
      size: b.size,
      historyTable: 'schema_migrations',
      lastApplied: { version: '003', name: '003_add_ticket_escalation.sql' },
    });
    expect(meta.entries).toBeGreaterThan(10);
    expect(meta.database).toMatch(/^127\.0\.0\.1:\d+\/pmg_test_/);

    const r = await restore(config({ 'database-url': target.url, 'backup-file': b.path }), ctx(target.url));
    expect(r.notes[0]).toMatch(
      /^restored .*\.dump \(sha256 [0-9a-f]{64}, taken .* newest migration then 003_add_ticket_escalation\.sql\)$/,
    );
    expect(await snapshot(target)).toEqual(await snapshot(source));
    const sums = await tableChecksums(source);
    expect(sums['public.users']).toMatch(/^500 rows /);
    expect(await tableChecksums(target)).toEqual(sums);
  });

  withPgDump.test(
    'restoring over the database after others wrote to it: refused, naming what would be lost; restore-discards-writes brings it back to the backup',
    async () => {
      await populated();
      const b = (await backup(config({ 'database-url': source.url }), ctx(source.url))).backup!;
      await source.query('DELETE FROM tickets; ALTER TABLE users ADD COLUMN oops text');
      const before = await tableChecksums(source);
      const refused = await restore(config({ 'database-url': source.url, 'backup-file': b.path }), ctx(source.url));
      expect(refused.ok).toBe(false);
      expect(refused.findings.map((f) => f.rule)).toEqual(['restore-refused']);
      expect(refused.findings[0].message).toMatch(
        /^nothing was restored: restoring would discard what others wrote since the backup: \d+ transaction\(s\) committed since the backup was taken; tables written since, by the statistics \(which count rolled-back writes\): public\.tickets \(\d+ rows\); set restore-discards-writes: true to restore anyway; restoring would undo what others changed since the backup: the catalog changed since the backup: table public\.users changed, table column public\.users\.oops added; set restore-discards-writes: true to restore anyway$/,
      );
      expect(await tableChecksums(source)).toEqual(before);

      const r = await restore(
        config({ 'database-url': source.url, 'backup-file': b.path, 'restore-discards-writes': 'true' }),
        ctx(source.url),
      );
      expect(r.ok).toBe(true);
      expect(r.notes.join('\n')).toMatch(
        /restore-discards-writes: true — restoring discards what was written since the backup: .*public\.tickets/,
      );
      expect(await tableChecksums(source)).not.toEqual(before);
      expect(
        (
          await source.query(
            "SELECT count(*)::int AS n FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'oops'",
          )
        ).rows[0].n,
      ).toBe(0);
      expect((await source.query('SELECT count(*)::int AS n FROM tickets')).rows[0].n).toBeGreaterThan(0);
    },
  );

  withPgDump.test('a dump whose sha256 does not match is refused before anything is touched', async () => {
    await populated();
    const b = (await backup(config({ 'database-url': source.url }), ctx(source.url))).backup!;
    const bytes = readFileSync(b.path);
    bytes[bytes.length - 10] ^= 0xff;
    writeFileSync(b.path, bytes);
    await expect(
      restore(config({ 'database-url': target.url, 'backup-file': b.path }), ctx(target.url)),
    ).rejects.toThrow(/does not match .* nothing was restored/);
    expect(await tableChecksums(target)).toEqual({});
  });

  withPgDump.test(
    "pg_dump's refusal is the tool's finding, in its own words, with what to do: a user who cannot read a table",
    async () => {
      const role = `pmg_reader_${process.pid}`;
      await source.query(`CREATE TABLE secrets (v text); CREATE ROLE ${role} LOGIN`);
      try {
        const url = new URL(source.url);
        url.username = role;
        const r = await runCommand(config({ command: 'backup', 'database-url': url.toString() }), ctx(url.toString()));
        expect(r.ok).toBe(false);
        expect(r.findings).toHaveLength(1);
        expect(r.findings[0]).toMatchObject({
          rule: 'tool-failed',
          message: expect.stringMatching(/^pg_dump exited with 1: .*permission denied for table secrets/s),
          help: expect.stringMatching(/lacks a privilege/),
        });
      } finally {
        await source.query(`DROP TABLE secrets; DROP ROLE ${role}`);
      }
    },
  );

  test('a missing metadata file is refused with the reason', async () => {
    const dump = join(makeFolder({ 'x.dump': 'PGDMP' }), 'x.dump');
    await expect(restore(config({ 'database-url': target.url, 'backup-file': dump }), ctx(target.url))).rejects.toThrow(
      /metadata file is missing; restore needs it to check the dump's sha256/,
    );
  });

  test('an unwritable backup-dir fails before anything is dumped', async () => {
    // A folder inside a regular file cannot exist, whoever runs the test (root writes everywhere else).
    const dir = join(makeFolder({ 'a-file': 'x' }), 'a-file', 'backups');
    const err = await backup(config({ 'database-url': source.url, 'backup-dir': dir }), ctx(source.url)).catch(
      (e) => e,
    );
    expect(err).toBeInstanceOf(InputError);
    expect(err.message).toBe(`backup-dir: '${dir}' cannot be written (ENOTDIR); point backup-dir at a writable folder`);
  });

  withPgDump.test('the password stays out of the report and the metadata', async () => {
    const u = new URL(source.url);
    u.password = 'Pa55-w0rd-xyz';
    const report = await backup(config({ 'database-url': u.toString() }), ctx(u.toString()));
    expect(JSON.stringify(report)).not.toContain('Pa55-w0rd-xyz');
    expect(readFileSync(report.backup!.metadataPath, 'utf8')).not.toContain('Pa55-w0rd-xyz');
  });
});

describe('pg_dump version match', () => {
  test('a server newer than every installed pg_dump fails early, naming both versions and the fix', async () => {
    const err = await chooseTool('pg_dump', 99).catch((e) => e);
    expect(err).toBeInstanceOf(InputError);
    expect(err.message).toMatch(
      /^pg_dump: the server runs PostgreSQL 99, and pg_dump refuses servers newer than itself; installed: .*pg_dump \(\d+\).*Install postgresql-client-99 .*or set pg-dump-path to a pg_dump 99 or newer, or set pg-dump-docker: true/,
    );
  });

  test('the newest installed pg_dump that fits is chosen; an explicit path wins', async () => {
    const t = await chooseTool('pg_dump', 10);
    expect(t.major).toBeGreaterThanOrEqual(10);
    expect(await chooseTool('pg_dump', 10, t.path)).toMatchObject({ path: t.path });
  });

  // Whichever major the run is on: the tests that need a real dump run where an installed pg_dump can serve it
  // (harness/backup-tools.ts), and here the product's answer where none can is held to.
  test(`PostgreSQL ${testServerMajor}: backed up with an installed pg_dump at least as new, else refused before anything is dumped`, async () => {
    const dir = makeFolder({});
    const fits = (await installedTools('pg_dump')).filter((t) => t.major >= testServerMajor);
    const r = await backup(config({ 'database-url': source.url, 'pg-dump-docker': 'false' }), {
      ...ctx(source.url),
      backupDir: dir,
    }).catch((e: Error) => e);
    if (fits.length) {
      expect(r).not.toBeInstanceOf(Error);
      // e.g. `15.18 (/usr/lib/postgresql/15/bin/pg_dump)`
      expect(fits.map((t) => `${t.version} (${t.path})`)).toContain(
        (r as Awaited<ReturnType<typeof backup>>).backup!.pgDumpVersion,
      );
    } else {
      expect(r).toBeInstanceOf(InputError);
      expect((r as Error).message).toMatch(
        new RegExp(
          `^pg_dump: the server runs PostgreSQL ${testServerMajor}, and pg_dump refuses servers newer than itself; installed: .*Install postgresql-client-${testServerMajor} `,
        ),
      );
      expect(readdirSync(dir)).toEqual([]);
    }
  });

  test('the password reaches the tools through PGPASSWORD only, never argv', () => {
    const { dbnameArg, env } = toolConnection('postgresql://app:s3cr%40t@db.internal:6543/shop?sslmode=require', {
      path: 'pg_dump',
      major: 15,
      version: '15.0',
    });
    expect(dbnameArg).toBe(
      "--dbname=user='app' host='db.internal' port='6543' dbname='shop' sslmode='require' gssencmode='disable' connect_timeout='15'",
    );
    expect(env.PGPASSWORD).toBe('s3cr@t');
  });
});

withPgDump.describe('the backup artifact, through the real @actions/artifact client', () => {
  const artifacts = useArtifactService();

  test('backup uploads dump and metadata, stored as they are; restore downloads and restores it', async () => {
    await populated();
    const r = await runAction(
      { command: 'backup', 'database-url': source.url, 'retention-days': '5' },
      { env: artifacts.env() },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const name = `pg-backup-${source.name}-4242-1`;
    expect(r.outputs['backup-artifact-id']).toBe(String(artifacts.service().artifacts.get(name)!.id));
    expect(r.outputs['backup-sha256']).toMatch(/^[0-9a-f]{64}$/);
    expect(artifacts.service().calls).toEqual(['CreateArtifact', 'FinalizeArtifact']);
    // Compression level 0: the dump's own bytes sit unchanged inside the zip.
    const zip = artifacts.service().artifacts.get(name)!.bytes;
    const dump = readFileSync(r.outputs['backup-path']);
    expect(zip.subarray(0, 2).toString()).toBe('PK');
    expect(zip.includes(dump.subarray(0, 4096))).toBe(true);
    expect(r.summary).toContain(`| artifact | \`${name}\``);

    const restored = await runAction(
      { command: 'restore', 'database-url': target.url, 'backup-artifact': name, 'allow-ungated': 'true' },
      { env: artifacts.env() },
    );
    expect(restored.code).toBe(0);
    expect(await tableChecksums(target)).toEqual(await tableChecksums(source));
  });
});

describe('encrypted backups (age)', () => {
  const artifacts = useArtifactService();

  withPgDump.test(
    'only the encrypted dump leaves the runner; restore decrypts it with the identity, and refuses without it',
    async () => {
      await populated();
      const identity = await generateIdentity();
      const recipient = await identityToRecipient(identity);
      const r = await runAction(
        { command: 'backup', 'database-url': source.url, 'backup-recipient': recipient },
        { env: artifacts.env() },
      );
      expect(r.code).toBe(0);
      const [[name, artifact]] = [...artifacts.service().artifacts];
      const dump = readFileSync(r.outputs['backup-path']);
      expect(artifact.bytes.includes(dump.subarray(0, 4096))).toBe(false);
      expect(artifact.bytes.toString('latin1')).toMatch(/\.dump\.age/);
      expect(artifact.bytes.toString('latin1')).toContain('age-encryption.org/v1');

      const refused = await runAction(
        { command: 'restore', 'database-url': target.url, 'backup-artifact': name, 'allow-ungated': 'true' },
        { env: artifacts.env() },
      );
      expect(refused.code).toBe(2);
      expect(refused.stdout).toMatch(/the backup is encrypted; set backup-identity to the age identity/);
      expect(await tableChecksums(target)).toEqual({});
      const wrong = await runAction(
        {
          command: 'restore',
          'database-url': target.url,
          'backup-artifact': name,
          'allow-ungated': 'true',
          'backup-identity': await generateIdentity(),
        },
        { env: artifacts.env() },
      );
      expect(wrong.stdout).toMatch(/cannot be decrypted with backup-identity/);
      expect(wrong.stdout.replace(/^::add-mask::.*$/gm, '')).not.toMatch(/AGE-SECRET-KEY-1[0-9A-Z]{20}/);

      const restored = await runAction(
        {
          command: 'restore',
          'database-url': target.url,
          'backup-artifact': name,
          'allow-ungated': 'true',
          'backup-identity': identity,
        },
        { env: artifacts.env() },
      );
      expect(restored.code).toBe(0);
      expect(await tableChecksums(target)).toEqual(await tableChecksums(source));
    },
  );

  test('a recipient that is not an age public key is a configuration error', async () => {
    const r = await runAction({
      command: 'backup',
      'database-url': source.url,
      'backup-recipient': 'ssh-ed25519 AAAA',
    });
    expect(r.stdout).toMatch(/backup-recipient: 'ssh-ed25519' is not an age public key \(age1…\)/);
  });
});

describe('the Docker fallback', () => {
  test('without a Docker engine it says so, with the other fixes', async () => {
    const err = await dockerTool('pg_dump', 99, makeFolder({})).catch((e) => e);
    expect(err).toBeInstanceOf(InputError);
    expect(err.message).toMatch(
      /^pg-dump-docker: Docker is not available on this runner \(docker version failed\); install postgresql-client-99 or set pg-dump-path instead$/,
    );
  });
});

withPgDump.describe('the restore drill (verify)', () => {
  test('restores the backup on a scratch database and applies the pending migrations on it', async () => {
    const dir = makeFolder({
      '001_orders.sql': 'CREATE TABLE orders (id bigint PRIMARY KEY, total numeric NOT NULL);',
      '002_note.sql': 'ALTER TABLE orders ADD COLUMN note text;',
    });
    await apply(testConfig({ 'migrations-dir': dir, 'database-url': source.url }), ctx(source.url));
    await source.query('INSERT INTO orders VALUES (1, 10), (2, -5)');
    const b = (await backup(testConfig({ 'migrations-dir': dir, 'database-url': source.url }), ctx(source.url)))
      .backup!;
    writeFileSync(
      join(dir, '003_positive.sql'),
      'ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total >= 0);',
    );
    const run = (raw: RawConfig) =>
      verify(
        testConfig({
          command: 'verify',
          'migrations-dir': dir,
          'database-url': target.url,
          checks: 'apply',
          'restore-drill': b.path,
          ...raw,
        }),
        ctx(target.url),
      );
    const failing = await run({});
    expect(failing.findings.map((f) => f.rule)).toEqual(['restore-drill/apply-failed']);
    expect(failing.findings[0].message).toMatch(/^restore drill: 003_positive\.sql failed: .*violated by some row/);
    expect(failing.notes.join('\n')).toMatch(
      /restore drill: .*\.dump restored in \d+ ms \(sha256 checked\), then 0 of 1 pending migration\(s\) applied on it before a failure/,
    );

    writeFileSync(
      join(dir, '003_positive.sql'),
      'ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total >= 0) NOT VALID;',
    );
    const passing = await run({});
    expect(passing.findings).toEqual([]);
    expect(passing.notes.join('\n')).toMatch(/then 1 of 1 pending migration\(s\) applied on it$/m);
  });
});
