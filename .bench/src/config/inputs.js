import * as core from '@actions/core';
import { join } from 'node:path';
import { INPUTS } from './inputs-spec.js';
/** The only place the action reads its inputs and the runner's environment. */
export function readInputs() {
    const raw = {};
    for (const name of Object.keys(INPUTS))
        raw[name] = core.getInput(name);
    const env = process.env;
    const run = env.GITHUB_RUN_ID ? ` run ${env.GITHUB_RUN_ID}/${env.GITHUB_RUN_ATTEMPT ?? '1'}` : '';
    const who = env.GITHUB_ACTOR ? ` by ${env.GITHUB_ACTOR}` : '';
    return {
        raw,
        runner: {
            appliedBy: `github:${env.GITHUB_REPOSITORY ?? 'unknown'}@${(env.GITHUB_SHA ?? 'unknown').slice(0, 12)}${run}${who}`,
            reportPath: join(env.RUNNER_TEMP || process.cwd(), 'pg-migration-gate', 'report.json'),
        },
    };
}
