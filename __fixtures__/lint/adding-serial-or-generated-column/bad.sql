ALTER TABLE events ADD COLUMN seq bigserial;
ALTER TABLE events ADD COLUMN day date GENERATED ALWAYS AS ((happened_at AT TIME ZONE 'UTC')::date) STORED;
