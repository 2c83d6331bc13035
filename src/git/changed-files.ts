import { relative, resolve } from 'node:path';
import { git, mergeBase, repositoryRoot } from './git.js';

/** Paths relative to `dir` of git's NUL-separated output (paths relative to the repository's top). */
function underDir(out: string, top: string, dir: string): Set<string> {
  const root = resolve(dir);
  return new Set(
    out
      .split('\0')
      .filter(Boolean)
      .map((f) => relative(root, resolve(top, f))),
  );
}

/**
 * Files under `dir` added, changed or renamed since the merge base of `baseRef` and HEAD (committed or not), as
 * paths relative to `dir`.
 */
export async function changedFiles(baseRef: string, dir: string): Promise<Set<string>> {
  const top = await repositoryRoot(dir);
  const base = await mergeBase(baseRef, top);
  // Against the working tree, plus untracked files: locally, a migration not yet committed is part of the change.
  const changed = await git(['diff', '--name-only', '--diff-filter=AMR', '-z', base, '--', resolve(dir)], top);
  const untracked = await git(['ls-files', '--others', '--exclude-standard', '-z', '--', resolve(dir)], top);
  return underDir(`${changed}${untracked}`, top, dir);
}

/** Files under `dir` as they were at the merge base of `baseRef` and HEAD: what is deployed. */
export async function filesAtBase(baseRef: string, dir: string): Promise<Set<string>> {
  const top = await repositoryRoot(dir);
  const base = await mergeBase(baseRef, top);
  return underDir(await git(['ls-tree', '-r', '--name-only', '-z', base, '--', resolve(dir)], top), top, dir);
}
