import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../foundation/errors.js';
import { checksumOf } from './checksum.js';
import { isGoMigration, matchFileName, matchFolderName } from './names.js';
import { loadParser } from './parse.js';
import { LARGE_FILE, readMigrationFile } from './read-file.js';
import { splitSections } from './sections.js';
import type { Discovery, Layout, Migration, Script, Version } from '../model/migration.js';
import { compareVersions, versionId } from './version.js';

/** One migration's files before they are read. */
interface Entry {
  layout: Layout;
  version: Version;
  description: string;
  name: string;
  upFile?: string;
  downFile?: string;
}

/**
 * discover(), with the parser loaded first (it tells a large file's COPY rows as the file is read). A folder with no
 * migrations is refused unless `allowEmpty`: a check pointed at the wrong folder would otherwise pass forever.
 */
export async function readFolder(dir: string, allowEmpty: boolean): Promise<Discovery> {
  await loadParser();
  const found = discover(dir);
  if (!found.migrations.length && !allowEmpty) throw new InputError([noMigrations(dir)]);
  return found;
}

/** The layouts discovery knows, as a person would recognise them. */
const LAYOUTS_LOOKED_FOR =
  '<version>_<name>.sql (20240119_143000_add_prefs.sql, 001_initial_schema.sql, dbmate and golang-migrate names), 12_x.up.sql with 12_x.down.sql, Flyway V1__x.sql, and folders holding up.sql or migration.sql';

/** Why a folder holds no migrations, naming the folders below it that hold .sql files (db/ instead of db/migrations). */
function noMigrations(dir: string): string {
  const below = sqlFoldersBelow(dir, 2).slice(0, 3);
  const hint = below.length
    ? `; ${below.map((b) => `${b.path} holds ${b.files} .sql file(s)`).join(', ')}: point migrations-dir there`
    : '; point migrations-dir at the folder holding them';
  return `migrations folder '${dir}' holds no migrations: looked for ${LAYOUTS_LOOKED_FOR}${hint}, or set allow-empty: true for a project that has none yet`;
}

function sqlFoldersBelow(dir: string, depth: number): { path: string; files: number }[] {
  if (depth === 0) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('.') && d.name !== 'node_modules')
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((d) => {
      const path = join(dir, d.name);
      const files = readdirSync(path).filter((f) => f.toLowerCase().endsWith('.sql')).length;
      return [...(files ? [{ path, files }] : []), ...sqlFoldersBelow(path, depth - 1)];
    });
}

/**
 * Finds the migrations in a folder, detecting its layout, and returns them in version order.
 * Every problem in the folder is collected and thrown as one InputError, each naming the files and the fix.
 * Files over `largeAbove` bytes are read in pieces, their COPY rows left on disk.
 */
export function discover(dir: string, largeAbove = LARGE_FILE): Discovery {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new InputError([
      `migrations folder '${dir}' does not exist; set migrations-dir to the folder holding your .sql files`,
    ]);
  }
  const root = realpathSync(dir);
  const problems: string[] = [];
  const entries = new Map<string, Entry>();
  const byLayout = new Map<Layout, string[]>();

  const add = (
    layout: Layout,
    version: Version,
    description: string,
    role: 'up' | 'down' | 'both',
    file: string,
    migrationName: string,
  ) => {
    const id = versionId(version);
    byLayout.set(layout, [...(byLayout.get(layout) ?? []), file]);
    let entry = entries.get(id);
    if (!entry) {
      entry = { layout, version, description, name: migrationName };
      entries.set(id, entry);
    }
    const slot = role === 'down' ? 'downFile' : 'upFile';
    if (entry[slot]) {
      problems.push(
        `duplicate version ${version.text}: ${entry[slot]} and ${file}; give one of them a new, later version`,
      );
      return;
    }
    entry[slot] = file;
    if (role !== 'down') {
      entry.name = migrationName;
      entry.description = description;
    }
  };

  for (const dirent of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const name = dirent.name;
    if (name.startsWith('.')) continue;
    const full = join(dir, name);
    const isDir = dirent.isDirectory() || (dirent.isSymbolicLink() && statSync(full).isDirectory());
    if (isDir) {
      const folder = matchFolderName(name);
      if (!folder) continue;
      const has = (file: string) => existsSync(join(dir, name, file));
      if (has('migration.sql') && has('up.sql')) {
        problems.push(`${name}/: has both migration.sql and up.sql; keep the one your tool runs`);
      } else if (has('migration.sql')) {
        // Prisma's and drizzle-kit's folders: one script, no down; drizzle's snapshot.json beside it stays unread.
        add('folder-migration-sql', folder.version, folder.description, 'up', join(name, 'migration.sql'), name);
      } else if (has('up.sql')) {
        add('folder-per-migration', folder.version, folder.description, 'up', join(name, 'up.sql'), name);
        if (has('down.sql'))
          add('folder-per-migration', folder.version, folder.description, 'down', join(name, 'down.sql'), name);
      } else {
        problems.push(
          `${name}/: looks like a migration folder but has no up.sql or migration.sql; add the script (and down.sql) or rename the folder`,
        );
      }
      continue;
    }
    if (isGoMigration(name)) {
      problems.push(
        `${name}: a goose Go migration, which this tool cannot run; rewrite it as ${name.replace(/\.go$/, '.sql')} or move it out of the folder`,
      );
      continue;
    }
    if (!name.toLowerCase().endsWith('.sql')) continue;
    const m = matchFileName(name);
    if (m.kind === 'unsupported') problems.push(`${name}: ${m.reason}`);
    else if (m.kind === 'unknown') {
      problems.push(
        `${name}: matches no migration naming layout; rename it to <version>_<description>.sql (e.g. 20240119_143000_${name.replace(/\.sql$/i, '')}.sql or 001_${name.replace(/\.sql$/i, '')}.sql) or move it out of the folder`,
      );
    } else {
      // An up/down pair is named once: `12_x` for 12_x.up.sql, `001.create-users` for postgrator's 001.do.create-users.sql.
      const migrationName =
        m.layout === 'up-down-files'
          ? name.replace(/\.(up|down)\.sql$/, '').replace(/^(\d+)\.(?:do|undo)(\..+)?\.sql$/, '$1$2')
          : name;
      add(m.layout, m.version, m.description, m.role, name, migrationName);
    }
  }

  if (byLayout.size > 1) {
    const kinds = [...byLayout].map(
      ([layout, files]) => `${layout} (${files.slice(0, 2).join(', ')}${files.length > 2 ? ', …' : ''})`,
    );
    problems.push(`the folder mixes migration layouts: ${kinds.join(' and ')}; keep one layout per folder`);
  }
  for (const e of entries.values()) {
    if (!e.upFile)
      problems.push(`${e.downFile}: a down script without its up script; add the matching up script or remove it`);
  }
  if (problems.length) throw new InputError(problems);

  const migrations = [...entries.values()]
    .map((e) => load(root, dir, e, problems, largeAbove))
    .filter((m): m is Migration => m !== undefined)
    .sort((a, b) => compareVersions(a.version, b.version));
  if (problems.length) throw new InputError(problems);
  const layout = byLayout.size ? [...byLayout.keys()][0] : 'empty';
  return { layout, migrations };
}

function load(root: string, dir: string, e: Entry, problems: string[], largeAbove: number): Migration | undefined {
  try {
    const {
      text: upText,
      source,
      elided,
      checksum: whole,
    } = readMigrationFile(root, join(dir, e.upFile!), e.upFile!, largeAbove);
    let up: Script;
    let down: Script | undefined;
    let noTransaction = false;
    if (e.layout === 'single-file' || e.layout === 'flyway') {
      const sections = splitSections(e.upFile!, upText, elided);
      ({ up, down, noTransaction } = sections);
    } else {
      up = { file: e.upFile!, sql: upText, startLine: 1, ...(elided && { elided }) };
      noTransaction = splitSections(e.upFile!, upText, elided).noTransaction;
    }
    if (e.downFile) {
      if (down) {
        problems.push(`${e.upFile}: has a down section and a separate down script ${e.downFile}; keep one of them`);
        return undefined;
      }
      const read = readMigrationFile(root, join(dir, e.downFile), e.downFile, largeAbove);
      down = { file: e.downFile, sql: read.text, startLine: 1, ...(read.elided && { elided: read.elided }) };
    }
    return {
      version: e.version,
      name: e.name,
      description: e.description,
      up,
      down,
      checksum: whole !== undefined && up.sql === upText ? whole : checksumOf(up),
      ...(source !== undefined && { source }),
      noTransactionDirective: noTransaction,
    };
  } catch (err) {
    if (err instanceof InputError) problems.push(...err.problems);
    else throw err;
    return undefined;
  }
}
