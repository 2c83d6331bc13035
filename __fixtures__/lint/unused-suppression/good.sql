-- pg-migration-gate:ignore drop-table
DROP TABLE legacy_sessions;
