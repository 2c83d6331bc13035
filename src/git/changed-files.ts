import { execFile } from 'node:child_process';
import { relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { InputError } from '../errors.js';

const run = promisify(execFile);

async function git(args: string[], cwd: string): Promise<string> {
  const { stdout } = await run('git', args, { cwd, maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

/**
 * Files under `dir` added, changed or renamed since the merge base of `baseRef` and HEAD (committed or not), as
 * paths relative to `dir`. A clone without the base (a shallow checkout) is refused with the fix, never silently linted whole.
 */
export async function changedFiles(baseRef: string, dir: string): Promise<Set<string>> {
  const top = (await git(['rev-parse', '--show-toplevel'], dir).catch(() => '')).trim();
  if (!top) throw new InputError([`base-ref: '${dir}' is not inside a git checkout; run where the repository is checked out, or leave base-ref empty to lint the whole folder`]);
  let base: string;
  try {
    await git(['rev-parse', '--verify', '--quiet', `${baseRef}^{commit}`], top);
    base = (await git(['merge-base', baseRef, 'HEAD'], top)).trim();
  } catch (cause) {
    throw new InputError(
      [`base-ref: '${baseRef}' is not in this clone, or shares no history with HEAD (a shallow checkout?); use actions/checkout with fetch-depth: 0, or git fetch the base branch first`],
      { cause },
    );
  }
  const root = resolve(dir);
  // Against the working tree, plus untracked files: locally, a migration not yet committed is part of the change.
  const changed = await git(['diff', '--name-only', '--diff-filter=AMR', '-z', base, '--', root], top);
  const untracked = await git(['ls-files', '--others', '--exclude-standard', '-z', '--', root], top);
  return new Set(`${changed}${untracked}`.split('\0').filter(Boolean).map((f) => relative(root, resolve(top, f))));
}
