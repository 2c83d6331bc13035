-- peers: eugene:E3
SET lock_timeout = '3s';
ALTER TABLE carriers ADD COLUMN api_settings json;
