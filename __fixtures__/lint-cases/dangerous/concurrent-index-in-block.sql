-- peers: squawk:ban-concurrent-index-creation-in-transaction
-- PostgreSQL refuses CREATE INDEX CONCURRENTLY inside a transaction block.
BEGIN;
CREATE INDEX CONCURRENTLY parcels_created_at_idx ON parcels (created_at);
COMMIT;
