-- safe: CHECK added NOT VALID, with lock_timeout
SET lock_timeout = '3s';
ALTER TABLE parcels ADD CONSTRAINT parcels_length_positive CHECK (length_cm > 0) NOT VALID;
