-- peers: squawk:require-concurrent-partition-detach
SET lock_timeout = '3s';
ALTER TABLE scan_events DETACH PARTITION scan_events_2023;
