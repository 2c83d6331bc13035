import * as core from '@actions/core';
import { parseConfig, type Config } from '../config/config.js';
import { readInputs, type RunnerContext } from '../config/inputs.js';
import { proveEnvironment } from '../gate/environment-proof.js';
import { environmentProtectionRules } from '../github/environment-rules.js';
import { failedReport, needsDatabase, runCommand } from '../commands/run-command.js';
import { stopRunningTools } from '../backup/run-tool.js';
import { CancelledError, InputError } from '../foundation/errors.js';
import { COMMAND_INFO } from '../model/commands.js';
import { exitCodeOf, INPUT_RULE, type Report } from '../model/report.js';
import { warmParser } from '../migrations/parse.js';
import type { Logger } from '../foundation/logger.js';
import { redact } from '../foundation/redact.js';
import { renderText } from '../report/text.js';
import { publish } from './publish.js';
import { actionsArtifactStore } from '../github/actions-artifacts.js';

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
      return environmentProtectionRules(
        config.githubToken,
        runner.repository.owner,
        runner.repository.repo,
        environment,
      );
    },
  });
}

/** How long a second signal waits for the report to be published before the process exits. */
const FORCED_PUBLISH_MS = 1500;

/**
 * Cancellation as GitHub does it: "Cancel workflow" sends SIGINT, then SIGTERM about 7.5 s later, then SIGKILL
 * 2.5 s after that. The first signal aborts the run (the running migration is cancelled on the server and rolled
 * back, pg_dump or pg_restore stopped with its server session), and the report lands within seconds. A second
 * one, should the run still be winding down, calls `stopNow`: the run stops there, before SIGKILL could leave
 * anything behind.
 */
function abortOnSignals(stopNow: (name: NodeJS.Signals) => Promise<void>): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  let stopping = false;
  const handlers = (['SIGINT', 'SIGTERM'] as const).map((name) => {
    const h = () => {
      if (controller.signal.aborted) {
        if (stopping) return;
        stopping = true;
        core.warning(`${name} received again: stopping now`);
        void stopNow(name).finally(() => process.exit(130));
        return;
      }
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
  let inputs: ReturnType<typeof readInputs> | undefined;
  let config: Config | undefined;
  let report: Report;
  let finishing: Promise<void> | undefined;
  // A second signal: the tools' process groups and server sessions end first; then the report, unless the run's
  // own is already being published, says the run was cancelled, and is published while there is time.
  const cancel = abortOnSignals(async (name) => {
    await stopRunningTools();
    const stopped = new CancelledError(
      name,
      'again before the run had wound down: it stopped at once, with its pg_dump or pg_restore and their server sessions; the history table shows what was applied',
    );
    finishing ??= finish(
      failedReport(inputs?.raw.command || 'unknown', stopped, {
        config,
        url: config?.databaseUrl,
        debug: core.isDebug(),
      }),
      config,
      inputs,
    );
    await Promise.race([finishing, new Promise((r) => setTimeout(r, FORCED_PUBLISH_MS).unref())]);
  });
  try {
    inputs = readInputs();
    config = parseConfig(inputs.raw, process.env);
    for (const s of config.secrets) core.setSecret(s);
    if (!config.databaseUrl && needsDatabase(config.command)) {
      throw new InputError([
        `database-url: required for command ${config.command}; pass it from a secret, e.g. database-url: \${{ secrets.DATABASE_URL }}`,
      ]);
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
    report = failedReport(inputs?.raw.command || 'unknown', err, {
      config,
      url: config?.databaseUrl,
      debug: core.isDebug(),
    });
  }
  // Still listening while the report is published: a signal now stops at once, with exit code 130.
  finishing ??= finish(report, config, inputs);
  await finishing;
  cancel.dispose();
}

/** Logs, publishes and sets the step's result; a configuration that never parsed publishes what it can. */
async function finish(
  report: Report,
  config: Config | undefined,
  inputs: ReturnType<typeof readInputs> | undefined,
): Promise<void> {
  const secrets = config?.secrets ?? [];
  core.info(redact(renderText(report), secrets));
  if (inputs) {
    const options = config ?? { secrets, comment: false, migrationsDir: inputs.raw['migrations-dir'] || 'migrations' };
    await core
      .group('publish the report', () => publish(report, options, inputs.runner))
      .catch((err) => core.warning(redact(`could not publish the report: ${(err as Error).message}`, secrets)));
  }
  if (!report.ok) {
    const problems = report.findings.filter((f) => f.rule === INPUT_RULE).map((f) => f.message);
    const first = report.findings.find((f) => f.severity === 'error');
    const message = problems.length
      ? `configuration error:\n${problems.join('\n')}`
      : `${report.command} ${report.cancelled ? 'cancelled' : 'failed'}: ${first?.message ?? 'see the report'}`;
    core.setFailed(redact(message, secrets));
    process.exitCode = exitCodeOf(report);
  }
}
