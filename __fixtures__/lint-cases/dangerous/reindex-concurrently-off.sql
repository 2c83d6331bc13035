-- peers: squawk:require-concurrent-reindex
-- CONCURRENTLY turned off in the option list: a blocking REINDEX.
REINDEX (CONCURRENTLY false) INDEX parcels_created_at_idx;
