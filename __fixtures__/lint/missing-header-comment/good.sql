-- Migration: add nickname
-- Description: members can pick a display name
ALTER TABLE users ADD COLUMN nickname text;
