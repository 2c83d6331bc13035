-- Migration: Create users
-- Date: 2024-01-01
-- Description: Members of the studio and their contact details

-- migrate:up
BEGIN;

CREATE TABLE IF NOT EXISTS users (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    full_name TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

COMMIT;

-- migrate:down
BEGIN;
DROP TABLE IF EXISTS users;
COMMIT;
