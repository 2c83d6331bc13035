import * as core from '@actions/core';
import { parseConfig } from './config/config.js';
import { readInputs } from './config/inputs.js';
import { needsDatabase, runCommand } from './commands/run.js';
import { InputError } from './errors.js';
import type { Logger } from './logger.js';
import { redact } from './redact.js';
import { writeReport } from './report/json.js';
import { renderText } from './report/text.js';

function actionLogger(secrets: readonly string[]): Logger {
  return {
    info: (m) => core.info(redact(m, secrets)),
    warn: (m) => core.warning(redact(m, secrets)),
    group: (name, fn) => core.group(redact(name, secrets), fn),
  };
}

/** The action: inputs -> config -> command -> report, outputs and logs. The only place that fails the step. */
export async function run(): Promise<void> {
  let secrets: string[] = [];
  try {
    const { raw, runner } = readInputs();
    const config = parseConfig(raw);
    secrets = config.secrets;
    for (const s of secrets) core.setSecret(s);
    if (!config.databaseUrl && needsDatabase(config.command)) {
      throw new InputError([`database-url: required for command ${config.command}; pass it from a secret, e.g. database-url: \${{ secrets.DATABASE_URL }}`]);
    }
    const log = actionLogger(secrets);
    const report = await log.group(`pg-migration-gate ${config.command}`, () =>
      runCommand(config, { databaseUrl: config.databaseUrl, log, appliedBy: runner.appliedBy }),
    );
    writeReport(runner.reportPath, report, secrets);
    core.setOutput('pending', report.pending.length);
    core.setOutput('applied', report.applied.length);
    core.setOutput('plan-hash', report.planHash ?? '');
    core.setOutput('report-path', runner.reportPath);
    core.setOutput('findings', report.findings.length);
    core.setOutput('errors', report.findings.filter((f) => f.severity === 'error').length);
    core.setOutput('warnings', report.findings.filter((f) => f.severity === 'warning').length);
    core.info(redact(renderText(report), secrets));
    if (!report.ok) {
      const first = report.findings.find((f) => f.severity === 'error');
      core.setFailed(redact(`${config.command} failed: ${first?.message ?? 'see the report'}`, secrets));
    }
  } catch (err) {
    const message = err instanceof InputError ? `configuration error:\n${err.message}` : String((err as Error)?.stack ?? err);
    core.setFailed(redact(message, secrets));
  }
}
