-- The CHECK added NOT VALID in an earlier migration is validated; SET NOT NULL then skips its scan (12+).
ALTER TABLE sensors VALIDATE CONSTRAINT sensors_code_not_null;
ALTER TABLE sensors ALTER COLUMN code SET NOT NULL;
CREATE UNIQUE INDEX CONCURRENTLY sensors_code_key ON sensors (code);
ALTER TABLE sensors ADD CONSTRAINT sensors_pkey PRIMARY KEY USING INDEX sensors_code_key;
