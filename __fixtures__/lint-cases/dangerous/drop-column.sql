-- peers: squawk:ban-drop-column
SET lock_timeout = '3s';
ALTER TABLE couriers DROP COLUMN fax_number;
