import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The product compiled from src/ as it is now (tsc, no bundle), for tests that must send signals to a real process:
 * the CLI and the action start as the committed bundle would, from JavaScript beside the repository's
 * node_modules. Compiled once per test file; returns the CLI's and the action's entry files.
 */
export function buildSource(): { cli: string; action: string } {
  const out = join(process.cwd(), 'node_modules', '.cache', 'pmg-source');
  try {
    execFileSync(
      process.execPath,
      [
        join(process.cwd(), 'node_modules', 'typescript', 'bin', 'tsc'),
        '-p',
        'tsconfig.json',
        '--noEmit',
        'false',
        '--outDir',
        out,
      ],
      { stdio: 'ignore' },
    );
  } catch {
    // A type error elsewhere still emits JavaScript; only a missing entry file is fatal.
  }
  for (const f of ['cli/bin.js', 'action/index.js'])
    if (!existsSync(join(out, 'src', f))) throw new Error(`tsc did not emit src/${f} into ${out}`);
  return { cli: join(out, 'src', 'cli', 'bin.js'), action: join(out, 'src', 'action', 'index.js') };
}
