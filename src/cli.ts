import { createInterface } from 'node:readline/promises';
import { targetIdentity } from './db/connect.js';
import { USAGE, parseCliArgs } from './config/cli-args.js';
import { parseConfig } from './config/config.js';
import { needsDatabase, runCommand } from './commands/run.js';
import { startEmbeddedServer, type EmbeddedServer } from './db/embedded-server.js';
import { InputError } from './errors.js';
import { warmParser } from './migrations/parse.js';
import type { Logger } from './logger.js';
import { redact } from './redact.js';
import { renderJson, writeReport } from './report/json.js';
import { renderMarkdown } from './report/markdown.js';
import { writeSarif } from './report/sarif.js';
import { renderText } from './report/text.js';
import { VERSION } from './version.js';

/** The CLI has no environment gate: it asks before changing a database it did not start, unless --yes. */
async function confirm(command: string, url: string): Promise<void> {
  const target = targetIdentity(url);
  if (!process.stdin.isTTY) {
    throw new InputError([`${command} changes ${target}: pass --yes to confirm (no terminal to ask on)`]);
  }
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(`${command} will change ${target}. Continue? [y/N] `);
    if (!/^y(es)?$/i.test(answer.trim())) throw new InputError([`${command} cancelled: nothing was changed`]);
  } finally {
    rl.close();
  }
}

/** The CLI: argv -> the same config and commands as the action -> console. The only place that sets an exit code. */
export async function main(argv: string[]): Promise<number> {
  warmParser();
  let secrets: string[] = [];
  let server: EmbeddedServer | undefined;
  const stop = () => server?.stop();
  const onSignal = () => void Promise.resolve(stop()).finally(() => process.exit(130));
  try {
    const args = parseCliArgs(argv, process.env);
    if (args.help) {
      console.log(USAGE);
      return 0;
    }
    const config = parseConfig(args.raw);
    secrets = config.secrets;
    const log: Logger = {
      info: (m) => console.error(redact(m, secrets)),
      warn: (m) => console.error(`warning: ${redact(m, secrets)}`),
      group: async (name, fn) => {
        console.error(`== ${redact(name, secrets)}`);
        return fn();
      },
    };
    let url = config.databaseUrl;
    if (!url && needsDatabase(config.command)) {
      process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
      server = await startEmbeddedServer();
      url = server.url;
      log.info(`no database URL given: started a throwaway PostgreSQL (${server.source}); it is removed when the run ends`);
    }
    if (!server && (config.command === 'apply' || config.command === 'restore') && !args.yes) await confirm(config.command, url!);
    const report = await runCommand(config, { databaseUrl: url, log, appliedBy: args.appliedBy, files: args.files, backupDir: 'backups', throwaway: !!server });
    if (args.reportPath) writeReport(args.reportPath, report, secrets);
    if (config.sarifFile) writeSarif(config.sarifFile, report, VERSION, secrets);
    const render = { json: () => renderJson(report, secrets), markdown: () => redact(renderMarkdown(report), secrets), text: () => redact(renderText(report), secrets) };
    console.log(render[args.format]());
    return report.ok ? 0 : 1;
  } catch (err) {
    if (err instanceof InputError) {
      console.error(redact(`configuration error:\n${err.message}`, secrets));
      return 2;
    }
    console.error(redact(`error: ${(err as Error)?.message ?? err}`, secrets));
    return 1;
  } finally {
    await stop();
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
  }
}
