-- peers: squawk:changing-column-type eugene:E5 eugene:E10
-- int to bigint rewrites the table under ACCESS EXCLUSIVE.
SET lock_timeout = '3s';
ALTER TABLE invoices ALTER COLUMN amount_cents TYPE bigint;
