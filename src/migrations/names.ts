import type { Layout, Version } from '../model/migration.js';
import { makeVersion } from './version.js';

/** What one folder entry's name says about it. */
export type NameMatch =
  | { kind: 'migration'; layout: Layout; version: Version; description: string; role: 'up' | 'down' | 'both' }
  | { kind: 'unsupported'; reason: string }
  | { kind: 'unknown' };

// Timestamp versions come first in each alternation so `20240119_143000_x` is not read as version 20240119.
const VERSION = String.raw`(\d{8}_\d{6}|\d+)`;
const SINGLE = new RegExp(String.raw`^${VERSION}(?:_(.+))?\.sql$`);
const UP_DOWN = new RegExp(String.raw`^${VERSION}(?:_(.+?))?\.(up|down)\.sql$`);
const FLYWAY = /^([VU])(\d+(?:[._]\d+)*)__(.+)\.sql$/;
const POSTGRATOR = /^(\d+)\.(do|undo)(?:\.(.+))?\.sql$/;
const FOLDER = /^(\d{4}-\d{2}-\d{2}-\d{6}|\d{8}_\d{6}|\d+)(?:_(.+))?$/;
// goose's Go migrations sit beside its SQL ones under the same version scheme; goose skips _test.go files.
const GO_MIGRATION = /^\d+_.+(?<!_test)\.go$/;

/** True for a goose Go migration (`00002_backfill.go`): code only goose can run. */
export function isGoMigration(name: string): boolean {
  return GO_MIGRATION.test(name);
}

/** Classifies a `.sql` file name found at the top of the migrations folder. */
export function matchFileName(name: string): NameMatch {
  if (/^R__.+\.sql$/.test(name)) {
    return {
      kind: 'unsupported',
      reason: 'Flyway repeatable migrations (R__) are not supported; give it a version (V<n>__…) or move it out',
    };
  }
  const flyway = FLYWAY.exec(name);
  if (flyway) {
    return {
      kind: 'migration',
      layout: 'flyway',
      version: makeVersion(flyway[2].replace(/_/g, '.'), true),
      description: flyway[3],
      role: flyway[1] === 'V' ? 'both' : 'down',
    };
  }
  const postgrator = POSTGRATOR.exec(name);
  if (postgrator) {
    return {
      kind: 'migration',
      layout: 'up-down-files',
      version: makeVersion(postgrator[1]),
      description: postgrator[3] ?? '',
      role: postgrator[2] === 'do' ? 'up' : 'down',
    };
  }
  const pair = UP_DOWN.exec(name);
  if (pair) {
    return {
      kind: 'migration',
      layout: 'up-down-files',
      version: makeVersion(pair[1]),
      description: pair[2] ?? '',
      role: pair[3] as 'up' | 'down',
    };
  }
  const single = SINGLE.exec(name);
  if (single) {
    return {
      kind: 'migration',
      layout: 'single-file',
      version: makeVersion(single[1]),
      description: single[2] ?? '',
      role: 'both',
    };
  }
  return { kind: 'unknown' };
}

/** Classifies a sub-folder name (`2019-02-26-002946_create_users`, `00000000000000_setup`). */
export function matchFolderName(name: string): { version: Version; description: string } | undefined {
  const m = FOLDER.exec(name);
  return m ? { version: makeVersion(m[1]), description: m[2] ?? '' } : undefined;
}

/**
 * Recovers a version from a `migration_name` recorded by hand-written scripts: a file name with or without
 * `.sql`, an up/down base name, or a folder name.
 */
export function versionFromName(name: string): Version | undefined {
  for (const candidate of [name, `${name}.sql`]) {
    const m = matchFileName(candidate);
    if (m.kind === 'migration') return m.version;
  }
  return matchFolderName(name)?.version;
}
