-- peers: squawk:renaming-column
SET lock_timeout = '3s';
ALTER TABLE couriers RENAME COLUMN phone TO mobile_phone;
