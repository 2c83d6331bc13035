-- peers: squawk:adding-field-with-default eugene:E10
-- A default that differs row by row is written into every existing row.
ALTER TABLE parcels ADD COLUMN tracking_token uuid NOT NULL DEFAULT gen_random_uuid();
