-- safe: a temporary table lives and dies with the migration's session, so a re-run starts without it
CREATE TEMP TABLE moved_parcels (parcel_id bigint PRIMARY KEY);
INSERT INTO moved_parcels SELECT id FROM parcels WHERE depot_id = 7;
UPDATE parcels SET depot_id = 9 WHERE id IN (SELECT parcel_id FROM moved_parcels);
