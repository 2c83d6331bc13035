-- peers: eugene:E11 squawk:adding-field-with-default
SET lock_timeout = '3s';
ALTER TABLE parcels ADD COLUMN volume_cm3 bigint GENERATED ALWAYS AS (length_cm * width_cm * height_cm) STORED;
