-- peers: squawk:renaming-table
SET lock_timeout = '3s';
ALTER TABLE couriers RENAME TO drivers;
