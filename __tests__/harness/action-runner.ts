import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  runnerTemp: string;
}

/** Parses the `name<<delimiter … delimiter` records @actions/core writes to $GITHUB_OUTPUT. */
export function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<]+)<<(.+)$/.exec(lines[i]);
    if (!m) continue;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i]);
    out[m[1]] = value.join('\n');
  }
  return out;
}

/**
 * Runs the bundled action as the runner does: inputs as INPUT_<NAME> variables (upper-case, hyphens kept),
 * GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files, RUNNER_TEMP, the workspace as working directory.
 */
export async function runAction(
  inputs: Record<string, string>,
  opts: { workspace?: string; env?: Record<string, string>; node?: string } = {},
): Promise<ActionRun> {
  const entry = join(process.cwd(), 'dist', 'index.js');
  if (!existsSync(entry)) throw new Error('dist/index.js is missing: run npm run build first');
  const { env, runnerTemp, outputFile, summaryFile } = runnerEnv(inputs, opts);
  // opts.node: another Node.js binary to start the bundle with (the runtime action.yml names); default this one.
  const child = spawn(opts.node ?? process.execPath, [entry], { cwd: opts.workspace ?? process.cwd(), env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const code = await new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (c) => resolve(c ?? -1));
  });
  return {
    code,
    stdout,
    stderr,
    outputs: parseOutputFile(readFileSync(outputFile, 'utf8')),
    summary: readFileSync(summaryFile, 'utf8'),
    runnerTemp,
  };
}

/** The environment the runner gives an action step: inputs, output and summary files, the run's identity. */
export function runnerEnv(
  inputs: Record<string, string>,
  opts: { workspace?: string; env?: Record<string, string> } = {},
) {
  const runnerTemp = mkdtempSync(join(tmpdir(), 'pmg-runner-'));
  const outputFile = join(runnerTemp, 'output');
  const summaryFile = join(runnerTemp, 'summary');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/root',
    GITHUB_ACTIONS: 'true',
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_WORKSPACE: opts.workspace ?? process.cwd(),
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_ACTOR: 'octocat',
    RUNNER_TEMP: runnerTemp,
    ...opts.env,
  };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
  return { env, runnerTemp, outputFile, summaryFile };
}
