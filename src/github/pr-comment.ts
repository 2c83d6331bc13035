import type { PullRequest } from '../config/inputs.js';

/** The token cannot write comments (a fork's pull request, or `pull-requests: write` missing). */
export class CommentPermissionError extends Error {
  override name = 'CommentPermissionError';
}

/** A hidden marker finds this tool's comment again; the key keeps comments of different jobs apart. */
export function marker(key: string): string {
  return `<!-- pg-migration-gate: ${key} -->`;
}

/**
 * Creates the pull request's comment, or updates the one found by its marker: one living comment per key,
 * whatever the number of runs. Talks to GitHub's REST API through @actions/github (GITHUB_API_URL decides where),
 * loaded here, when a comment is written, not with the action: most runs write none.
 */
export async function upsertComment(
  token: string,
  pr: PullRequest,
  key: string,
  body: string,
): Promise<{ action: 'created' | 'updated'; url: string }> {
  const octokit = (await import('@actions/github')).getOctokit(token);
  const tag = marker(key);
  const text = `${tag}\n${body}`;
  try {
    const comments = await octokit.paginate(octokit.rest.issues.listComments, {
      owner: pr.owner,
      repo: pr.repo,
      issue_number: pr.number,
      per_page: 100,
    });
    const mine = comments.find((c) => c.body?.includes(tag));
    if (mine) {
      const r = await octokit.rest.issues.updateComment({
        owner: pr.owner,
        repo: pr.repo,
        comment_id: mine.id,
        body: text,
      });
      return { action: 'updated', url: r.data.html_url };
    }
    const r = await octokit.rest.issues.createComment({
      owner: pr.owner,
      repo: pr.repo,
      issue_number: pr.number,
      body: text,
    });
    return { action: 'created', url: r.data.html_url };
  } catch (err) {
    const status = (err as { status?: number }).status;
    if (status === 403 || status === 404 || status === 401) {
      throw new CommentPermissionError(
        `could not write the pull request comment (HTTP ${status}): the token needs permissions: pull-requests: write (a pull request from a fork gets a read-only token); the job summary and annotations still carry the report`,
        { cause: err },
      );
    }
    throw err;
  }
}
