-- safe: CREATE INDEX CONCURRENTLY, re-runnable
CREATE INDEX CONCURRENTLY IF NOT EXISTS scan_events_parcel_id_idx ON scan_events (parcel_id);
