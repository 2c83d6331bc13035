-- safe: a new enum value in a migration of its own, placed explicitly
ALTER TYPE parcel_state ADD VALUE IF NOT EXISTS 'returned' AFTER 'delivered';
