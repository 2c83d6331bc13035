-- safe: a 32-bit count is a choice, not a key
SET lock_timeout = '3s';
ALTER TABLE parcels ADD COLUMN IF NOT EXISTS attempt_count int NOT NULL DEFAULT 0;
