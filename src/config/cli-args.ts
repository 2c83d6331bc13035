import { hostname, userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { InputError } from '../foundation/errors.js';
import { COMMAND_INFO, COMMANDS, type Command } from '../model/commands.js';
import {
  INPUT_GROUPS,
  INPUT_SPECS,
  inputSpec,
  type InputGroup,
  type InputName,
  type RawConfig,
} from './inputs-spec.js';
import { closest } from './suggest.js';

export interface CliArgs {
  raw: RawConfig;
  format: 'text' | 'json' | 'markdown';
  reportPath?: string;
  files: string[];
  /** --help, help or no command: the CLI's usage, or one command's. */
  help?: Command | 'all';
  /** --version. */
  version: boolean;
  /** Apply or restore without asking. */
  yes: boolean;
  /** Stack traces of unexpected errors in the report. */
  debug: boolean;
  appliedBy: string;
}

type Flag = { type: 'string' | 'boolean'; short?: string };

/** The CLI's own flags, beside the inputs: for every command, `yes` for those that change a database. */
const OWN_FLAGS: Record<string, { flag: Flag; value?: string; help: string; only?: (c: Command) => boolean }> = {
  format: { flag: { type: 'string' }, value: 'text|json|markdown', help: 'output format (default: text)' },
  'report-path': { flag: { type: 'string' }, value: '<file>', help: 'also write the JSON report to this file' },
  yes: {
    flag: { type: 'boolean', short: 'y' },
    help: 'change the database without asking (needed when there is no terminal)',
    only: (c) => COMMAND_INFO[c].writes,
  },
  debug: { flag: { type: 'boolean' }, help: 'put stack traces of unexpected errors in the report' },
  help: { flag: { type: 'boolean', short: 'h' }, help: "show this command's help" },
};

const inputsOf = (command: Command) =>
  (Object.keys(INPUT_SPECS) as InputName[]).filter((n) =>
    (inputSpec(n).commands as readonly string[]).includes(command),
  );
/** The CLI's own flags a command's help lists: --yes where it changes a database, though every command takes it (scripts pass it to all). */
const ownFlagsOf = (command: Command) => Object.keys(OWN_FLAGS).filter((n) => OWN_FLAGS[n].only?.(command) ?? true);

/** The flags a command takes: the inputs it reads, then the CLI's own. */
function flagsOf(command: Command): Record<string, Flag> {
  const inputs = inputsOf(command).map((n) => [n, { type: 'value' in inputSpec(n) ? 'string' : 'boolean' } as Flag]);
  return Object.fromEntries([...inputs, ...Object.keys(OWN_FLAGS).map((n) => [n, OWN_FLAGS[n].flag])]);
}

const EXIT_CODES = 'Exit codes: 0 success, 1 failed, 2 usage or configuration error, 130 cancelled (SIGINT, SIGTERM).';

/** The CLI's help: the commands from the one table every door reads; or one command's, with only its flags. */
export function usage(command?: Command): string {
  if (!command) {
    const commands = COMMANDS.map((name) => `  ${name.padEnd(9)} ${COMMAND_INFO[name].summary}`);
    return [
      'Usage: pg-migration-gate <command> [options]',
      '',
      'Commands:',
      ...commands,
      '',
      "pg-migration-gate <command> --help (or pg-migration-gate help <command>) lists a command's options;",
      'each is an input of the action, under the same name.',
      '  --version                     print the version',
      '  -h, --help                    show this help',
      '',
      EXIT_CODES,
    ].join('\n');
  }
  const line = (flag: string, help: string) =>
    flag.length < 29 ? `  ${flag.padEnd(29)} ${help}` : `  ${flag}\n  ${' '.repeat(29)} ${help}`;
  const sections = (Object.keys(INPUT_GROUPS) as InputGroup[]).flatMap((group) => {
    const names = inputsOf(command).filter((n) => inputSpec(n).group === group);
    if (!names.length) return [];
    return [
      '',
      `${INPUT_GROUPS[group]}:`,
      ...names.map((n) => line(`--${n}${'value' in inputSpec(n) ? ` ${inputSpec(n).value}` : ''}`, inputSpec(n).help)),
    ];
  });
  const own = ownFlagsOf(command).map((n) => {
    const { flag, value, help } = OWN_FLAGS[n];
    return line(`${flag.short ? `-${flag.short}, ` : ''}--${n}${value ? ` ${value}` : ''}`, help);
  });
  const files = command === 'lint' ? ' [file.sql ...]' : '';
  return [
    `Usage: pg-migration-gate ${command} [options]${files}`,
    '',
    COMMAND_INFO[command].summary,
    ...sections,
    '',
    'Output and the run:',
    ...own,
    '',
    EXIT_CODES,
  ].join('\n');
}

/** A flag the command does not take, said with what was likely meant. */
function unknownFlag(command: Command, written: string): string {
  const name = written.replace(/^--?/, '').split('=')[0];
  const takenBy = COMMANDS.filter((c) => c !== command && name in flagsOf(c));
  if (takenBy.length)
    return `--${name} is not an option of ${command}: ${takenBy.join(', ')} ${takenBy.length === 1 ? 'takes' : 'take'} it; run pg-migration-gate ${command} --help`;
  const guess = closest(name, Object.keys(flagsOf(command)));
  return `unknown option ${written} for ${command}${guess ? `: did you mean --${guess}?` : ''}; run pg-migration-gate ${command} --help`;
}

/** The command named first, or the help or version asked for instead. */
function commandOf(
  first: string | undefined,
  next: string | undefined,
): Command | { help: Command | 'all' } | { version: true } {
  if (first === undefined || first === '--help' || first === '-h') return { help: 'all' };
  if (first === '--version' || first === '-V') return { version: true };
  if (first === 'help') {
    const of = next === undefined || next === 'help' ? undefined : commandOf(next, undefined);
    return { help: typeof of === 'string' ? of : 'all' };
  }
  if (first.startsWith('-'))
    throw new InputError([
      `the command comes first: pg-migration-gate <command> [options] (${first} came before it); run pg-migration-gate --help`,
    ]);
  if (!(COMMANDS as readonly string[]).includes(first)) {
    const guess = closest(first, [...COMMANDS, 'help']);
    throw new InputError([
      `command: '${first}' is not one of ${COMMANDS.join(', ')}${guess ? `: did you mean ${guess}?` : ''}; run pg-migration-gate --help`,
    ]);
  }
  return first as Command;
}

/** Parses argv (without node and script) into the same raw config the action reads from its inputs. */
export function parseCliArgs(argv: string[], env: NodeJS.ProcessEnv): CliArgs {
  const appliedBy = `cli:${userInfo().username}@${hostname()}`;
  const none = { raw: {}, format: 'text' as const, files: [], version: false, yes: false, debug: false, appliedBy };
  const found = commandOf(argv[0], argv[1]);
  if (typeof found !== 'string') return { ...none, ...found };
  const command = found;
  let parsed;
  try {
    parsed = parseArgs({
      args: argv.slice(1),
      allowPositionals: command === 'lint',
      strict: true,
      options: flagsOf(command),
    });
  } catch (err) {
    const { code, message } = err as { code?: string; message: string };
    const written = /'([^']+)'/.exec(message)?.[1] ?? '';
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new InputError([unknownFlag(command, written)], { cause: err });
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL')
      throw new InputError(
        [`${command} takes options only, not '${written}'; run pg-migration-gate ${command} --help`],
        { cause: err },
      );
    throw new InputError([`${message}; run pg-migration-gate ${command} --help`], { cause: err });
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  const raw: RawConfig = { command };
  for (const name of inputsOf(command)) {
    const v = values[name];
    if (v !== undefined) raw[name] = String(v);
  }
  raw['database-url'] ??= env.DATABASE_URL;
  const format = (values.format as string | undefined) ?? 'text';
  if (format !== 'text' && format !== 'json' && format !== 'markdown')
    throw new InputError([`--format: '${format}' must be text, json or markdown`]);
  return {
    raw,
    format,
    reportPath: values['report-path'] as string | undefined,
    files: parsed.positionals,
    ...(values.help === true ? { help: command } : {}),
    version: false,
    yes: values.yes === true,
    debug: values.debug === true,
    appliedBy,
  };
}
