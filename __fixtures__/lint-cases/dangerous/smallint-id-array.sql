-- peers: squawk:prefer-bigint-over-smallint
SET lock_timeout = '3s';
ALTER TABLE routes ADD COLUMN IF NOT EXISTS stop_ids smallint[];
