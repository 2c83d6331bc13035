-- The rule on the columns instead: added NOT VALID, validated in a later migration without blocking writes.
ALTER TABLE addresses ADD CONSTRAINT addresses_zip_format CHECK (zip ~ '^[0-9]{5}$') NOT VALID;
-- A domain created in the same migration is used by no column yet.
CREATE DOMAIN sku AS text;
ALTER DOMAIN sku ADD CONSTRAINT sku_not_blank CHECK (VALUE <> '');
