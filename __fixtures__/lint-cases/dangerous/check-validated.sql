-- peers: squawk:constraint-missing-not-valid eugene:E1
-- The whole table is scanned under an ACCESS EXCLUSIVE lock.
SET lock_timeout = '3s';
ALTER TABLE parcels ADD CONSTRAINT parcels_weight_positive CHECK (weight_grams > 0);
