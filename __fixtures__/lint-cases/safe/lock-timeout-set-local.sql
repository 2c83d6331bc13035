-- safe: lock_timeout for this transaction only
BEGIN;
SET LOCAL lock_timeout = '2s';
ALTER TABLE depots ADD COLUMN manager_name text;
COMMIT;
