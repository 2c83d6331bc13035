import { redact } from '../foundation/redact.js';
import type { Report } from '../model/report.js';
import { annotationsFor } from './annotations.js';
import { COMMENT_TARGET_CHARS, SUMMARY_LIMIT_BYTES } from './limits.js';
import { fitMarkdown, renderMarkdown } from './markdown.js';

export interface PublishableOptions {
  secrets: readonly string[];
  /** Where the JSON report is written, for the summary to point at. */
  reportPath: string;
  /** A SARIF file is written too: the note on findings that are not annotated says so. */
  sarif: boolean;
  /** The characters the comment's body may take (GitHub's limit less the marker); at most COMMENT_TARGET_CHARS. */
  commentRoom?: number;
  /** The docs/ folder's address: the pages' links are made absolute, so they work where GitHub shows them. */
  docsUrl?: string;
}

/** The renderer links each finding to its page by path in this project (`docs/rules/<id>.md`). */
const DOC_LINK = /\]\(docs\/((?:rules|findings)\/[a-z0-9-]+\.md)\)/g;

const bytes = (s: string) => Buffer.byteLength(s);
const chars = (s: string) => s.length;

/**
 * The job summary and the pull request comment of a report: one renderer, two sizes. The summary holds everything
 * up to GitHub's 1 MiB; the comment what needs a decision first, within COMMENT_TARGET_CHARS. Both are redacted,
 * and both say what they left out and where it is.
 */
export function publishable(report: Report, o: PublishableOptions): { summary: string; comment: string } {
  const { annotations, left } = annotationsFor(report);
  const unannotated = left
    ? `\n_${left} more finding(s) are not annotated (GitHub shows ${annotations.length ? 'at most 10 of each kind' : 'none'} per step); all are listed in the summary${o.sarif ? ' and in the SARIF file' : ''}._\n`
    : '';
  const linked = (md: string) => (o.docsUrl ? md.replace(DOC_LINK, (_, page: string) => `](${o.docsUrl}${page})`) : md);
  const render = (budget: number, size: (s: string) => number, rest: string) =>
    fitMarkdown(
      redact(
        linked(renderMarkdown(report, { budget: budget - size(unannotated), size: (md) => size(linked(md)), rest })),
        o.secrets,
      ) + unannotated,
      budget,
      size,
      rest,
    );
  return {
    summary: render(SUMMARY_LIMIT_BYTES, bytes, `the JSON report (${o.reportPath})`),
    comment: render(
      Math.min(COMMENT_TARGET_CHARS, o.commentRoom ?? COMMENT_TARGET_CHARS),
      chars,
      'the job summary of this run and the JSON report (report-path)',
    ),
  };
}
