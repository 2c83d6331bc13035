-- safe: dropping a default, with lock_timeout
SET lock_timeout = '3s';
ALTER TABLE depots ALTER COLUMN region DROP DEFAULT;
