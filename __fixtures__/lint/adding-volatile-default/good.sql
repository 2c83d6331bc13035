-- now() is the same for every row: PostgreSQL 11+ stores it once, without a rewrite.
ALTER TABLE users ADD COLUMN joined_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE users ADD COLUMN api_key uuid;
ALTER TABLE users ALTER COLUMN api_key SET DEFAULT gen_random_uuid();
