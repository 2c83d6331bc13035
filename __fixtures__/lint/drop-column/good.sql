ALTER TABLE users DROP COLUMN legacy_password_hash; -- pg-migration-gate:ignore drop-column
