import * as core from '@actions/core';
import type { Config } from '../config/config.js';
import type { RunnerContext } from '../config/inputs.js';
import { CommentPermissionError, marker, upsertComment } from '../github/pr-comment.js';
import { redact } from '../foundation/redact.js';
import { annotationsFor } from '../report/annotations.js';
import { writeReport } from '../report/json.js';
import { COMMENT_LIMIT_CHARS } from '../report/limits.js';
import { publishable } from '../report/publishable.js';
import type { Report } from '../model/report.js';
import { writeSarif } from '../report/sarif.js';
import { VERSION } from '../foundation/product-version.js';

/** What publishing reads of the configuration; a run whose configuration did not parse passes what it has. */
export type PublishOptions = Pick<Config, 'secrets' | 'sarifFile' | 'comment' | 'githubToken' | 'migrationsDir'>;

/**
 * Publishes a report where people look: the JSON file and outputs, annotations on the migration files, the job
 * summary, SARIF when asked, and one living pull request comment. One renderer (renderMarkdown) for the summary and
 * the comment, each within its size, redacted once.
 */
export async function publish(report: Report, config: PublishOptions, runner: RunnerContext): Promise<void> {
  const secrets = config.secrets;
  writeReport(runner.reportPath, report, secrets);
  const count = (s: string) => report.findings.filter((f) => f.severity === s).length;
  core.setOutput('pending', report.pending.length);
  // Restored over by on-failure: restore, the run's migrations are no longer applied.
  core.setOutput('applied', report.afterFailure === 'restored' ? 0 : report.applied.length);
  core.setOutput('plan-hash', report.planHash ?? '');
  core.setOutput('report-path', runner.reportPath);
  core.setOutput('findings', report.findings.length);
  core.setOutput('errors', count('error'));
  core.setOutput('warnings', count('warning'));
  if (report.backup) {
    core.setOutput('backup-path', report.backup.path);
    core.setOutput('backup-sha256', report.backup.sha256);
    core.setOutput('backup-size', report.backup.size);
    core.setOutput('backup-artifact-id', report.backup.artifactId ?? '');
  }

  for (const a of annotationsFor(report).annotations) {
    const props = { title: a.title, file: a.file, startLine: a.startLine, startColumn: a.startColumn };
    (a.level === 'error' ? core.error : core.warning)(redact(a.message, secrets), props);
  }

  const key = `${report.command} ${config.migrationsDir}`;
  const { summary, comment } = publishable(report, {
    secrets,
    reportPath: runner.reportPath,
    sarif: !!config.sarifFile,
    commentRoom: COMMENT_LIMIT_CHARS - marker(key).length - 1,
    docsUrl: runner.docsUrl,
  });
  if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(summary).write();

  if (config.sarifFile) writeSarif(config.sarifFile, report, VERSION, secrets);

  if (config.comment && runner.pullRequest && config.githubToken) {
    try {
      const r = await upsertComment(config.githubToken, runner.pullRequest, key, comment);
      core.info(`pull request comment ${r.action}: ${r.url}`);
    } catch (err) {
      // A comment that cannot be written never fails the check: the report is in the summary anyway.
      core.warning(
        redact(
          err instanceof CommentPermissionError
            ? err.message
            : `could not write the pull request comment: ${(err as Error).message}`,
          secrets,
        ),
      );
    }
  }
}
