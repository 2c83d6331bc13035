-- peers: squawk:transaction-nesting
BEGIN;
SET lock_timeout = '3s';
ALTER TABLE depots ADD COLUMN closed_on date;
BEGIN;
UPDATE depots SET closed_on = now() WHERE name LIKE 'OLD-%';
COMMIT;
COMMIT;
