import * as github from '@actions/github';

/** The types of an environment's protection rules, from GitHub's REST API (GITHUB_API_URL decides where). */
export async function environmentProtectionRules(token: string, owner: string, repo: string, environment: string): Promise<string[]> {
  const octokit = github.getOctokit(token);
  const r = await octokit.rest.repos.getEnvironment({ owner, repo, environment_name: environment });
  return (r.data.protection_rules ?? []).map((rule) => rule.type);
}
