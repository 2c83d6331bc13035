import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Writes a migrations folder from { 'relative/path.sql': 'sql' } and returns its path. */
export function makeFolder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'pmg-migrations-'));
  for (const [name, sql] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), sql);
  }
  return dir;
}

export function addFile(dir: string, name: string, sql: string): void {
  mkdirSync(dirname(join(dir, name)), { recursive: true });
  writeFileSync(join(dir, name), sql);
}

export const fixture = (name: string): string => join(process.cwd(), '__fixtures__', 'migrations', name);
export const example = (name: string): string => join(process.cwd(), 'examples', name);
