-- safe: SET NOT NULL skips its scan (PostgreSQL 12+), then the CHECK goes
SET lock_timeout = '3s';
ALTER TABLE customers ALTER COLUMN email SET NOT NULL;
ALTER TABLE customers DROP CONSTRAINT customers_email_present;
