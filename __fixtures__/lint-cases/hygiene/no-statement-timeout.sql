-- peers: squawk:require-statement-timeout
SET lock_timeout = '3s';
ALTER TABLE carriers ADD COLUMN rating numeric;
