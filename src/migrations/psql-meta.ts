import { MigrationError, type Location } from '../foundation/errors.js';
import { parseConnString } from '../connection/conn-string.js';

/**
 * psql meta-commands in a migration file, decided as `psql -X -v ON_ERROR_STOP=1 -f` would run them for a runner
 * that always stops at the first error and stays on one database. pg_dump's own lines (\restrict, \unrestrict,
 * \connect, \set ON_ERROR_STOP on) are understood; anything else would run on the runner's machine, read files
 * we never checksummed or change how the file is read, so it is refused with the way out.
 */

/** Where psql's `\connect` goes; undefined means "the same as now". */
export interface ConnectTarget {
  database?: string;
  user?: string;
}

const GENERIC =
  'psql meta-commands other than \\restrict, \\unrestrict, \\connect to the same database and \\set ON_ERROR_STOP are not run by pg-migration-gate; remove it';
const INCLUDE = 'inline the included file or make it a migration of its own';
const HINTS = new Map([
  ['i', INCLUDE],
  ['ir', INCLUDE],
  ['include', INCLUDE],
  ['include_relative', INCLUDE],
  ['copy', 'load the data with COPY … FROM stdin inline, or in a seed step'],
  ['gexec', 'write out the statements the query generates, or run them from a DO block with EXECUTE'],
  ['g', 'end the statement with a semicolon instead'],
  ['gx', 'end the statement with a semicolon instead'],
  ['.', 'a line holding only \\. ends the rows of a COPY … FROM stdin, and no COPY is reading rows here; remove it'],
]);
const UNDERSTOOD = new Set(['restrict', 'unrestrict', 'connect', 'c', 'set']);

interface Arg {
  value: string;
  quoted: boolean;
}

function refuse(message: string, location: Location, hint = GENERIC): never {
  throw new MigrationError(message, { location, hint });
}

/** Splits arguments as psql does: blanks separate them; '…' and "…" quote, a doubled quote standing for itself. */
function splitArgs(text: string, command: string, location: Location): Arg[] {
  const args: Arg[] = [];
  for (let i = 0; i < text.length;) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === "'" || c === '"') {
      let value = '';
      let j = i + 1;
      for (; j < text.length && !(text[j] === c && text[j + 1] !== c); j++) {
        // psql reads backslash escapes inside '…'; no dump writes them, so they are refused, not guessed at
        if (c === "'" && text[j] === '\\')
          refuse(
            `a backslash escape in an argument of \\${command} is not read by pg-migration-gate`,
            location,
            'write the value without escapes',
          );
        value += text[j];
        if (text[j] === c) j++;
      }
      if (j >= text.length)
        refuse(`an unterminated quoted argument of \\${command}: psql rejects the line`, location, 'close the quote');
      args.push({ value, quoted: true });
      i = j + 1;
    } else {
      const word = /^[^\s'"]*/.exec(text.slice(i))![0];
      // unquoted text can hold psql variables (:name), shell commands (`…`) or a second meta-command (\…)
      if (/[`\\]|:['"A-Za-z_]/.test(word))
        refuse(
          `\\${command} ${word}: psql variables, backquotes and further meta-commands are not run by pg-migration-gate`,
          location,
          'write the value out',
        );
      args.push({ value: word, quoted: false });
      i += word.length;
    }
  }
  return args;
}

/** psql's ParseVariableBool: unique prefixes of true/false/yes/no/on/off, or 1/0; undefined when psql rejects it. */
function psqlBool(value: string): boolean | undefined {
  const v = value.toLowerCase();
  const prefixOf = (word: string, min = 1) => v.length >= min && word.startsWith(v);
  if (prefixOf('true') || prefixOf('yes') || prefixOf('on', 2) || v === '1') return true;
  if (prefixOf('false') || prefixOf('no') || prefixOf('off', 2) || v === '0') return false;
  return undefined;
}

function setVariable(args: Arg[], location: Location): void {
  const [name, ...values] = args;
  if (name?.value !== 'ON_ERROR_STOP')
    refuse(`psql meta-command \\set${name ? ` ${name.value}` : ''} is not run by pg-migration-gate`, location);
  const value = values.map((v) => v.value).join('');
  const on = psqlBool(value);
  if (on === undefined)
    refuse(
      `\\set ON_ERROR_STOP '${value}': psql rejects the value and stops`,
      location,
      'write \\set ON_ERROR_STOP on, or remove the line',
    );
  if (!on)
    refuse(
      '\\set ON_ERROR_STOP off is not run by pg-migration-gate: it always stops at the first error',
      location,
      'remove the line',
    );
}

/** `dbname=x user=y` or `postgresql://user@host/db`: psql takes a first argument holding either as a whole connection. */
function connectionString(text: string, location: Location): Record<string, string> {
  try {
    return parseConnString(text);
  } catch (err) {
    return refuse(`\\connect '${text}': ${(err as Error).message}`, location, 'name the database as \\connect dbname');
  }
}

function connectTarget(args: Arg[], location: Location): ConnectTarget {
  const rest = args[0] && !args[0].quoted && args[0].value.startsWith('-reuse-previous=') ? args.slice(1) : args;
  // unquoted `-` (or nothing) keeps the current value, as in psql
  const given = (a: Arg | undefined) => (a && (a.quoted || (a.value !== '' && a.value !== '-')) ? a.value : undefined);
  const first = rest[0]?.value ?? '';
  const conninfo = /^postgres(ql)?:\/\//.test(first) || first.includes('=');
  const f: Record<string, string | undefined> = conninfo
    ? connectionString(first, location)
    : { dbname: given(rest[0]), user: given(rest[1]), host: given(rest[2]), port: given(rest[3]) };
  const server = ['host', 'hostaddr', 'port', 'service'].filter((k) => f[k]);
  if (server.length) {
    refuse(
      `\\connect to another server (${server.join(', ')}) is not run by pg-migration-gate`,
      location,
      'a migration runs on the database the gate connects to; remove the \\connect or its server part',
    );
  }
  return { database: f.dbname || undefined, user: f.user || undefined };
}

/** The meta-commands of one file, in order: psql's restricted mode (\restrict … \unrestrict) spans lines. */
export class PsqlMetaCommands {
  private restricted?: { key: string; line: number };

  /**
   * Decides one meta-command, its text taken from the backslash to the end of the line. Returns where a \connect
   * goes; undefined for a line with no effect on this runner. Throws a MigrationError for anything refused.
   */
  run(text: string, location: Location, midStatement: boolean): ConnectTarget | undefined {
    const command = /^\\([A-Za-z_]\w*\+?|\S)?/.exec(text)![1] ?? '';
    if (!UNDERSTOOD.has(command))
      refuse(`psql meta-command \\${command} is not run by pg-migration-gate`, location, HINTS.get(command));
    if (midStatement)
      refuse(
        `psql meta-command \\${command} in the middle of a statement`,
        location,
        'end the statement with a semicolon before the meta-command',
      );
    if (this.restricted && command !== 'unrestrict') {
      refuse(
        `psql refuses \\${command} in restricted mode (\\restrict at line ${this.restricted.line})`,
        location,
        'put the \\unrestrict line before it, as pg_dump does',
      );
    }
    const args = splitArgs(text.slice(1 + command.length), command, location);
    switch (command) {
      case 'restrict':
      case 'unrestrict': {
        const key =
          args.length === 1
            ? args[0].value
            : refuse(`\\${command} takes one key: psql rejects the line`, location, 'write the key pg_dump wrote');
        if (command === 'restrict') this.restricted = { key, line: location.line };
        else if (this.restricted?.key !== key)
          refuse(
            '\\unrestrict with no \\restrict of the same key before it: psql rejects the line',
            location,
            'use the key of the \\restrict line',
          );
        else this.restricted = undefined;
        return undefined;
      }
      case 'set':
        setVariable(args, location);
        return undefined;
      default:
        return connectTarget(args, location);
    }
  }
}
