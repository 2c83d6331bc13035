import { lintFiles, NEWEST_POSTGRES, type LintInput } from '../../src/lint/lint-files.js';

/**
 * Whether `rule` fires on the last of `migrations`, linted after the earlier ones (the folder's history), as the
 * folder form runs them.
 */
export async function fires(rule: string, migrations: string[]): Promise<boolean> {
  const input = (sql: string, i: number): LintInput => ({
    script: { file: `${i}.sql`, sql, startLine: 1 },
    hasDown: true,
    noTransactionDirective: false,
    runByThisTool: true,
    inScope: i === migrations.length - 1,
  });
  const findings = await lintFiles(migrations.map(input), { postgresVersion: NEWEST_POSTGRES, disabled: new Set() });
  return findings.some((f) => f.rule === rule && f.file === `${migrations.length - 1}.sql`);
}
