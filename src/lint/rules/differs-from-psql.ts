import type { LintRule } from '../rule.js';

export const rule: LintRule = {
  id: 'differs-from-psql',
  group: 'broken',
  severity: 'error',
  title: 'A statement that would run otherwise than under psql -f',
  message:
    'Run by this tool, the statement would do something else than `psql -X -v ON_ERROR_STOP=1 -f` does with the file, so the file is refused before anything runs.',
  help: 'Do what the finding says: most often, mark the file `-- migrate:no-transaction` so that it runs statement by statement, as psql runs it.',
  check: (ctx) =>
    (ctx.file.divergences ?? []).map((d) => ({ statement: d.statement, detail: `${d.message}; ${d.hint}.` })),
};
