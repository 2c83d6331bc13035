-- peers: squawk:prefer-bigint-over-int
-- A reference to parcels by a 32-bit column: it holds keys, and keys outgrow 2.1 billion.
CREATE TABLE IF NOT EXISTS parcel_labels (parcel_id int NOT NULL, printed_at timestamptz NOT NULL);
