-- safe: CREATE INDEX CONCURRENTLY in a migration of its own
CREATE INDEX CONCURRENTLY parcels_courier_id_idx ON parcels (courier_id);
