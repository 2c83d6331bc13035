/**
 * The types of an environment's protection rules, from GitHub's REST API (GITHUB_API_URL decides where).
 * Octokit is loaded here, when asked, not with the action: only a gated apply or restore needs it.
 */
export async function environmentProtectionRules(
  token: string,
  owner: string,
  repo: string,
  environment: string,
): Promise<string[]> {
  const octokit = (await import('@actions/github')).getOctokit(token);
  const r = await octokit.rest.repos.getEnvironment({ owner, repo, environment_name: environment });
  return (r.data.protection_rules ?? []).map((rule) => rule.type);
}
