-- peers: eugene:E11 squawk:adding-field-with-default
SET lock_timeout = '3s';
ALTER TABLE scan_events ADD COLUMN ordinal bigserial;
