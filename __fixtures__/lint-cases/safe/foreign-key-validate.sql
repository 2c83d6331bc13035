-- safe: the NOT VALID foreign key validated in a later migration
ALTER TABLE parcels VALIDATE CONSTRAINT parcels_courier_fk;
