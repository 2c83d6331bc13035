import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scratchDb, type ScratchDb } from '../harness/db.js';
import { psqlBinary } from '../harness/psql.js';
import { buildSource } from '../harness/source-build.js';

/**
 * A data load larger than the size read whole (64 MiB), applied by the CLI as a real process beside `psql -f`:
 * the same rows, byte for byte, while the CLI's memory stays that of its SQL, not of its rows. psql streams the
 * file; so must we.
 */
const MiB = 1024 * 1024;
const SIZE = 72 * MiB; // just over the 64 MiB read whole
let dir: string;
let rows = 0;
const dbs: ScratchDb[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pmg-large-'));
  const out = createWriteStream(join(dir, '001_seed.sql'));
  const write = (s: string) => (out.write(s) ? undefined : new Promise<void>((r) => out.once('drain', () => r())));
  await write(
    'CREATE TABLE seed (id bigint PRIMARY KEY, name text, note text);\nCOPY seed (id, name, note) FROM stdin;\n',
  );
  const pad = 'é'.repeat(30);
  for (let size = 0; size < SIZE;) {
    const batch: string[] = [];
    for (let i = 0; i < 10_000; i++, rows++)
      batch.push(`${rows}\tname ${rows}\t${pad} ${rows % 7 === 0 ? '\\N' : 'tab\\there'}\r\n`);
    const text = batch.join('');
    size += Buffer.byteLength(text);
    await write(text);
  }
  await write('\\.\r\nCREATE INDEX seed_name ON seed (name);\n');
  await new Promise<void>((r) => out.end(() => r()));
}, 120_000);

afterAll(async () => {
  for (const d of dbs.splice(0)) await d.drop();
});

const contents = async (d: ScratchDb) =>
  (await d.query("SELECT count(*)::int AS n, md5(string_agg(s::text, E'\\n' ORDER BY id)) AS h FROM seed s")).rows[0];

test('applied with the memory of its SQL, and stored as psql stores it', async () => {
  const [ours, ref] = [await scratchDb(), await scratchDb()];
  dbs.push(ours, ref);
  const { cli } = buildSource();
  const rss = join(dir, 'rss');
  const preload = join(dir, 'rss.mjs');
  writeFileSync(
    preload,
    `import { writeFileSync } from 'node:fs';\nprocess.on('exit', () => writeFileSync(${JSON.stringify(rss)}, String(process.resourceUsage().maxRSS)));\n`,
  );
  const r = spawnSync(
    process.execPath,
    [
      '--import',
      preload,
      cli,
      'apply',
      '--yes',
      '--backup',
      'false',
      '--post-backup',
      'false',
      '--migrations-dir',
      dir,
      '--database-url',
      ours.url,
    ],
    { encoding: 'utf8' },
  );
  expect({ status: r.status, stderr: r.stderr }).toEqual({
    status: 0,
    stderr: expect.stringMatching(/^== apply 1 migration\(s\)\napplied 001_seed\.sql in \d+ ms\n$/),
  });
  const p = spawnSync(
    psqlBinary(),
    ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', ref.url, '-f', join(dir, '001_seed.sql')],
    { encoding: 'utf8' },
  );
  expect(p.status).toBe(0);
  const mine = await contents(ours);
  expect(mine.n).toBe(rows);
  expect(mine).toEqual(await contents(ref));
  const maxRssMiB = Number(readFileSync(rss, 'utf8')) / 1024;
  // Read whole, the file took about six times its size (1.95 GB for 300 MB).
  expect(maxRssMiB).toBeLessThan(200);
}, 180_000);
