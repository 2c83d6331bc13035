-- peers: squawk:prefer-timestamp-tz
SET lock_timeout = '3s';
ALTER TABLE carriers ADD COLUMN contracted_at timestamp;
