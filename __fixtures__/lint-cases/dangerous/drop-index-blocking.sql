-- peers: squawk:require-concurrent-index-deletion
SET lock_timeout = '3s';
DROP INDEX parcels_legacy_code_idx;
