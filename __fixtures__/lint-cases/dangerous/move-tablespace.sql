-- peers: eugene:E10 squawk:prefer-repack
SET lock_timeout = '3s';
ALTER TABLE scan_events SET TABLESPACE cold_storage;
