import type { Report } from './report.js';

/** The commands, by name; the config refuses any other. */
export const COMMANDS = ['lint', 'verify', 'plan', 'apply', 'backup', 'restore'] as const;
export type Command = (typeof COMMANDS)[number];

/** What the doors and the renderers need to know of a command; commands/runners.ts adds how each runs. */
export interface CommandInfo {
  /** One line for the CLI's usage text. */
  summary: string;
  /** Works on a database; the CLI starts a throwaway server when none is given. */
  needsDatabase: boolean;
  /** Changes the target database: the action proves a protected environment (the gate), the CLI asks first. */
  writes: boolean;
  /** What the run did, for the verdict line every rendering opens with. */
  outcome(r: Report): string;
}

/** The outcome of a plan or apply that stopped before it knew what was pending. */
const NO_PLAN = 'stopped before the plan was made';

const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

/** The one table of commands: the action, the CLI, the usage text and the renderers all read it. */
export const COMMAND_INFO: Record<Command, CommandInfo> = {
  lint: {
    summary: 'lint the migrations folder, or the .sql files given: pg-migration-gate lint a.sql b.sql',
    needsDatabase: false,
    writes: false,
    outcome: (r) => count(r.findings.length, 'finding'),
  },
  verify: {
    summary: 'run the new migrations on scratch databases: apply, re-run, down/up round trip, observed locks',
    needsDatabase: true,
    writes: false,
    outcome: (r) =>
      `${count(r.verify?.migrations.filter((m) => m.apply === 'ok').length ?? 0, 'new migration')} verified`,
  },
  plan: {
    summary: 'show what apply would do (read-only) and the plan hash',
    needsDatabase: true,
    writes: false,
    outcome: (r) => (r.planHash ? count(r.pending.length, 'pending migration') : NO_PLAN),
  },
  apply: {
    summary: 'back up, then apply pending migrations under an advisory lock, recording each in the history table',
    needsDatabase: true,
    writes: true,
    outcome: (r) =>
      r.planHash ? `${count(r.applied.length, 'migration')} applied of ${r.pending.length} pending` : NO_PLAN,
  },
  backup: {
    summary: 'a verified pg_dump of the database, checksummed, with its metadata',
    needsDatabase: true,
    writes: false,
    outcome: (r) => (r.backup ? `${(r.backup.size / 1048576).toFixed(1)} MiB dump, verified` : 'no backup'),
  },
  restore: {
    summary: 'restore a backup (a file, or an artifact) after checking it and the target',
    needsDatabase: true,
    writes: true,
    outcome: (r) => (r.ok ? 'backup restored' : 'nothing restored'),
  },
};
