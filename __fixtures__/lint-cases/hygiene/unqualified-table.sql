-- peers: squawk:require-table-schema
CREATE TABLE IF NOT EXISTS carrier_notes (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, body text NOT NULL);
