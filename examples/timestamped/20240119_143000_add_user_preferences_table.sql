-- Migration: Add user preferences table
-- Date: 2024-01-19
-- Description: Add table to store user yoga preferences and goals

-- migrate:up
BEGIN;

-- Create user_preferences table
CREATE TABLE IF NOT EXISTS user_preferences (
    id SERIAL PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    preferred_difficulty VARCHAR(20) DEFAULT 'beginner',
    session_duration INTEGER DEFAULT 30,
    preferred_time VARCHAR(20) DEFAULT 'morning',
    focus_areas TEXT[],
    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    UNIQUE(user_id)
);

-- Add index for better performance
CREATE INDEX IF NOT EXISTS idx_user_preferences_user_id ON user_preferences(user_id);

COMMIT;

-- migrate:down
BEGIN;
DROP TABLE IF EXISTS user_preferences;
COMMIT;
