-- peers: squawk:ban-uncommitted-transaction
BEGIN;
SET lock_timeout = '3s';
ALTER TABLE depots ADD COLUMN opened_on date;
