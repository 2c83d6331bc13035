-- peers: squawk:prefer-robust-stmts
-- Runs outside a transaction (CONCURRENTLY): if the index fails, the column stays and a re-run fails at ADD COLUMN.
SET lock_timeout = '3s';
ALTER TABLE parcels ADD COLUMN delivered_at timestamptz;
CREATE INDEX CONCURRENTLY parcels_delivered_at_idx ON parcels (delivered_at);
