-- peers: squawk:prefer-repack eugene:E10
VACUUM FULL scan_events;
