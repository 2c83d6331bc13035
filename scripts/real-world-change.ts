// A pull request on a real project's migrations: the first `deployed` versions of __fixtures__/real-world/<project>
// committed on main in a fresh git repository, the next `fresh` ones added in the work tree, as a branch would.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Change {
  project: 'atuin' | 'docs-rs';
  deployed: number;
  fresh: number;
}

/** The repository's migrations folder; verify it with base-ref `main`. */
export function realWorldChange(c: Change): string {
  const dir = mkdtempSync(join(tmpdir(), `pmg-${c.project}-`));
  const src = join(process.cwd(), '__fixtures__', 'real-world', c.project, 'migrations');
  const files = readdirSync(src)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  const versions = [...new Set(files.map((f) => f.split('_')[0]))];
  const take = (from: number, n: number) =>
    files.filter((f) => versions.slice(from, from + n).includes(f.split('_')[0]));
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: 'pmg',
    GIT_AUTHOR_EMAIL: 'pmg@example.com',
    GIT_COMMITTER_NAME: 'pmg',
    GIT_COMMITTER_EMAIL: 'pmg@example.com',
  };
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, env, stdio: 'pipe' });
  git('init', '-q', '-b', 'main');
  for (const f of take(0, c.deployed)) copyFileSync(join(src, f), join(dir, f));
  writeFileSync(join(dir, 'README.md'), `${c.project} migrations\n`);
  git('add', '.');
  git('commit', '-qm', 'deployed');
  for (const f of take(c.deployed, c.fresh)) copyFileSync(join(src, f), join(dir, f));
  return dir;
}
