-- safe: COMMENT ON and CREATE TYPE take no lock a read or a write waits behind
COMMENT ON COLUMN parcels.weight_grams IS 'as weighed at intake';
CREATE TYPE parcel_size AS ENUM ('small', 'medium', 'large');
