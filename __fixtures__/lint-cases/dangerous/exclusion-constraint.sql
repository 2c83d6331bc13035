-- peers: eugene:E8
-- No index can be built beforehand: the table is locked while the constraint's index is built.
SET lock_timeout = '3s';
ALTER TABLE courier_shifts ADD CONSTRAINT courier_shifts_no_overlap EXCLUDE USING gist (courier_id WITH =, shift WITH &&);
