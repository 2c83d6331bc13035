import * as core from '@actions/core';
import { parseConfig, type Config } from './config/config.js';
import { readInputs, type RunnerContext } from './config/inputs.js';
import { proveEnvironment } from './gate/environment.js';
import { environmentProtectionRules } from './github/environment.js';
import { failedReport, needsDatabase, runCommand } from './commands/run.js';
import { InputError } from './errors.js';
import { COMMAND_INFO } from './model/commands.js';
import { exitCodeOf, INPUT_RULE, type Report } from './model/report.js';
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
  if (!COMMAND_INFO[config.command].writes) return undefined;
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

/**
 * Cancellation as GitHub does it: "Cancel workflow" sends SIGINT, then SIGTERM, then SIGKILL. The first signal
 * aborts the run (the running migration is cancelled on the server and rolled back), and the report still
 * lands; nothing else is done differently.
 */
function abortOnSignals(): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const handlers = (['SIGINT', 'SIGTERM'] as const).map((name) => {
    const h = () => {
      core.warning(`${name} received: cancelling the run`);
      controller.abort(name);
    };
    process.on(name, h);
    return [name, h] as const;
  });
  return { signal: controller.signal, dispose: () => handlers.forEach(([name, h]) => process.off(name, h)) };
}

/** The action: inputs -> config -> command -> report, outputs and logs. The only place that fails the step. */
export async function run(): Promise<void> {
  warmParser();
  const cancel = abortOnSignals();
  let inputs: ReturnType<typeof readInputs> | undefined;
  let config: Config | undefined;
  let report: Report;
  try {
    inputs = readInputs();
    config = parseConfig(inputs.raw, process.env);
    for (const s of config.secrets) core.setSecret(s);
    if (!config.databaseUrl && needsDatabase(config.command)) {
      throw new InputError([`database-url: required for command ${config.command}; pass it from a secret, e.g. database-url: \${{ secrets.DATABASE_URL }}`]);
    }
    const gate = await gateOf(config, inputs.runner);
    const artifacts = inputs.runner.artifactRun && { store: actionsArtifactStore(), ...inputs.runner.artifactRun };
    report = await runCommand(config, {
      databaseUrl: config.databaseUrl,
      log: actionLogger(config.secrets),
      appliedBy: inputs.runner.appliedBy,
      backupDir: inputs.runner.backupDir,
      artifacts,
      githubToken: config.githubToken,
      signal: cancel.signal,
      debug: core.isDebug(),
    });
    if (gate) report.notes.unshift(gate);
  } catch (err) {
    report = failedReport(inputs?.raw.command || 'unknown', err, { config, url: config?.databaseUrl, debug: core.isDebug() });
  } finally {
    cancel.dispose();
  }
  await finish(report, config, inputs);
}

/** Logs, publishes and sets the step's result; a configuration that never parsed publishes what it can. */
async function finish(report: Report, config: Config | undefined, inputs: ReturnType<typeof readInputs> | undefined): Promise<void> {
  const secrets = config?.secrets ?? [];
  core.info(redact(renderText(report), secrets));
  if (inputs) {
    const options = config ?? { secrets, comment: false, migrationsDir: inputs.raw['migrations-dir'] || 'migrations' };
    await core.group('publish the report', () => publish(report, options, inputs.runner)).catch((err) => core.warning(redact(`could not publish the report: ${(err as Error).message}`, secrets)));
  }
  if (!report.ok) {
    const problems = report.findings.filter((f) => f.rule === INPUT_RULE).map((f) => f.message);
    const first = report.findings.find((f) => f.severity === 'error');
    const message = problems.length ? `configuration error:\n${problems.join('\n')}` : `${report.command} ${report.cancelled ? 'cancelled' : 'failed'}: ${first?.message ?? 'see the report'}`;
    core.setFailed(redact(message, secrets));
    process.exitCode = exitCodeOf(report);
  }
}
