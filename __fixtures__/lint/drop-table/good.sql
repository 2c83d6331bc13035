-- pg-migration-gate:ignore drop-table
DROP TABLE legacy_sessions;

CREATE TABLE scratch (id int);
DROP TABLE scratch;
