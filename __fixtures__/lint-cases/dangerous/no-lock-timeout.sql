-- peers: squawk:require-lock-timeout squawk:require-timeout-settings eugene:E9
-- A quick ACCESS EXCLUSIVE lock with no lock_timeout: queued behind a long query, it queues everything else.
ALTER TABLE depots ALTER COLUMN region SET DEFAULT 'unassigned';
