export function formatLocation(loc) {
    return `${loc.file}:${loc.line}:${loc.column}`;
}
/**
 * Input the tool cannot work with: configuration, a migrations folder it cannot read, names it cannot order.
 * Nothing has been changed when one is thrown. The CLI exits 2 on it.
 */
export class InputError extends Error {
    problems;
    name = 'InputError';
    constructor(
    /** One line per problem, each saying what is wrong and what to do. */
    problems, options) {
        super(problems.join('\n'), options);
        this.problems = problems;
    }
}
/** A migration that could not be parsed or applied; carries where, and what this run already did. */
export class MigrationError extends Error {
    details;
    name = 'MigrationError';
    constructor(message, details = {}) {
        super(message, { cause: details.cause });
        this.details = details;
    }
}
/** The database is not in a state this run may proceed from (drift, dirty, missing, out of order, locked). */
export class StateError extends Error {
    problems;
    name = 'StateError';
    constructor(problems, options) {
        super(problems.join('\n'), options);
        this.problems = problems;
    }
}
