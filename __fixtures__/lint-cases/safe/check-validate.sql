-- safe: the NOT VALID check validated in a later migration
ALTER TABLE parcels VALIDATE CONSTRAINT parcels_length_positive;
