-- peers: eugene:E4
-- The backfill runs while the lock taken by ADD COLUMN is still held.
SET lock_timeout = '3s';
ALTER TABLE parcels ADD COLUMN weight_kg numeric;
UPDATE parcels SET weight_kg = weight_grams / 1000.0;
