import { applyMigrations as apply } from '../../src/engine/pipeline.js';
import { silentLogger } from '../../src/foundation/logger.js';
import { discover } from '../../src/migrations/discover.js';
import { testConfig } from '../harness/config.js';
import { scratchDb, type ScratchDb } from '../harness/db.js';
import { makeFolder } from '../harness/folders.js';
import { psqlApply } from '../harness/psql.js';

/**
 * Random folders of session-changing statements (settings, custom settings, prepared statements, LISTEN, temp
 * tables, RESET ALL, parse settings, SET LOCAL and SET TRANSACTION inside a file's own BEGIN), each file probing
 * what its session looks like when it starts and after its statements. Applied by us and by `psql -f` per file,
 * the probes must read the same, byte for byte. The seeds are fixed so that a failure repeats; PMG_FUZZ_SEEDS
 * (comma-separated) tries others, and each new finding becomes a seed here (24: SET LOCAL of a custom setting).
 */
const SEEDS = (process.env.PMG_FUZZ_SEEDS ?? '1,2,3,4,5,24').split(',').map(Number);
const FILES = 4;

/** mulberry32: small, seeded, good enough to pick statements. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What one statement may be; `n` makes names unique per file. Each runs the same under psql and in one transaction. */
const SESSION: ((n: number) => string)[] = [
  () => 'SET search_path = pg_catalog, public',
  () => `SET search_path = fuzz, public`,
  () => "SET TIME ZONE 'Pacific/Kiritimati'",
  () => "SET TimeZone = 'America/St_Johns'",
  () => "SET app.tenant = 'acme'",
  () => "SELECT pg_catalog.set_config('app.tenant', 'globex', false)",
  () => "SET DateStyle = 'SQL, DMY'",
  () => 'SET standard_conforming_strings = off',
  () => 'SET standard_conforming_strings = on',
  () => 'SET extra_float_digits = 0',
  () => "SET bytea_output = 'escape'",
  () => "SET IntervalStyle = 'postgres_verbose'",
  () => 'SET client_min_messages = warning',
  () => 'RESET ALL',
  (n) => `CREATE TEMP TABLE tmp_${n} (x int)`,
  (n) => `PREPARE fuzz_${n} AS SELECT 1`,
  () => 'PREPARE fuzz_shared AS SELECT 2',
  () => 'LISTEN fuzz_channel',
  () => 'DISCARD TEMP',
  () => 'SET session_replication_role = replica',
];
/** Only inside a file's own BEGIN … COMMIT, where psql too runs them in one transaction. */
const IN_BLOCK: ((n: number) => string)[] = [
  () => "SET LOCAL TimeZone = 'Asia/Kathmandu'",
  () => 'SET LOCAL search_path = fuzz',
  () => "SET LOCAL app.tenant = 'initech'",
];

/**
 * One row of what the session looks like, every value as text; scs decides what 'a\b' is. Not probed: the channels
 * a file LISTENs to, which in one transaction start at its COMMIT (psql: at the statement), a difference no later
 * file can see.
 */
const probe = (file: number, at: string) =>
  `INSERT INTO public.probe SELECT ${file}, '${at}', pg_catalog.concat_ws(' | ', current_setting('search_path'), current_setting('TimeZone'), current_setting('app.tenant', true),
  current_setting('DateStyle'), '2024-01-02 03:04:05+00'::timestamptz::text, 'a\\b'::text, 1.1::float8::text, '\\x01'::bytea::text, interval '1 day 2 hours'::text,
  current_setting('transaction_isolation'), current_setting('session_replication_role'), current_setting('client_min_messages'),
  (SELECT count(*) FROM pg_prepared_statements), (SELECT count(*) FROM pg_class WHERE relpersistence = 't' AND relkind = 'r'))`;

function folder(seed: number): Record<string, string> {
  const next = random(seed);
  const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)];
  const files: Record<string, string> = {};
  for (let f = 0; f < FILES; f++) {
    const wrapped = next() < 0.4;
    const body: string[] = [];
    if (f === 0) body.push('CREATE TABLE public.probe (file int, at text, session text)', 'CREATE SCHEMA fuzz');
    body.push(probe(f, 'start'));
    const count = 1 + Math.floor(next() * 6);
    for (let i = 0; i < count; i++) {
      const pool = wrapped && next() < 0.3 ? IN_BLOCK : SESSION;
      const statement = pick(pool)(f * 10 + i);
      // The same name in every file (a session that kept one would refuse it), once per file (psql refuses it twice).
      if (!body.includes(statement) || !statement.startsWith('PREPARE')) body.push(statement);
      if (next() < 0.3) body.push(probe(f, `after ${i}`));
    }
    body.push(probe(f, 'end'));
    const lines = wrapped
      ? ['BEGIN', ...(next() < 0.5 ? ['SET TRANSACTION ISOLATION LEVEL REPEATABLE READ'] : []), ...body, 'COMMIT']
      : body;
    files[`00${f + 1}_fuzz.sql`] = lines.map((l) => `${l};\n`).join('');
  }
  return files;
}

const dbs: ScratchDb[] = [];
afterEach(async () => {
  for (const d of dbs.splice(0)) await d.drop();
});

const probes = async (d: ScratchDb) =>
  (await d.query("SELECT file || ' ' || at || ': ' || session AS row FROM public.probe ORDER BY file, at")).rows.map(
    (r) => r.row as string,
  );

test.each(SEEDS)('seed %i: every file starts from a fresh session and ends as psql leaves it', async (seed) => {
  const files = folder(seed);
  const dir = makeFolder(files);
  const [ours, ref] = [await scratchDb(), await scratchDb()];
  dbs.push(ours, ref);
  const r = await apply(testConfig({ 'migrations-dir': dir, 'database-url': ours.url }), {
    databaseUrl: ours.url,
    log: silentLogger,
    appliedBy: 'test',
  });
  const psql = psqlApply(ref.url, discover(dir).migrations);
  const folderText = Object.entries(files)
    .map(([name, sql]) => `-- ${name}\n${sql}`)
    .join('\n');
  expect({ psql: psql.map((p) => (p.ok ? 'ok' : p.stderr)), folder: folderText }).toEqual({
    psql: Object.keys(files).map(() => 'ok'),
    folder: folderText,
  });
  expect({ findings: r.findings, folder: folderText }).toEqual({ findings: [], folder: folderText });
  expect(await probes(ours)).toEqual(await probes(ref));
});
