-- safe: a constant default (PostgreSQL 11+ stores it once), with lock_timeout
SET lock_timeout = '3s';
ALTER TABLE parcels ADD COLUMN priority int NOT NULL DEFAULT 0;
ALTER TABLE parcels ADD COLUMN registered_at timestamptz NOT NULL DEFAULT now();
