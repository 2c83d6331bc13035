-- peers: squawk:ban-duplicate-column-assignments
-- PostgreSQL refuses the statement: the migration can never run.
UPDATE parcels SET state = 'lost', lost_at = now(), state = 'written_off' WHERE lost_at IS NULL AND missing_since < now() - interval '90 days';
