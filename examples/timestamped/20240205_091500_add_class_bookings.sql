-- Migration: Add class bookings
-- Date: 2024-02-05
-- Description: Bookings of members into classes, with the lookup the schedule page needs

-- migrate:up
BEGIN;

CREATE TABLE IF NOT EXISTS class_bookings (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    class_starts_at TIMESTAMPTZ NOT NULL,
    status TEXT NOT NULL DEFAULT 'booked' CHECK (status IN ('booked', 'cancelled', 'attended')),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS idx_class_bookings_user_id ON class_bookings(user_id);

COMMIT;

-- migrate:down
BEGIN;
DROP TABLE IF EXISTS class_bookings;
COMMIT;
