-- A table created in the same migration is empty: nothing to copy.
CREATE TABLE import_batches (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, payload jsonb);
ALTER TABLE import_batches SET UNLOGGED;
