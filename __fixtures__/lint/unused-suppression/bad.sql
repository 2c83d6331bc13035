-- pg-migration-gate:ignore drop-table
ALTER TABLE users ADD COLUMN nickname text;
