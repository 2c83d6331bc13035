/**
 * Where each rule of the other PostgreSQL migration linters went: squawk's rules (squawk-cli 2.x) and eugene's
 * lint and trace hints. `rules` names the rules here that report the same hazard; an empty list means it is
 * deliberately left out, and `note` says why. The rules index renders this table.
 */
export interface PeerRule {
  tool: 'squawk' | 'eugene';
  id: string;
  rules: string[];
  note?: string;
}

const squawk = (id: string, rules: string[], note?: string): PeerRule => ({ tool: 'squawk', id, rules, note });
const eugene = (id: string, rules: string[], note?: string): PeerRule => ({ tool: 'eugene', id, rules, note });

export const PEER_RULES: readonly PeerRule[] = [
  squawk(
    'adding-field-with-default',
    ['adding-volatile-default', 'adding-serial-or-generated-column'],
    'every default before PostgreSQL 11; volatile defaults, serial, identity and stored generated columns after',
  ),
  squawk(
    'adding-foreign-key-constraint',
    ['constraint-missing-not-valid'],
    'REFERENCES on a new column without a default is not flagged: PostgreSQL skips the check on an all-NULL column',
  ),
  squawk(
    'adding-not-nullable-field',
    ['setting-not-null'],
    'silent when the column is already NOT NULL or, from PostgreSQL 12, a validated CHECK (col IS NOT NULL) lets SET NOT NULL skip its scan',
  ),
  squawk('adding-required-field', ['adding-required-column']),
  squawk('adding-serial-primary-key-field', ['adding-unique-constraint-without-index']),
  squawk('ban-alter-domain-with-add-constraint', ['adding-domain-constraint']),
  squawk('ban-char-field', ['prefer-text-over-char', 'quoted-char-type']),
  squawk('ban-concurrent-index-creation-in-transaction', ['concurrently-in-transaction']),
  squawk('ban-create-domain-with-constraint', ['constrained-domain']),
  squawk('ban-drop-column', ['drop-column']),
  squawk('ban-drop-database', ['drop-database']),
  squawk('ban-drop-not-null', ['dropping-not-null']),
  squawk('ban-drop-table', ['drop-table']),
  squawk('ban-duplicate-column-assignments', ['duplicate-column-assignment']),
  squawk('ban-truncate-cascade', ['truncate-table'], 'every TRUNCATE is flagged; CASCADE is named in the finding'),
  squawk('ban-uncommitted-transaction', ['unterminated-transaction']),
  squawk(
    'changing-column-type',
    ['changing-column-type'],
    "judged against the type the folder's migrations declared: widening varchar or numeric is not flagged",
  ),
  squawk('constraint-missing-not-valid', ['constraint-missing-not-valid']),
  squawk('disallowed-unique-constraint', ['adding-unique-constraint-without-index']),
  squawk('identifier-too-long', ['identifier-too-long']),
  squawk(
    'prefer-bigint-over-int',
    ['prefer-bigint-identity-key'],
    'keys, sequence-fed columns, columns named as identifiers (id, …_id, ids, …_ids) and references to bigint keys: a 32-bit quantity or count is a choice, not a hazard',
  ),
  squawk('prefer-bigint-over-smallint', ['prefer-bigint-identity-key'], 'as prefer-bigint-over-int'),
  squawk('prefer-identity', ['prefer-identity']),
  squawk('prefer-repack', ['vacuum-full-or-cluster', 'rewriting-table-storage']),
  squawk(
    'prefer-robust-stmts',
    ['not-rerunnable-without-transaction', 'non-idempotent-ddl', 'toggling-row-level-security'],
    "only where a re-run can happen: a migration running outside a transaction, or a folder that keeps IF [NOT] EXISTS. ENABLE/DISABLE ROW LEVEL SECURITY succeeds on a re-run; what goes wrong is rows hidden (no policy) or exposed (turned off), which toggling-row-level-security reports. A lone CREATE INDEX CONCURRENTLY is not flagged: a failed build leaves an invalid index, which this tool's apply drops before building again, and IF NOT EXISTS would keep rather than rebuild",
  ),
  squawk('prefer-text-field', ['prefer-text-over-varchar']),
  squawk('prefer-timestamp-tz', ['prefer-timestamptz']),
  squawk('renaming-column', ['renaming-column']),
  squawk('renaming-table', ['renaming-table']),
  squawk('require-concurrent-index-creation', ['require-concurrent-index-creation']),
  squawk('require-concurrent-index-deletion', ['require-concurrent-index-deletion']),
  squawk('require-concurrent-partition-detach', ['detach-partition-without-concurrently']),
  squawk('require-concurrent-reindex', ['require-concurrent-reindex']),
  squawk(
    'require-enum-value-ordering',
    ['enum-value-without-position'],
    'as info: appending is right for the many enums whose order means nothing',
  ),
  squawk(
    'require-lock-timeout',
    ['require-lock-timeout'],
    "for files given by path; this tool's runner sets lock_timeout itself. Not for the CONCURRENTLY forms, VALIDATE CONSTRAINT or plain VACUUM, whose locks hold up no read or write",
  ),
  squawk(
    'require-statement-timeout',
    [],
    "left out: statement_timeout would cut off long but harmless work (a concurrent index build, a batched backfill); the statements that hold a blocking lock for long are flagged by their own rules, and this tool's runner sets statement_timeout when it applies the folder",
  ),
  squawk(
    'require-table-schema',
    [],
    "left out (opt-in in squawk too): an unqualified name resolves through search_path, which this tool's runner resets for every migration, so it names the same table every time",
  ),
  squawk(
    'require-timeout-settings',
    ['require-lock-timeout'],
    'an alias of require-lock-timeout and require-statement-timeout',
  ),
  squawk('transaction-nesting', ['transaction-nesting']),
  squawk('unused-ignore', ['unused-suppression']),
  eugene('E1', ['constraint-missing-not-valid']),
  eugene('E2', ['setting-not-null']),
  eugene('E3', ['prefer-jsonb']),
  eugene(
    'E4',
    ['statement-after-exclusive-lock'],
    'for statements whose time grows with the data (DML, queries over tables, index builds, validation): a quick statement after the lock adds nothing worth a finding',
  ),
  eugene('E5', ['changing-column-type']),
  eugene('E6', ['require-concurrent-index-creation']),
  eugene('E7', ['adding-unique-constraint-without-index']),
  eugene('E8', ['adding-exclusion-constraint']),
  eugene('E9', ['require-lock-timeout']),
  eugene(
    'E10',
    [
      'changing-column-type',
      'adding-volatile-default',
      'adding-serial-or-generated-column',
      'vacuum-full-or-cluster',
      'rewriting-table-storage',
    ],
    '`verify` also reports every rewrite it observes',
  ),
  eugene('E11', ['adding-serial-or-generated-column']),
  eugene(
    'W12',
    [],
    'left out: each ALTER TABLE that scans or rewrites is flagged by its own rule with a fix that removes the scan; merging two such statements still scans',
  ),
  eugene(
    'W13',
    [],
    'left out: an enum is a design choice, not a hazard; adding values works online, and its one trap is enum-value-in-transaction',
  ),
  eugene(
    'W14',
    ['primary-key-on-nullable-column'],
    'only when the folder shows a column that allows NULL: the recommended index-first primary key is not flagged',
  ),
  eugene('E15', ['foreign-key-without-index'], 'for tables whose indexes the folder declares all of'),
];
