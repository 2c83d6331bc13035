import { readFileSync } from 'node:fs';
import YAML from 'yaml';
import { parseCliArgs, usage } from '../../src/config/cli-args.js';
import { INPUT_SPECS, inputSpec, type InputName } from '../../src/config/inputs-spec.js';
import { closest } from '../../src/config/suggest.js';
import { RUNNERS } from '../../src/commands/runners.js';
import { COMMAND_INFO, COMMANDS } from '../../src/model/commands.js';

const flagsIn = (help: string) => [...help.matchAll(/^ {2}(?:-\w, )?--([a-z-]+)/gm)].map((m) => m[1]);

/** One table of commands and one list of inputs: the CLI's help cannot fall behind the action. */
test('--help lists every command of the table; each command lists the inputs it reads, and nothing else', () => {
  const help = usage();
  expect(Object.keys(COMMAND_INFO).sort()).toEqual([...COMMANDS].sort());
  expect(Object.keys(RUNNERS).sort()).toEqual([...COMMANDS].sort());
  for (const name of COMMANDS) expect(help.split('\n')).toContain(`  ${name.padEnd(9)} ${COMMAND_INFO[name].summary}`);
  expect(flagsIn(help)).toEqual(['version', 'help']);

  const { inputs } = YAML.parse(readFileSync('action.yml', 'utf8')) as { inputs: Record<string, unknown> };
  const shown = new Set<string>();
  for (const command of COMMANDS) {
    const own = flagsIn(usage(command));
    const reads = (Object.keys(INPUT_SPECS) as InputName[]).filter((n) =>
      (inputSpec(n).commands as readonly string[]).includes(command),
    );
    expect(own).toEqual([
      ...reads,
      'format',
      'report-path',
      ...(COMMAND_INFO[command].writes ? ['yes'] : []),
      'debug',
      'help',
    ]);
    own.forEach((f) => shown.add(f));
  }
  // The command is the CLI's first word; the pull request comment is the action's alone.
  expect(Object.keys(inputs).filter((n) => !shown.has(n))).toEqual(['command', 'comment']);
});

test('each command help is short: only its own options', () => {
  for (const command of COMMANDS)
    expect(usage(command).split('\n').length).toBeLessThan(usage('apply').split('\n').length + 1);
  expect(usage('lint').split('\n').length).toBeLessThan(30);
});

const args = (argv: string[]) => parseCliArgs(argv, {});
const refused = (argv: string[]) => {
  try {
    args(argv);
  } catch (err) {
    return (err as { problems?: string[]; message: string }).problems?.join('\n') ?? (err as Error).message;
  }
  throw new Error(`${argv.join(' ')} was accepted`);
};

describe('what the command line means', () => {
  test('help, --help, -h and no arguments; help <command> and <command> --help; --version', () => {
    for (const argv of [[], ['--help'], ['-h'], ['help']]) expect(args(argv).help).toBe('all');
    expect(args(['help', 'verify']).help).toBe('verify');
    expect(args(['verify', '--help']).help).toBe('verify');
    expect(args(['--version']).version).toBe(true);
  });

  test('a mistyped command or option gets a suggestion; an option of another command says whose it is', () => {
    expect(refused(['aply'])).toMatch(
      /^command: 'aply' is not one of lint, verify, plan, apply, backup, restore: did you mean apply\?/,
    );
    expect(refused(['migrate'])).toMatch(/^command: 'migrate' is not one of .*; run pg-migration-gate --help$/);
    expect(refused(['lint', '--migration-dir', 'db'])).toBe(
      'unknown option --migration-dir for lint: did you mean --migrations-dir?; run pg-migration-gate lint --help',
    );
    expect(refused(['apply', '--lock-timout', '1s'])).toMatch(/did you mean --lock-timeout\?/);
    expect(refused(['apply', '--seed-file', 'x.sql'])).toBe(
      '--seed-file is not an option of apply: verify takes it; run pg-migration-gate apply --help',
    );
    expect(refused(['apply', '--no-such-flag'])).toBe(
      'unknown option --no-such-flag for apply; run pg-migration-gate apply --help',
    );
    expect(refused(['--migrations-dir', 'db', 'lint'])).toMatch(/^the command comes first/);
    expect(refused(['plan', 'extra'])).toMatch(/^plan takes options only, not 'extra'/);
  });

  test('the flags become the raw config the action would read, DATABASE_URL for every command (lint reads its server version)', () => {
    const a = parseCliArgs(['apply', '--lock-timeout', '1s', '--allow-out-of-order', '-y'], {
      DATABASE_URL: 'postgres://x/db',
    });
    expect(a.raw).toEqual({
      command: 'apply',
      'lock-timeout': '1s',
      'allow-out-of-order': 'true',
      'database-url': 'postgres://x/db',
    });
    expect(a.yes).toBe(true);
    expect(parseCliArgs(['lint', 'a.sql', 'b.sql'], { DATABASE_URL: 'postgres://x/db' })).toMatchObject({
      raw: { command: 'lint', 'database-url': 'postgres://x/db' },
      files: ['a.sql', 'b.sql'],
    });
  });

  test('closest: near words, prefixes, and nothing for far ones', () => {
    expect(closest('veryfy', ['lint', 'verify'])).toBe('verify');
    expect(closest('resotre', ['restore', 'backup'])).toBe('restore');
    expect(closest('back', ['restore', 'backup'])).toBe('backup');
    expect(closest('deploy', ['lint', 'verify', 'plan', 'apply'])).toBeUndefined();
  });
});

test('the commands that change a database are the ones the doors gate', () => {
  expect(
    Object.entries(COMMAND_INFO)
      .filter(([, c]) => c.writes)
      .map(([n]) => n),
  ).toEqual(['apply', 'restore']);
  expect(
    Object.entries(COMMAND_INFO)
      .filter(([, c]) => !c.needsDatabase)
      .map(([n]) => n),
  ).toEqual(['lint']);
});
