-- safe: then the constraint adopts it
SET lock_timeout = '3s';
ALTER TABLE couriers ADD CONSTRAINT couriers_email_key UNIQUE USING INDEX couriers_email_key;
