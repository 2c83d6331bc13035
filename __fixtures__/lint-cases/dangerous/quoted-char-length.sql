-- peers: squawk:ban-char-field
-- Quoted, "char" is a one-byte type that takes no length: PostgreSQL refuses this table.
CREATE TABLE IF NOT EXISTS depot_codes (code "char"(4) PRIMARY KEY);
