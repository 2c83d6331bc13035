import { readFileSync } from 'node:fs';
import { jest } from '@jest/globals';
import { parseOutputFile, runnerEnv, type ActionRun } from './action-runner.js';

/** Captures what the code under test writes to stdout and stderr while fn runs. */
async function capture<T>(fn: () => Promise<T>): Promise<{ value: T; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = jest
    .spyOn(process.stdout, 'write')
    .mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
  const err = jest
    .spyOn(process.stderr, 'write')
    .mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
  const log = jest.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void (stdout += `${a.join(' ')}\n`));
  const error = jest
    .spyOn(console, 'error')
    .mockImplementation((...a: unknown[]) => void (stderr += `${a.join(' ')}\n`));
  try {
    return { value: await fn(), stdout, stderr };
  } finally {
    for (const s of [out, err, log, error]) s.mockRestore();
  }
}

/**
 * The action from source, in this process: the same environment the runner gives the bundle, then main.ts's
 * run(). The exit code is what @actions/core leaves in process.exitCode.
 */
export async function runActionInProcess(inputs: Record<string, string>): Promise<ActionRun> {
  const { env, runnerTemp, outputFile, summaryFile } = runnerEnv(inputs);
  const saved = { ...process.env };
  Object.assign(process.env, env);
  process.exitCode = undefined;
  try {
    const { run } = await import('../../src/action/main.js');
    const { stdout, stderr } = await capture(() => run());
    return {
      code: Number(process.exitCode ?? 0),
      stdout,
      stderr,
      outputs: parseOutputFile(readFileSync(outputFile, 'utf8')),
      summary: readFileSync(summaryFile, 'utf8'),
      runnerTemp,
    };
  } finally {
    process.exitCode = undefined;
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  }
}

/** The CLI from source, in this process: cli.ts's main(argv), its exit code and what it printed. */
export async function runCliInProcess(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const { main } = await import('../../src/cli/cli.js');
  const { value, stdout, stderr } = await capture(() => main(args));
  return { code: value, stdout, stderr };
}
