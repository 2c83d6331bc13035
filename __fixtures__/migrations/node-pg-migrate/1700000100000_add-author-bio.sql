-- Up Migration
ALTER TABLE authors ADD COLUMN bio text;

-- Down Migration
ALTER TABLE authors DROP COLUMN bio;
