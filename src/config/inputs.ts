import * as core from '@actions/core';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { INPUTS, type InputName, type RawConfig } from './inputs-spec.js';

/** The pull request a run belongs to, read from the event. */
export interface PullRequest {
  owner: string;
  repo: string;
  number: number;
}

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
  /**
   * Where this action's docs/ folder is on GitHub, at the version the workflow uses (`uses: owner/repo@ref`, or the
   * workspace's commit for `uses: ./`), for links that work in a job summary and a pull request comment.
   */
  docsUrl?: string;
}

/** The action's own repository and ref as the runner names them; the workspace's for a local `uses: ./`. */
function docsUrlOf(env: NodeJS.ProcessEnv): string | undefined {
  const server = env.GITHUB_SERVER_URL || 'https://github.com';
  if (env.GITHUB_ACTION_REPOSITORY && env.GITHUB_ACTION_REF)
    return `${server}/${env.GITHUB_ACTION_REPOSITORY}/blob/${env.GITHUB_ACTION_REF}/docs/`;
  if (env.GITHUB_REPOSITORY && env.GITHUB_SHA) return `${server}/${env.GITHUB_REPOSITORY}/blob/${env.GITHUB_SHA}/docs/`;
  return undefined;
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
  const repository = repositoryOf();
  return {
    raw,
    runner: {
      appliedBy: `github:${env.GITHUB_REPOSITORY ?? 'unknown'}@${(env.GITHUB_SHA ?? 'unknown').slice(0, 12)}${run}${who}`,
      reportPath: join(env.RUNNER_TEMP || process.cwd(), 'pg-migration-gate', 'report.json'),
      pullRequest: repository && pullRequestOf(repository),
      backupDir: join(env.RUNNER_TEMP || process.cwd(), 'pg-migration-gate', 'backups'),
      repository,
      docsUrl: docsUrlOf(env),
      artifactRun:
        env.ACTIONS_RUNTIME_TOKEN && env.ACTIONS_RESULTS_URL && repository
          ? { runId: Number(env.GITHUB_RUN_ID ?? 0), attempt: Number(env.GITHUB_RUN_ATTEMPT ?? 1), ...repository }
          : undefined,
    },
  };
}

// The repository and the event are read here as @actions/github's context reads them, not through that package:
// importing it loads octokit, which most runs never use.
function repositoryOf(): { owner: string; repo: string } | undefined {
  const [owner, repo] = (process.env.GITHUB_REPOSITORY ?? '').split('/');
  return owner && repo ? { owner, repo } : undefined;
}

function pullRequestOf(repository: { owner: string; repo: string }): PullRequest | undefined {
  const event = process.env.GITHUB_EVENT_PATH;
  if (!event || !existsSync(event)) return undefined;
  const number = (JSON.parse(readFileSync(event, 'utf8')) as { pull_request?: { number?: number } }).pull_request
    ?.number;
  return number ? { ...repository, number } : undefined;
}
