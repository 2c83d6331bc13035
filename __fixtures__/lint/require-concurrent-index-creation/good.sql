CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_users_email ON users (email);

-- A table created in the same migration is new and empty: a plain index is fine.
CREATE TABLE audit_log (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, at timestamptz NOT NULL);
CREATE INDEX idx_audit_log_at ON audit_log (at);
