-- safe: a backfill of one batch, in a migration of its own
UPDATE parcels SET weight_kg = weight_grams / 1000.0 WHERE id BETWEEN 1 AND 50000 AND weight_kg IS NULL;
