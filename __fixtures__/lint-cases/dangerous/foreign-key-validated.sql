-- peers: squawk:adding-foreign-key-constraint squawk:constraint-missing-not-valid eugene:E1
-- Every parcel is checked against depots while both tables are locked.
SET lock_timeout = '3s';
ALTER TABLE parcels ADD CONSTRAINT parcels_depot_fk FOREIGN KEY (depot_id) REFERENCES depots (id);
