-- peers: squawk:adding-required-field
-- Fails on a table with rows, and breaks inserts by code that does not know the column.
SET lock_timeout = '3s';
ALTER TABLE couriers ADD COLUMN licence_number text NOT NULL;
