-- peers: eugene:W12
SET lock_timeout = '3s';
ALTER TABLE carriers ADD COLUMN website text;
ALTER TABLE carriers ADD COLUMN support_email text;
