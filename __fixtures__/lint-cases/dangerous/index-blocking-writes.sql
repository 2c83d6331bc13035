-- peers: squawk:require-concurrent-index-creation eugene:E6
SET lock_timeout = '3s';
CREATE INDEX parcels_recipient_idx ON parcels (recipient_name);
