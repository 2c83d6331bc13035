/** What verify observed a statement do: data the engine fills in and every report renders. */

export interface LockTaken {
  relation: string;
  /** As SQL names it: ACCESS EXCLUSIVE, SHARE, ROW EXCLUSIVE, … */
  mode: string;
}

/** What one statement did to tables that existed before its migration. */
export interface StatementTrace {
  file: string;
  line: number;
  column: number;
  /** The statement's first line, for tables. */
  sql: string;
  /** How many lines the statement spans, from `line`: what else the report says about those lines is about it. */
  lines?: number;
  locks: LockTaken[];
  /** Tables whose storage was rewritten (relfilenode changed). */
  rewrites: string[];
  durationMs: number;
  /** False for statements that cannot run in a transaction: their locks are the documented ones, not observed. */
  observed: boolean;
}
