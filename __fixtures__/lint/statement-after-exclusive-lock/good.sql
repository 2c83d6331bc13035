-- The backfill goes in a later migration (or in batches outside one): here only quick statements follow the lock.
ALTER TABLE customers ADD COLUMN country_code text;
COMMENT ON COLUMN customers.country_code IS 'ISO 3166-1 alpha-2';
