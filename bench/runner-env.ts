import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import YAML from 'yaml';

/**
 * The environment the runner gives the action's step: every input of action.yml as INPUT_<NAME> with its default
 * (an expression such as ${{ github.token }} has no value here), the given inputs over them, and the runner's
 * files, emptied for each run.
 */
export function runnerEnv(given: Record<string, string>, runnerTemp: string): NodeJS.ProcessEnv {
  const { inputs } = YAML.parse(readFileSync('action.yml', 'utf8')) as { inputs: Record<string, { default?: string }> };
  for (const name of Object.keys(given)) if (!(name in inputs)) throw new Error(`action.yml has no input ${name}`);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GITHUB_ACTIONS: 'true',
    RUNNER_TEMP: runnerTemp,
    GITHUB_WORKSPACE: process.cwd(),
  };
  for (const [name, spec] of Object.entries(inputs)) {
    const value = given[name] ?? spec.default ?? '';
    env[`INPUT_${name.toUpperCase()}`] = value.includes('${{') ? '' : value;
  }
  env.GITHUB_OUTPUT = join(runnerTemp, 'output');
  env.GITHUB_STEP_SUMMARY = join(runnerTemp, 'summary');
  writeFileSync(env.GITHUB_OUTPUT, '');
  writeFileSync(env.GITHUB_STEP_SUMMARY, '');
  return env;
}

/** The action's `applied` output, from the file @actions/core writes (name<<delimiter, value, delimiter). */
export function appliedOutput(outputFile: string): number {
  return Number(/^applied<<(.+)\n(.*)\n\1$/m.exec(readFileSync(outputFile, 'utf8'))?.[2]);
}
