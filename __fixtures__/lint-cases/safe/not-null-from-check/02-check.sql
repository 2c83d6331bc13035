-- safe: CHECK (email IS NOT NULL) added NOT VALID
SET lock_timeout = '3s';
ALTER TABLE customers ADD CONSTRAINT customers_email_present CHECK (email IS NOT NULL) NOT VALID;
