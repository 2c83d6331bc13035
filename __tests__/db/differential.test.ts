import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { applyMigrations as apply } from '../../src/engine/pipeline.js';
import { verify } from '../../src/commands/verify.js';
import { connect, withClient } from '../../src/db/session/connect.js';
import { serverMajor } from '../../src/db/session/server-version.js';
import { silentLogger } from '../../src/foundation/logger.js';
import { discover } from '../../src/migrations/discover.js';
import { takeSnapshot } from '../../src/verify/snapshot.js';
import { withPgDump } from '../harness/backup-tools.js';
import { testConfig } from '../harness/config.js';
import { scratchDb, type ScratchDb } from '../harness/db.js';
import { example, fixture, makeFolder } from '../harness/folders.js';
import { psqlApply, psqlBinary } from '../harness/psql.js';

/**
 * The engine's promise, checked three ways on the same folders: verify's verdict on each migration, apply's
 * outcome on a fresh database, and `psql -X -v ON_ERROR_STOP=1 -f` per file must agree, and apply and psql
 * must leave the same schema (the history table aside).
 */
const dbs: ScratchDb[] = [];
afterEach(async () => {
  for (const d of dbs.splice(0)) await d.drop();
});
const fresh = async () => {
  const d = await scratchDb();
  dbs.push(d);
  return d;
};

async function schemaOf(url: string): Promise<string[]> {
  const c = await connect(url);
  try {
    return [...(await takeSnapshot(c)).entries()]
      .filter(([k]) => !/\bschema_migrations/.test(k))
      .map(([k, v]) => `${k}: ${v}`)
      .sort();
  } finally {
    await c.end();
  }
}

/** Per migration: 'ok', 'failed' or 'not run', by each of the three. */
async function threeWays(dir: string) {
  const migrations = discover(dir).migrations;
  const [a, b, v] = [await fresh(), await fresh(), await fresh()];
  const applied = await apply(testConfig({ 'migrations-dir': dir, 'database-url': a.url }), {
    databaseUrl: a.url,
    log: silentLogger,
    appliedBy: 'test',
  });
  const failed = applied.findings.find((f) => f.rule === 'apply-failed');
  const byApply = migrations.map((m) =>
    applied.applied.some((x) => x.name === m.name)
      ? 'ok'
      : failed?.message.startsWith(`${m.name} failed`)
        ? 'failed'
        : 'not run',
  );
  const psql = psqlApply(b.url, migrations);
  const byPsql = migrations.map((_, i) => (!psql[i] ? 'not run' : psql[i].ok ? 'ok' : 'failed'));
  const verified = await verify(
    testConfig({ command: 'verify', 'migrations-dir': dir, 'database-url': v.url, checks: 'apply' }),
    { databaseUrl: v.url, log: silentLogger },
  );
  const byVerify = verified.verify!.migrations.map((m) => (m.apply === 'not run' ? 'not run' : m.apply));
  return { migrations, byApply, byPsql, byVerify, schemas: [await schemaOf(a.url), await schemaOf(b.url)], psql };
}

function pgDumpOf(url: string): string {
  const bin = psqlBinary().replace(/psql$/, 'pg_dump');
  return execFileSync(bin, ['--no-owner', '--no-privileges', '-Fp', '-d', url], { encoding: 'utf8' });
}

const realWorld = (name: string) => join(process.cwd(), '__fixtures__', 'real-world', name, 'migrations');

/** Folders that need a newer PostgreSQL than the oldest supported: from `file` on, they cannot run before `major`. */
const NEEDS: Record<string, { major: number; file: string; error: RegExp }> = {
  // CREATE OR REPLACE TRIGGER is new in PostgreSQL 14 (atuin's server requires 14).
  [realWorld('atuin')]: {
    major: 14,
    file: '20230515221038_trigger-delete-only.sql',
    error: /syntax error at or near "trigger"/,
  },
};

describe('verify, apply and psql -f per file agree', () => {
  test.each([
    ['examples/numbered', example('numbered')],
    ['examples/timestamped', example('timestamped')],
    ['up-down-pairs', fixture('up-down-pairs')],
    ['folder-per-migration', fixture('folder-per-migration')],
    ['flyway', fixture('flyway')],
    ['dbmate', fixture('dbmate')],
    ['real world: atuin (sqlx, one file per migration)', realWorld('atuin')],
    ['real world: docs.rs (up/down pairs)', realWorld('docs-rs')],
  ])('%s', async (_name, dir) => {
    const r = await threeWays(dir);
    expect(r.byApply).toEqual(r.byPsql);
    expect(r.byVerify).toEqual(r.byApply);
    // On a server older than the folder needs, all three fail at the same file and keep what came before.
    const needs = NEEDS[dir];
    const stop =
      needs && (await withClient(dbs[0].url, serverMajor)) < needs.major
        ? r.migrations.findIndex((m) => m.name === needs.file)
        : -1;
    expect(r.byApply).toEqual(
      r.migrations.map((_, i) => (stop < 0 || i < stop ? 'ok' : i === stop ? 'failed' : 'not run')),
    );
    if (stop < 0) expect(r.schemas[0]).toEqual(r.schemas[1]);
    // psql -f keeps what the failing file did before its error, where apply rolls the file back whole.
    else expect(r.psql[stop].stderr).toMatch(needs.error);
  });

  test('a failing migration fails in all three, at the same file, and the ones before it stay applied', async () => {
    const dir = makeFolder({
      '001_t.sql': 'CREATE TABLE t (id int PRIMARY KEY);',
      '002_bad.sql': 'INSERT INTO t VALUES (1);\nINSERT INTO t VALUES (1);',
      '003_never.sql': 'CREATE TABLE never (id int);',
    });
    const r = await threeWays(dir);
    expect(r.byApply).toEqual(['ok', 'failed', 'not run']);
    expect(r.byPsql).toEqual(r.byApply);
    expect(r.byVerify).toEqual(r.byApply);
  });

  withPgDump.test('a pg_dump plain-format initial schema, with data, made here by pg_dump itself', async () => {
    const source = await fresh();
    await source.query(`
      CREATE TYPE mood AS ENUM ('calm', 'tense');
      CREATE TABLE people (id bigserial PRIMARY KEY, name text NOT NULL, note text, mood mood, tags text[]);
      CREATE INDEX people_name ON people (name);
      CREATE FUNCTION shout(t text) RETURNS text LANGUAGE plpgsql AS $$
      BEGIN
        RETURN upper(t) || E'\\n\\\\ done';
      END $$;
      CREATE VIEW loud AS SELECT id, shout(name) AS name FROM people;
      INSERT INTO people (name, note, mood, tags) VALUES
        ('O''Brien', E'tab\\there\\nnew line', 'calm', '{a,b}'),
        ('\\N literally', NULL, NULL, NULL),
        ('Zoë', E'back\\\\slash', 'tense', '{}');
    `);
    const dir = makeFolder({
      '001_initial_schema.sql': pgDumpOf(source.url),
      '002_add_email.sql': 'ALTER TABLE people ADD COLUMN email text;',
    });
    const r = await threeWays(dir);
    expect(r.byApply).toEqual(['ok', 'ok']);
    expect(r.byPsql).toEqual(r.byApply);
    expect(r.byVerify).toEqual(r.byApply);
    expect(r.schemas[0]).toEqual(r.schemas[1]);
    const rows = async (d: ScratchDb) =>
      (await d.query('SELECT id, name, note, mood::text, tags FROM people ORDER BY id')).rows;
    expect(await rows(dbs[1])).toEqual(await rows(source));
    expect(await rows(dbs[1])).toEqual(await rows(dbs[2]));
  });
});
