import { InputError } from '../foundation/errors.js';

/** How one tool writes the lines that open a file's up and down sections, for messages. */
export interface Convention {
  up: string;
  down: string;
}

const DBMATE: Convention = { up: '-- migrate:up', down: '-- migrate:down' };
const GOOSE: Convention = { up: '-- +goose Up', down: '-- +goose Down' };

/** A comment line that opens a section or asks for the file to run outside a transaction. */
export interface Marker {
  /** 1-based line in the file. */
  line: number;
  convention: Convention;
  section?: 'up' | 'down';
  noTransaction: boolean;
}

const DBMATE_SECTION = /^\s*--\s*migrate:(up|down)\b(.*)$/i;
const NO_TX = /^\s*--\s*migrate:no-transaction\s*$/i;
const TX_FALSE = /\btransaction:\s*false\b/i;

/**
 * dbmate's `-- migrate:up` / `-- migrate:down` markers (`transaction:false` on either runs the file outside a
 * transaction), and our own `-- migrate:no-transaction`, which any file may carry.
 */
export function dbmateMarkers(lines: string[]): Marker[] {
  return lines.flatMap((text, i): Marker[] => {
    const m = DBMATE_SECTION.exec(text);
    if (m)
      return [
        {
          line: i + 1,
          convention: DBMATE,
          section: m[1].toLowerCase() as 'up' | 'down',
          noTransaction: TX_FALSE.test(m[2]),
        },
      ];
    return NO_TX.test(text) ? [{ line: i + 1, convention: DBMATE, noTransaction: true }] : [];
  });
}

const SQLX: Convention = { up: '', down: '' };
const NODE_PG_MIGRATE: Convention = { up: '-- Up Migration', down: '-- Down Migration' };
// node-pg-migrate accepts any comment line that starts with the direction and "migration"; only the lines its
// `create` writes are taken here, so that a comment like "-- down migration is manual" in another tool's file
// does not cut that file in two.
const NODE_PG_MIGRATE_SECTION = /^\s*--\s*(up|down)\s+migration\s*$/i;

/** node-pg-migrate's SQL migrations: `-- Up Migration` … `-- Down Migration`, each a line of its own. */
export function nodePgMigrateMarkers(lines: string[]): Marker[] {
  return lines.flatMap((text, i): Marker[] => {
    const m = NODE_PG_MIGRATE_SECTION.exec(text);
    return m
      ? [
          {
            line: i + 1,
            convention: NODE_PG_MIGRATE,
            section: m[1].toLowerCase() as 'up' | 'down',
            noTransaction: false,
          },
        ]
      : [];
  });
}

/** sqlx runs a file outside a transaction when its text starts with `-- no-transaction` (sqlx-core's migration source). */
export function sqlxMarkers(lines: string[]): Marker[] {
  return lines[0]?.startsWith('-- no-transaction') ? [{ line: 1, convention: SQLX, noTransaction: true }] : [];
}

// goose reads any `--` comment naming `+goose` as an annotation; ours must start with it, so that a comment
// which merely mentions goose in a file of another tool is left alone.
const GOOSE_ANNOTATION = /^\s*--\s*\+goose\b(.*)$/i;

/**
 * goose's annotations (pressly/goose internal/sqlparser/parser.go): `Up` and `Down` open the sections,
 * `NO TRANSACTION` runs both outside a transaction, and `StatementBegin` … `StatementEnd` group the lines of one
 * statement for goose's semicolon splitter. Our PostgreSQL parser finds statement bounds itself, so those two
 * stay in the script as the comments they are, at their lines. Refused, as goose refuses them: an unknown
 * annotation (a misspelt NO TRANSACTION would otherwise run in a transaction) and StatementBegin/End that do not
 * pair up inside a section; and `ENVSUB ON`, since we run the SQL as written.
 */
export function gooseMarkers(file: string, lines: string[]): Marker[] {
  const markers: Marker[] = [];
  let open: number | undefined;
  const refuse = (line: number, problem: string) => new InputError([`${file}:${line}: ${problem}`]);
  lines.forEach((text, i) => {
    const m = GOOSE_ANNOTATION.exec(text);
    if (!m) return;
    const line = i + 1;
    const annotation = m[1].trim().replace(/\s+/g, ' ').toUpperCase();
    switch (annotation) {
      case 'UP':
      case 'DOWN':
        if (open)
          throw refuse(
            line,
            `'-- +goose ${m[1].trim()}' inside the StatementBegin of line ${open}; add '-- +goose StatementEnd' above it`,
          );
        markers.push({ line, convention: GOOSE, section: annotation === 'UP' ? 'up' : 'down', noTransaction: false });
        return;
      case 'NO TRANSACTION':
        markers.push({ line, convention: GOOSE, noTransaction: true });
        return;
      case 'STATEMENTBEGIN':
        if (open)
          throw refuse(
            line,
            `a second '-- +goose StatementBegin' while the one of line ${open} is open; add '-- +goose StatementEnd' between them`,
          );
        if (!markers.some((x) => x.section))
          throw refuse(line, `'-- +goose StatementBegin' above '-- +goose Up'; move it into a section`);
        open = line;
        return;
      case 'STATEMENTEND':
        if (!open)
          throw refuse(
            line,
            `'-- +goose StatementEnd' without a StatementBegin; add '-- +goose StatementBegin' above the statement or remove it`,
          );
        open = undefined;
        return;
      case 'ENVSUB OFF':
        return;
      case 'ENVSUB ON':
        throw refuse(
          line,
          `'-- +goose ENVSUB ON' substitutes environment variables into the SQL, which this tool does not do; write the values into the file and remove the annotation`,
        );
      default:
        throw refuse(
          line,
          `'${text.trim()}' is not a goose annotation (Up, Down, StatementBegin, StatementEnd, NO TRANSACTION); correct or remove it`,
        );
    }
  });
  if (open)
    throw refuse(
      open,
      `'-- +goose StatementBegin' without a StatementEnd; add '-- +goose StatementEnd' after the statement`,
    );
  return markers;
}
