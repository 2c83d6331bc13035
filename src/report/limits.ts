/** GitHub's limits, named once. */

/** $GITHUB_STEP_SUMMARY takes at most 1 MiB per step. */
export const SUMMARY_LIMIT_BYTES = 1024 * 1024;

/** An issue or pull request comment holds at most 65,536 characters. */
export const COMMENT_LIMIT_CHARS = 65_536;

/**
 * What the pull request comment aims to stay under, well inside GitHub's limit: an approver reads it in seconds.
 * Detail and the lowest-ranked entries are left out first, each said so; the job summary has all of it.
 */
export const COMMENT_TARGET_CHARS = 24_000;

/** GitHub shows at most 10 annotations of each kind (error, warning, notice) per step. */
export const ANNOTATIONS_PER_KIND = 10;
