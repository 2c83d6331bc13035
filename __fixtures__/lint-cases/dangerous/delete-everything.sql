-- peers: none
DELETE FROM scan_events;
