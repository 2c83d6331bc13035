import type { LintRule } from './rule.js';
import { rule as addingDomainConstraint } from './rules/adding-domain-constraint.js';
import { rule as addingExclusionConstraint } from './rules/adding-exclusion-constraint.js';
import { rule as addingRequiredColumn } from './rules/adding-required-column.js';
import { rule as addingSerialOrGeneratedColumn } from './rules/adding-serial-or-generated-column.js';
import { rule as addingUniqueConstraintWithoutIndex } from './rules/adding-unique-constraint-without-index.js';
import { rule as addingVolatileDefault } from './rules/adding-volatile-default.js';
import { rule as changingColumnType } from './rules/changing-column-type.js';
import { rule as concurrentlyInTransaction } from './rules/concurrently-in-transaction.js';
import { rule as constrainedDomain } from './rules/constrained-domain.js';
import { rule as constraintMissingNotValid } from './rules/constraint-missing-not-valid.js';
import { rule as deleteWithoutWhere } from './rules/delete-without-where.js';
import { rule as detachPartitionWithoutConcurrently } from './rules/detach-partition-without-concurrently.js';
import { rule as differsFromPsql } from './rules/differs-from-psql.js';
import { rule as dropColumn } from './rules/drop-column.js';
import { rule as dropDatabase } from './rules/drop-database.js';
import { rule as dropSchema } from './rules/drop-schema.js';
import { rule as dropTable } from './rules/drop-table.js';
import { rule as droppingNotNull } from './rules/dropping-not-null.js';
import { rule as duplicateColumnAssignment } from './rules/duplicate-column-assignment.js';
import { rule as enumValueInTransaction } from './rules/enum-value-in-transaction.js';
import { rule as enumValueWithoutPosition } from './rules/enum-value-without-position.js';
import { rule as foreignKeyWithoutIndex } from './rules/foreign-key-without-index.js';
import { rule as identifierTooLong } from './rules/identifier-too-long.js';
import { rule as missingDownScript } from './rules/missing-down-script.js';
import { rule as missingHeaderComment } from './rules/missing-header-comment.js';
import { rule as multipleTransactionBlocks } from './rules/multiple-transaction-blocks.js';
import { rule as namingConvention } from './rules/naming-convention.js';
import { rule as nonIdempotentDdl } from './rules/non-idempotent-ddl.js';
import { rule as notRerunnableWithoutTransaction } from './rules/not-rerunnable-without-transaction.js';
import { rule as preferBigintIdentityKey } from './rules/prefer-bigint-identity-key.js';
import { rule as preferIdentity } from './rules/prefer-identity.js';
import { rule as preferJsonb } from './rules/prefer-jsonb.js';
import { rule as preferTextOverChar } from './rules/prefer-text-over-char.js';
import { rule as preferTextOverVarchar } from './rules/prefer-text-over-varchar.js';
import { rule as preferTimestamptz } from './rules/prefer-timestamptz.js';
import { rule as primaryKeyOnNullableColumn } from './rules/primary-key-on-nullable-column.js';
import { rule as quotedCharType } from './rules/quoted-char-type.js';
import { rule as renamingColumn } from './rules/renaming-column.js';
import { rule as renamingTable } from './rules/renaming-table.js';
import { rule as requireConcurrentIndexCreation } from './rules/require-concurrent-index-creation.js';
import { rule as requireConcurrentIndexDeletion } from './rules/require-concurrent-index-deletion.js';
import { rule as requireConcurrentReindex } from './rules/require-concurrent-reindex.js';
import { rule as requireLockTimeout } from './rules/require-lock-timeout.js';
import { rule as rewritingTableStorage } from './rules/rewriting-table-storage.js';
import { rule as settingNotNull } from './rules/setting-not-null.js';
import { rule as statementAfterExclusiveLock } from './rules/statement-after-exclusive-lock.js';
import { rule as syntaxError } from './rules/syntax-error.js';
import { rule as togglingRowLevelSecurity } from './rules/toggling-row-level-security.js';
import { rule as transactionNesting } from './rules/transaction-nesting.js';
import { rule as truncateTable } from './rules/truncate-table.js';
import { rule as unterminatedTransaction } from './rules/unterminated-transaction.js';
import { rule as unusedSuppression } from './rules/unused-suppression.js';
import { rule as updateWithoutWhere } from './rules/update-without-where.js';
import { rule as vacuumFullOrCluster } from './rules/vacuum-full-or-cluster.js';

/** Every rule, one file each under rules/; the order is the docs' order. */
export const RULES: readonly LintRule[] = [
  addingDomainConstraint,
  addingExclusionConstraint,
  addingRequiredColumn,
  addingSerialOrGeneratedColumn,
  addingUniqueConstraintWithoutIndex,
  addingVolatileDefault,
  changingColumnType,
  concurrentlyInTransaction,
  constrainedDomain,
  constraintMissingNotValid,
  deleteWithoutWhere,
  detachPartitionWithoutConcurrently,
  differsFromPsql,
  dropColumn,
  dropDatabase,
  dropSchema,
  dropTable,
  droppingNotNull,
  duplicateColumnAssignment,
  enumValueInTransaction,
  enumValueWithoutPosition,
  foreignKeyWithoutIndex,
  identifierTooLong,
  missingDownScript,
  missingHeaderComment,
  multipleTransactionBlocks,
  namingConvention,
  nonIdempotentDdl,
  notRerunnableWithoutTransaction,
  preferBigintIdentityKey,
  preferIdentity,
  preferJsonb,
  preferTextOverChar,
  preferTextOverVarchar,
  preferTimestamptz,
  primaryKeyOnNullableColumn,
  quotedCharType,
  renamingColumn,
  renamingTable,
  requireConcurrentIndexCreation,
  requireConcurrentIndexDeletion,
  requireConcurrentReindex,
  requireLockTimeout,
  rewritingTableStorage,
  settingNotNull,
  statementAfterExclusiveLock,
  syntaxError,
  togglingRowLevelSecurity,
  transactionNesting,
  truncateTable,
  unterminatedTransaction,
  unusedSuppression,
  updateWithoutWhere,
  vacuumFullOrCluster,
];

const byId = new Map(RULES.map((r) => [r.id, r]));

export function ruleById(id: string): LintRule | undefined {
  return byId.get(id);
}
