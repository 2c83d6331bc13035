-- safe: row level security on, with its policy in the same migration
SET lock_timeout = '3s';
ALTER TABLE parcels ENABLE ROW LEVEL SECURITY;
CREATE POLICY parcels_by_depot ON parcels USING (depot_id = current_setting('app.depot_id')::bigint);
