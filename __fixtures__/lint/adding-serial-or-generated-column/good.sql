ALTER TABLE events ADD COLUMN seq bigint;
-- Computed when read (PostgreSQL 18): nothing is written into existing rows.
ALTER TABLE events ADD COLUMN day date GENERATED ALWAYS AS ((happened_at AT TIME ZONE 'UTC')::date) VIRTUAL;
