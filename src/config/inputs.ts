import * as core from '@actions/core';
import * as github from '@actions/github';
import type { PullRequest } from '../github/pr-comment.js';
import { join } from 'node:path';
import { INPUTS, type InputName, type RawConfig } from './inputs-spec.js';

/** What the runner tells the action besides its inputs. */
export interface RunnerContext {
  /** Recorded in the history table's applied_by: repository, commit, workflow run. */
  appliedBy: string;
  reportPath: string;
  /** Set on pull_request events: where the living comment goes. */
  pullRequest?: PullRequest;
  backupDir: string;
  /** owner/repo of GITHUB_REPOSITORY. */
  repository?: { owner: string; repo: string };
  /** The run, when GitHub's artifact service is reachable (ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL set). */
  artifactRun?: { runId: number; attempt: number; owner: string; repo: string };
}

/** The only place the action reads its inputs and the runner's environment. */
export function readInputs(): { raw: RawConfig; runner: RunnerContext } {
  const raw: RawConfig = {};
  for (const name of Object.keys(INPUTS) as InputName[]) raw[name] = core.getInput(name);
  const env = process.env;
  // On a pull request the change is what differs from its base branch.
  if (!raw['base-ref'] && env.GITHUB_BASE_REF) raw['base-ref'] = `origin/${env.GITHUB_BASE_REF}`;
  const run = env.GITHUB_RUN_ID ? ` run ${env.GITHUB_RUN_ID}/${env.GITHUB_RUN_ATTEMPT ?? '1'}` : '';
  const who = env.GITHUB_ACTOR ? ` by ${env.GITHUB_ACTOR}` : '';
  return {
    raw,
    runner: {
      appliedBy: `github:${env.GITHUB_REPOSITORY ?? 'unknown'}@${(env.GITHUB_SHA ?? 'unknown').slice(0, 12)}${run}${who}`,
      reportPath: join(env.RUNNER_TEMP || process.cwd(), 'pg-migration-gate', 'report.json'),
      pullRequest: pullRequestOf(),
      backupDir: join(env.RUNNER_TEMP || process.cwd(), 'pg-migration-gate', 'backups'),
      repository: env.GITHUB_REPOSITORY ? github.context.repo : undefined,
      artifactRun:
        env.ACTIONS_RUNTIME_TOKEN && env.ACTIONS_RESULTS_URL && env.GITHUB_REPOSITORY
          ? { runId: Number(env.GITHUB_RUN_ID ?? 0), attempt: Number(env.GITHUB_RUN_ATTEMPT ?? 1), ...github.context.repo }
          : undefined,
    },
  };
}

function pullRequestOf(): PullRequest | undefined {
  const number = github.context.payload.pull_request?.number;
  if (!number || !process.env.GITHUB_REPOSITORY) return undefined;
  return { ...github.context.repo, number };
}
