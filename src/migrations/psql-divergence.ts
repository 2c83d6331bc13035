import { parsePlPgSQLSync, scanSync } from 'libpg-query';
import { nameParts, nodeAs, nodesOf, stringOf, type Node } from './ast-node.js';
import type { Statement, StatementOf } from './parse.js';

/**
 * Where a file run by us would do something else than `psql -X -v ON_ERROR_STOP=1 -f` does with it, found before
 * anything runs. psql sends each statement on its own, in autocommit unless the file opened a block; we send a
 * transactional file as one transaction, and as few queries as we can. The differences are few, and each is
 * either handled (a setting that changes how the server parses what follows: the rest goes one statement a query)
 * or refused with what to do (the plan's reason and lint's finding, from this one reading).
 */

export interface Divergence {
  statement: Statement;
  message: string;
  hint: string;
}

export interface PsqlReading {
  /** Refusals, in file order. */
  divergences: Divergence[];
  /**
   * Index of the first statement that changes how the server parses the statements after it
   * (standard_conforming_strings, backslash_quote): from there on, each statement is a query of its own.
   */
  parseSettingAt?: number;
}

const valueOf = (s: StatementOf<'VariableSetStmt'>): string | undefined => {
  const c = nodeAs(s.node.args?.[0], 'A_Const');
  return (
    c?.sval?.sval ?? (c?.ival ? String(c.ival.ival) : c?.boolval ? String(c.boolval.boolval) : c ? '0' : undefined)
  );
};
const isOn = (v: string | undefined) => v !== undefined && /^(on|true|yes|1|t|y)$/i.test(v);

/** The modes of the transaction the statement runs in: psql's own statement's, in autocommit. */
const TRANSACTION_MODES = new Set([
  'transaction_isolation',
  'transaction_read_only',
  'transaction_deferrable',
  'TRANSACTION',
  'TRANSACTION SNAPSHOT',
]);
/** The modes later transactions start with: in psql's autocommit, every later statement's. */
const START_MODES = new Set([
  'default_transaction_isolation',
  'default_transaction_read_only',
  'default_transaction_deferrable',
  'SESSION CHARACTERISTICS',
]);

const NO_TRANSACTION =
  'put `-- migrate:no-transaction` on the first line so the file runs statement by statement, as psql runs it';

/** Whether PL/pgSQL source (a DO block's, or a CREATE FUNCTION/PROCEDURE statement) holds a COMMIT or ROLLBACK. */
function commitsIn(plpgsql: string): boolean {
  try {
    const json = JSON.stringify(parsePlPgSQLSync(plpgsql));
    return json.includes('"PLpgSQL_stmt_commit"') || json.includes('"PLpgSQL_stmt_rollback"');
  } catch {
    return false; // the server reports a body it cannot compile, where psql would
  }
}

const defElem = (s: Statement, name: string) =>
  nodesOf(
    s.kind === 'DoStmt' ? s.node.args : s.kind === 'CreateFunctionStmt' ? s.node.options : undefined,
    'DefElem',
  ).find((d) => d.defname === name);

/** A DO block in PL/pgSQL that commits or rolls back. */
function doBlockCommits(s: Statement): boolean {
  if (s.kind !== 'DoStmt') return false;
  const language = stringOf(defElem(s, 'language')?.arg) ?? 'plpgsql';
  const body = stringOf(defElem(s, 'as')?.arg);
  if (language.toLowerCase() !== 'plpgsql' || body === undefined) return false;
  let tag = '$pmg$';
  for (let n = 0; body.includes(tag); n++) tag = `$pmg${n}$`;
  return commitsIn(`CREATE PROCEDURE pmg_do() LANGUAGE plpgsql AS ${tag}${body}${tag}`);
}

/** A statement that may COMMIT or ROLLBACK inside itself, and so must not be wrapped in a transaction block of ours. */
export const mayEndTransaction = (s: Statement): boolean => s.kind === 'CallStmt' || doBlockCommits(s);

const qualified = (names: Node[] | undefined) => nameParts(names).join('.');

/** The procedures the file creates in PL/pgSQL whose body commits or rolls back, by name as written. */
function committingProcedures(statements: Statement[]): Set<string> {
  const names = new Set<string>();
  for (const s of statements) {
    if (s.kind !== 'CreateFunctionStmt' || !s.node.is_procedure) continue;
    if (commitsIn(s.sql)) names.add(qualified(s.node.funcname));
  }
  return names;
}

/**
 * A plain '…' string in which standard_conforming_strings = off moves where the string ends: a backslash (an odd
 * run of them) before a quote escapes it there, so psql and the server would cut the statement elsewhere than
 * the parser that split the file. Strings without that read the same either way.
 */
function ambiguousString(sql: string): boolean {
  let tokens;
  try {
    tokens = scanSync(sql).tokens;
  } catch {
    return false;
  }
  return tokens.some(
    (t) => t.tokenName === 'SCONST' && t.text.startsWith("'") && /(^|[^\\])(\\\\)*\\('|$)/.test(t.text.slice(1, -1)),
  );
}

/**
 * The setting a statement changes and its new value (undefined: back to its default): by SET, RESET, or a
 * set_config() with constants (in a SELECT or a DO block, where it takes effect as the statement runs).
 */
function settingChange(s: Statement): { name: string; value?: string } | undefined {
  if (s.kind === 'VariableSetStmt') {
    if (s.node.kind === 'VAR_SET_VALUE') return { name: s.node.name ?? '', value: valueOf(s) };
    if (s.node.kind === 'VAR_SET_DEFAULT' || s.node.kind === 'VAR_RESET') return { name: s.node.name ?? '' };
    return undefined;
  }
  const call = /\bset_config\s*\(\s*'([a-z_.]+)'\s*,\s*'([^']*)'/i.exec(s.sql);
  return call ? { name: call[1].toLowerCase(), value: call[2] } : undefined;
}

/** Whether transaction modes (SET TRANSACTION's, SET SESSION CHARACTERISTICS', or one setting's) differ from the defaults. */
function modesDiffer(s: Statement, change: { name: string; value?: string } | undefined): boolean {
  const differs = (name: string, value: string | undefined) =>
    value === undefined ? false : /isolation/.test(name) ? !/^read committed$/i.test(value) : isOn(value);
  if (s.kind === 'VariableSetStmt' && s.node.kind === 'VAR_SET_MULTI') {
    return nodesOf(s.node.args, 'DefElem').some((d) => {
      const c = nodeAs(d.arg, 'A_Const');
      return differs(d.defname ?? '', c?.sval?.sval ?? (c?.ival?.ival === 1 ? 'on' : 'off'));
    });
  }
  return !!change && differs(change.name, change.value);
}

const isUtf8 = (v: string | undefined) => v === undefined || /^(utf-?8|unicode)$/i.test(v);

/** Reads a plan's statements for what psql would do otherwise; `wrapped`: the file opened its own BEGIN. */
export function psqlReading(statements: Statement[], transactional: boolean, wrapped: boolean): PsqlReading {
  const divergences: Divergence[] = [];
  const refuse = (statement: Statement, message: string, hint: string) =>
    divergences.push({ statement, message, hint });
  const committing = committingProcedures(statements);
  let parseSettingAt: number | undefined;
  let backslashesEscape = false;
  statements.forEach((s, i) => {
    const change = settingChange(s);
    const name = change?.name ?? (s.kind === 'VariableSetStmt' ? (s.node.name as string | undefined) : undefined);
    if (change?.name === 'client_encoding' && !isUtf8(change.value)) {
      refuse(
        s,
        `client_encoding set to ${change.value}: psql would send the rest of the file's bytes to be read as ${change.value}`,
        'pg-migration-gate reads the file and talks to the server in UTF-8: remove the statement (a file whose text is ASCII means the same in UTF-8), or save the file as UTF-8',
      );
    }
    // A parse setting moved off the parser's own reading (standard_conforming_strings on, backslash_quote
    // safe_encoding): the statements after it go one query each, each parsed as the setting then says.
    if (change?.name === 'standard_conforming_strings') {
      backslashesEscape = change.value !== undefined && !isOn(change.value);
      if (backslashesEscape) parseSettingAt ??= i;
    } else if (
      change?.name === 'backslash_quote' &&
      change.value !== undefined &&
      !/^safe_encoding$/i.test(change.value)
    )
      parseSettingAt ??= i;
    else if (s.kind === 'VariableSetStmt' && s.node.kind === 'VAR_RESET_ALL') backslashesEscape = false;
    else if (backslashesEscape && ambiguousString(s.sql)) {
      refuse(
        s,
        "a backslash before a quote in a '…' string while standard_conforming_strings is off: it escapes the quote, and the statement ends elsewhere than it seems",
        "write the quote as '' and the backslash as \\\\, or use an E'…' string",
      );
    }
    if (!transactional) return;
    if (name !== undefined && TRANSACTION_MODES.has(name) && modesDiffer(s, change)) {
      const what = `SET ${name}`;
      refuse(
        s,
        wrapped
          ? `${what} after the transaction's first statement: PostgreSQL refuses it there, or it changes the transaction the history row is written in`
          : `${what} outside a BEGIN block: psql runs it in a transaction of its own (it changes nothing after it), but here the file runs in one transaction, which it would change`,
        wrapped
          ? 'put SET TRANSACTION right after the BEGIN, or give the modes to BEGIN itself'
          : 'remove it, or wrap the file in BEGIN; SET TRANSACTION …; … COMMIT; so that the modes apply to all of it',
      );
    }
    if (
      name !== undefined &&
      START_MODES.has(name) &&
      modesDiffer(s, change) &&
      !wrapped &&
      i < statements.length - 1
    ) {
      refuse(
        s,
        `SET ${name} changes how each later statement's transaction starts under psql, but here they all run in one transaction already begun`,
        `wrap the file in BEGIN … COMMIT with SET TRANSACTION after BEGIN, or ${NO_TRANSACTION}`,
      );
    }
    const calls = s.kind === 'CallStmt' ? qualified(s.node.funccall?.funcname) : undefined;
    if (doBlockCommits(s) || (calls !== undefined && committing.has(calls))) {
      const what = s.kind === 'DoStmt' ? 'a DO block' : `CALL ${calls}`;
      if (wrapped)
        refuse(
          s,
          `${what} that commits inside the file's own BEGIN: PostgreSQL refuses COMMIT or ROLLBACK in a procedure there, under psql too ("invalid transaction termination")`,
          `remove the file's BEGIN and COMMIT and ${NO_TRANSACTION}`,
        );
      else
        refuse(
          s,
          `${what} that commits: PostgreSQL refuses COMMIT or ROLLBACK in a procedure inside the migration's transaction ("invalid transaction termination")`,
          NO_TRANSACTION,
        );
    }
  });
  return { divergences, ...(parseSettingAt !== undefined && { parseSettingAt }) };
}
