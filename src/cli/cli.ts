import { parseCliArgs, usage, type CliArgs } from '../config/cli-args.js';
import { parseConfig, type Config } from '../config/config.js';
import { COMMAND_INFO } from '../model/commands.js';
import { exitCodeOf, INPUT_RULE, type Report } from '../model/report.js';
import type { EmbeddedServer } from './embedded-server.js';
import { InputError } from '../foundation/errors.js';
import { warmParser } from '../migrations/parse.js';
import type { Logger } from '../foundation/logger.js';
import { redact } from '../foundation/redact.js';
import { renderJson, writeReport } from '../report/json.js';
import { renderMarkdown } from '../report/markdown.js';
import { writeSarif } from '../report/sarif.js';
import { renderText } from '../report/text.js';
import { VERSION } from '../foundation/product-version.js';

// Loaded when used: the database client, the throwaway server and the prompt are not needed by every command, and
// lint, which needs none of them, starts in a fraction of the time without them.
const loadCommands = () => import('../commands/run-command.js');

/** The CLI has no environment gate: it asks before changing a database it did not start, unless --yes. */
async function confirm(command: string, url: string): Promise<void> {
  const [{ targetIdentity }, { createInterface }] = await Promise.all([
    import('../connection/url.js'),
    import('node:readline/promises'),
  ]);
  const target = targetIdentity(url);
  if (!process.stdin.isTTY) {
    throw new InputError([`${command} changes ${target}: pass --yes to confirm (no terminal to ask on)`]);
  }
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    // Ctrl-C at the prompt ends readline with an AbortError: the same answer as "no".
    const answer = await rl.question(`${command} will change ${target}. Continue? [y/N] `).catch(() => '');
    if (!/^y(es)?$/i.test(answer.trim())) throw new InputError([`${command} cancelled: nothing was changed`]);
  } finally {
    rl.close();
  }
}

/**
 * The first SIGINT or SIGTERM cancels the run: the running migration is cancelled on the server and rolled back,
 * pg_dump or pg_restore is stopped with its server session, and the report is still printed. A second one, or one
 * while nothing runs yet, stops at once (stopNow: the tools and the throwaway server first), exit code 130.
 */
function cancelOnSignals(stopNow: (name: NodeJS.Signals) => Promise<void>): {
  signal: AbortSignal;
  running(on: boolean): void;
  dispose(): void;
} {
  const controller = new AbortController();
  let running = false;
  let stopping = false;
  const on = (name: NodeJS.Signals) => {
    if (!running || controller.signal.aborted) {
      if (stopping) return;
      stopping = true;
      console.error(`${name} received${running ? ' again' : ''}: stopping now`);
      void stopNow(name).finally(() => process.exit(130));
      return;
    }
    console.error(`${name} received: cancelling the run (send it again to stop at once)`);
    controller.abort(name);
  };
  process.on('SIGINT', on).on('SIGTERM', on);
  return {
    signal: controller.signal,
    running: (v) => (running = v),
    dispose: () => process.off('SIGINT', on).off('SIGTERM', on),
  };
}

/** The CLI: argv -> the same config and commands as the action -> console. The only place that sets an exit code. */
export async function main(argv: string[]): Promise<number> {
  warmParser();
  let server: EmbeddedServer | undefined;
  let starting: Promise<EmbeddedServer> | undefined;
  // Also a server still starting: a signal then must not leave its postmaster and data folder behind.
  const stop = async () => {
    const s = server ?? (await starting?.catch(() => undefined));
    server = undefined;
    starting = undefined;
    await s?.stop();
  };
  let args: CliArgs | undefined;
  let config: Config | undefined;
  let report: Report;
  let started = false;
  let printed = false;
  // A second signal: the tools' process groups and server sessions end first, then the throwaway server; a run
  // that had started and printed nothing yet prints a report that says it was cancelled.
  const cancel = cancelOnSignals(async (name) => {
    const tools = await import('../backup/run-tool.js');
    await tools.stopRunningTools();
    await stop();
    if (!started || printed) return;
    printed = true;
    const { CancelledError } = await import('../foundation/errors.js');
    const stopped = new CancelledError(
      name,
      'again before the run had wound down: it stopped at once, with its pg_dump or pg_restore and their server sessions; the history table shows what was applied',
    );
    print(
      (await loadCommands()).failedReport(config!.command, stopped, {
        config,
        url: config?.databaseUrl,
        debug: args?.debug,
      }),
      args,
      config,
    );
  });
  try {
    args = parseCliArgs(argv, process.env);
    if (args.help) {
      console.log(usage(args.help === 'all' ? undefined : args.help));
      return 0;
    }
    if (args.version) {
      console.log(VERSION);
      return 0;
    }
    config = parseConfig(args.raw, process.env);
    const secrets = config.secrets;
    const log: Logger = {
      info: (m) => console.error(redact(m, secrets)),
      warn: (m) => console.error(`warning: ${redact(m, secrets)}`),
      group: async (name, fn) => {
        console.error(`== ${redact(name, secrets)}`);
        return fn();
      },
    };
    let url = config.databaseUrl;
    if (!url && COMMAND_INFO[config.command].needsDatabase) {
      starting = import('./embedded-server.js').then((m) => m.startEmbeddedServer());
      server = await starting;
      url = server.url;
      log.info(
        `no database URL given: started a throwaway PostgreSQL (${server.source}); it is removed when the run ends`,
      );
    }
    if (!server && COMMAND_INFO[config.command].writes && !args.yes) await confirm(config.command, url!);
    cancel.running(true);
    started = true;
    const { runCommand } = await loadCommands();
    report = await runCommand(config, {
      databaseUrl: url,
      log,
      appliedBy: args.appliedBy,
      files: args.files,
      backupDir: 'backups',
      throwaway: !!server,
      signal: cancel.signal,
      debug: args.debug,
    });
  } catch (err) {
    report = (await loadCommands()).failedReport(args?.raw.command || 'unknown', err, {
      config,
      url: config?.databaseUrl,
      debug: args?.debug,
    });
  } finally {
    cancel.dispose();
    await stop();
  }
  // A second signal may have printed its report already: one report per run.
  if (printed) return 130;
  printed = true;
  print(report, args, config);
  return report.cancelled ? 130 : exitCodeOf(report);
}

/**
 * The report in the chosen format on stdout. A configuration problem means nothing ran: in text it is said once,
 * on stderr, where a person looks; the JSON and Markdown reports carry it on stdout too, for a program.
 */
function print(report: Report, args: CliArgs | undefined, config: Config | undefined): void {
  const secrets = config?.secrets ?? [];
  const problems = report.findings.filter((f) => f.rule === INPUT_RULE).map((f) => f.message);
  if (problems.length)
    console.error(
      redact(
        `${report.command === 'unknown' ? 'pg-migration-gate' : report.command}: configuration error:\n${problems.join('\n')}`,
        secrets,
      ),
    );
  if (args?.reportPath) writeReport(args.reportPath, report, secrets);
  if (config?.sarifFile) writeSarif(config.sarifFile, report, VERSION, secrets);
  const format = args?.format ?? 'text';
  if (format === 'text' && problems.length && report.findings.every((f) => f.rule === INPUT_RULE)) return;
  const render = {
    json: () => renderJson(report, secrets),
    markdown: () => redact(renderMarkdown(report), secrets),
    text: () => redact(renderText(report), secrets),
  };
  console.log(render[format]());
}
