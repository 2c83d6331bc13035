import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Migration } from '../../src/model/migration.js';

/** psql from the newest installed PostgreSQL, else PATH. */
export function psqlBinary(): string {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const newest = readdirSync(root)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a))[0];
    if (newest && existsSync(join(root, newest, 'bin', 'psql'))) return join(root, newest, 'bin', 'psql');
  }
  return 'psql';
}

export interface PsqlOutcome {
  name: string;
  ok: boolean;
  stderr: string;
}

/**
 * The reference: each migration's up script run as `psql -X -v ON_ERROR_STOP=1 -f <file>`, one process per
 * file, in order, stopping at the first that fails, as a team's runbook does. Sections of a larger file (dbmate)
 * are written to a file of their own first, as a person would cut them out.
 */
export function psqlApply(url: string, migrations: Migration[]): PsqlOutcome[] {
  const dir = mkdtempSync(join(tmpdir(), 'pmg-psql-'));
  const out: PsqlOutcome[] = [];
  for (const [i, m] of migrations.entries()) {
    const file = join(dir, `${i}.sql`);
    writeFileSync(file, m.up.sql);
    const r = spawnSync(psqlBinary(), ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url, '-f', file], {
      encoding: 'utf8',
    });
    out.push({ name: m.name, ok: r.status === 0, stderr: r.stderr });
    if (r.status !== 0) break;
  }
  return out;
}
