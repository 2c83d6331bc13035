ALTER TABLE users VALIDATE CONSTRAINT users_email_not_null;
-- Validated: PostgreSQL 12+ sees from the CHECK that email holds no NULL, and skips the scan.
ALTER TABLE users ALTER COLUMN email SET NOT NULL;
-- Already NOT NULL: there is nothing to check.
ALTER TABLE users ALTER COLUMN name SET NOT NULL;
