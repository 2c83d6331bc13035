-- peers: squawk:adding-serial-primary-key-field eugene:E7
-- The key's index is built while the table is locked.
SET lock_timeout = '3s';
ALTER TABLE scan_events ADD PRIMARY KEY (event_id);
