import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { InputError } from '../foundation/errors.js';

const run = promisify(execFile);

export async function git(args: string[], cwd: string): Promise<string> {
  const { stdout } = await run('git', args, { cwd, maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

/** The repository's top folder, or an InputError saying base-ref needs a checkout. */
export async function repositoryRoot(dir: string): Promise<string> {
  const top = (await git(['rev-parse', '--show-toplevel'], dir).catch(() => '')).trim();
  if (!top)
    throw new InputError([
      `base-ref: '${dir}' is not inside a git checkout; run where the repository is checked out, or leave base-ref empty`,
    ]);
  return top;
}

/**
 * The merge base of baseRef and HEAD. A clone without the base (a shallow checkout) is refused with the fix,
 * never silently treated as "everything is new".
 */
export async function mergeBase(baseRef: string, top: string): Promise<string> {
  try {
    await git(['rev-parse', '--verify', '--quiet', `${baseRef}^{commit}`], top);
    return (await git(['merge-base', baseRef, 'HEAD'], top)).trim();
  } catch (cause) {
    throw new InputError(
      [
        `base-ref: '${baseRef}' is not in this clone, or shares no history with HEAD (a shallow checkout?); use actions/checkout with fetch-depth: 0, or git fetch the base branch first`,
      ],
      { cause },
    );
  }
}
