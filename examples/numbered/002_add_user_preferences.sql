-- Migration: 002_add_user_preferences
-- Description: Language and notification preferences per user
-- Author: DBA Team
-- Date: 2026-01-10

BEGIN;

ALTER TABLE users ADD COLUMN IF NOT EXISTS preferred_language TEXT NOT NULL DEFAULT 'ar';
ALTER TABLE users ADD COLUMN IF NOT EXISTS notify_by_email BOOLEAN NOT NULL DEFAULT true;

-- Rollback instructions (as comments)
-- ROLLBACK: ALTER TABLE users DROP COLUMN IF EXISTS notify_by_email;
-- ROLLBACK: ALTER TABLE users DROP COLUMN IF EXISTS preferred_language;

COMMIT;
