-- safe: a new table, its indexes and keys in the same migration
CREATE TABLE deliveries (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  parcel_id bigint NOT NULL REFERENCES parcels (id),
  courier_id bigint NOT NULL REFERENCES couriers (id),
  delivered_at timestamptz NOT NULL,
  signature jsonb
);
CREATE INDEX deliveries_parcel_id_idx ON deliveries (parcel_id);
CREATE INDEX deliveries_courier_id_idx ON deliveries (courier_id, delivered_at);
ALTER TABLE deliveries ADD CONSTRAINT deliveries_signed CHECK (signature IS NOT NULL);
