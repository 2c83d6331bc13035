-- Migration: Index bookings by class start
-- Date: 2024-03-02
-- Description: The schedule page filters bookings by start time. The table is busy, so the index is
-- built CONCURRENTLY: this migration runs outside a transaction.

-- migrate:up
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_class_bookings_starts_at ON class_bookings(class_starts_at);

-- migrate:down
DROP INDEX CONCURRENTLY IF EXISTS idx_class_bookings_starts_at;
