-- peers: squawk:adding-not-nullable-field eugene:E2
-- SET NOT NULL scans the table while holding ACCESS EXCLUSIVE.
SET lock_timeout = '3s';
ALTER TABLE couriers ALTER COLUMN phone SET NOT NULL;
