-- peers: squawk:require-concurrent-reindex
REINDEX INDEX parcels_created_at_idx;
