import * as core from '@actions/core';
import { parseConfig, type Config } from './config/config.js';
import { readInputs, type RunnerContext } from './config/inputs.js';
import { proveEnvironment } from './gate/environment.js';
import { environmentProtectionRules } from './github/environment.js';
import { needsDatabase, runCommand } from './commands/run.js';
import { InputError } from './errors.js';
import { warmParser } from './migrations/parse.js';
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

/**
 * apply and restore change a production database: they run only in a job proven to be bound to the named,
 * protected environment, unless allow-ungated says otherwise (and then the run says so, loudly).
 */
async function gateOf(config: Config, runner: RunnerContext): Promise<string | undefined> {
  if (config.command !== 'apply' && config.command !== 'restore') return undefined;
  if (config.allowUngated) {
    const note = `allow-ungated: true — ${config.command} ran without proof of a protected environment`;
    core.warning(note);
    return note;
  }
  return proveEnvironment(config.environment, {
    idToken: () => core.getIDToken(),
    protectionRules: async (environment) => {
      if (!config.githubToken || !runner.repository) throw new Error('no github-token to read the environment with');
      return environmentProtectionRules(config.githubToken, runner.repository.owner, runner.repository.repo, environment);
    },
  });
}

/** The action: inputs -> config -> command -> report, outputs and logs. The only place that fails the step. */
export async function run(): Promise<void> {
  warmParser();
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
    const gate = await gateOf(config, runner);
    const artifacts = runner.artifactRun && { store: actionsArtifactStore(), ...runner.artifactRun };
    const report = await runCommand(config, {
      databaseUrl: config.databaseUrl,
      log,
      appliedBy: runner.appliedBy,
      backupDir: runner.backupDir,
      artifacts,
      githubToken: config.githubToken,
    });
    if (gate) report.notes.unshift(gate);
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
