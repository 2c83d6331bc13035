import * as core from '@actions/core';
import { parseConfig } from './config/config.js';
import { readInputs } from './config/inputs.js';
import { needsDatabase, runCommand } from './commands/run.js';
import { InputError } from './errors.js';
import type { Logger } from './logger.js';
import { redact } from './redact.js';
import { renderText } from './report/text.js';
import { publish } from './publish.js';
import { actionsArtifactStore } from './github/artifact-store.js';

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
    const artifacts = runner.artifactRun && { store: actionsArtifactStore(), ...runner.artifactRun };
    const report = await runCommand(config, {
      databaseUrl: config.databaseUrl,
      log,
      appliedBy: runner.appliedBy,
      backupDir: runner.backupDir,
      artifacts,
      githubToken: config.githubToken,
    });
    core.info(redact(renderText(report), secrets));
    await log.group('publish the report', () => publish(report, config, runner));
    if (!report.ok) {
      const first = report.findings.find((f) => f.severity === 'error');
      core.setFailed(redact(`${config.command} failed: ${first?.message ?? 'see the report'}`, secrets));
    }
  } catch (err) {
    const message = err instanceof InputError ? `configuration error:\n${err.message}` : String((err as Error)?.stack ?? err);
    core.setFailed(redact(message, secrets));
  }
}
