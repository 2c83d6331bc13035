import { dbmate } from './dbmate.js';
import { diesel } from './diesel.js';
import { flyway } from './flyway.js';
import { ownLayout } from './own.js';
import { golangMigrate } from './golang-migrate.js';
import { goose } from './goose.js';
import type { HistoryLayout } from './layout.js';
import { nodePgMigrate } from './node-pg-migrate.js';
import { postgrator } from './postgrator.js';
import { prisma } from './prisma.js';
import { sqlx } from './sqlx.js';

/** Other tools' tables, each recognised by exactly the columns the tool creates. */
const FOREIGN: readonly HistoryLayout[] = [
  dbmate,
  golangMigrate,
  goose,
  flyway,
  sqlx,
  diesel,
  prisma,
  nodePgMigrate,
  postgrator,
];

/**
 * The layout of an existing table, from its columns alone, never from its name: one of the tools' exact column
 * sets, else this tool's own: `migration_name` and only columns of this tool's (the three-column table before its
 * adoption, say). Anything else is unknown (undefined), and left alone.
 */
export function detectLayout(columns: ReadonlySet<string>): HistoryLayout | undefined {
  const exact = FOREIGN.find((l) => l.columns.length === columns.size && l.columns.every((c) => columns.has(c)));
  if (exact) return exact;
  return columns.has('migration_name') && [...columns].every((c) => ownLayout.columns.includes(c))
    ? ownLayout
    : undefined;
}

/** Every known layout and its columns, for the message that refuses an unknown one. */
export const KNOWN_LAYOUTS = [ownLayout, ...FOREIGN].map((l) => `${l.id} (${l.columns.join(', ')})`).join('; ');

export { ownLayout };
export type { HistoryLayout };
