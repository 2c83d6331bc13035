-- peers: squawk:ban-drop-not-null
SET lock_timeout = '3s';
ALTER TABLE parcels ALTER COLUMN recipient_name DROP NOT NULL;
