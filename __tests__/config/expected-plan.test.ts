import { parseConfig } from '../../src/config/config.js';
import { InputError } from '../../src/foundation/errors.js';

const problems = (expected: string) => {
  try {
    parseConfig({ command: 'apply', 'database-url': 'postgresql://u@h/app', 'expected-plan': expected });
  } catch (err) {
    if (err instanceof InputError) return err.problems;
    throw err;
  }
  return [];
};
const digest = 'a'.repeat(64);

describe('expected-plan', () => {
  test('takes a plan hash naming its database, with or without the server', () => {
    expect(problems(`sha256:${digest}@7301234567890123456/16384/app`)).toEqual([]);
    expect(problems(`sha256:${digest}@16384/my%20app`)).toEqual([]);
  });

  test('refuses a bare digest, which names no database, asking for a new plan', () => {
    expect(problems(`sha256:${digest}`)).toEqual([
      `expected-plan: 'sha256:${digest}' names no database: a plan hash ends with the database it was made on (sha256:<64 hex digits>@<system identifier>/<database oid>/<database name>); this one comes from an earlier version of this action, so run the plan job again and approve its plan-hash output`,
    ]);
  });

  test('refuses anything else, saying the form', () => {
    expect(problems('latest')).toEqual([
      "expected-plan: 'latest' is not a plan hash (sha256:<64 hex digits>@<system identifier>/<database oid>/<database name>, the plan job's plan-hash output)",
    ]);
  });
});
