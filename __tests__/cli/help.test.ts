import { readFileSync } from 'node:fs';
import YAML from 'yaml';
import { usage } from '../../src/cli.js';
import { RUNNERS } from '../../src/commands/table.js';
import { COMMAND_INFO, COMMANDS } from '../../src/model/commands.js';

/** One table of commands and one list of inputs: the CLI's --help cannot fall behind the action. */
test('--help lists every command of the table and every input of action.yml as a flag', () => {
  const help = usage();
  expect(Object.keys(COMMAND_INFO).sort()).toEqual([...COMMANDS].sort());
  expect(Object.keys(RUNNERS).sort()).toEqual([...COMMANDS].sort());
  for (const name of COMMANDS) expect(help.split("\n")).toContain(`  ${name.padEnd(9)} ${COMMAND_INFO[name].summary}`);
  const { inputs } = YAML.parse(readFileSync('action.yml', 'utf8')) as { inputs: Record<string, unknown> };
  const missing = Object.keys(inputs).filter((n) => n !== 'command' && !new RegExp(`^  --${n}\\b`, 'm').test(help));
  expect(missing).toEqual([]);
});

test('the commands that change a database are the ones the doors gate', () => {
  expect(Object.entries(COMMAND_INFO).filter(([, c]) => c.writes).map(([n]) => n)).toEqual(['apply', 'restore']);
  expect(Object.entries(COMMAND_INFO).filter(([, c]) => !c.needsDatabase).map(([n]) => n)).toEqual(['lint']);
});
