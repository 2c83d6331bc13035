-- peers: squawk:ban-char-field
SET lock_timeout = '3s';
ALTER TABLE carriers ADD COLUMN country char(2);
