-- peers: squawk:disallowed-unique-constraint eugene:E7
-- The unique index is built while the table is locked.
SET lock_timeout = '3s';
ALTER TABLE couriers ADD CONSTRAINT couriers_badge_key UNIQUE (badge_code);
