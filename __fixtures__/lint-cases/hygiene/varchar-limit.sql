-- peers: squawk:prefer-text-field
SET lock_timeout = '3s';
ALTER TABLE carriers ADD COLUMN contact_name varchar(60);
