-- Waiting for its lock holds up no read or write.
CREATE INDEX CONCURRENTLY IF NOT EXISTS users_nickname_idx ON users (nickname);
SET lock_timeout = '5s';
ALTER TABLE users ADD COLUMN nickname text;
